package dev.keel.tools.apicontract;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedHeader;
import org.openapitools.openapidiff.core.model.ChangedHeaders;
import org.openapitools.openapidiff.core.model.ChangedMediaType;
import org.openapitools.openapidiff.core.model.ChangedOAuthFlow;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedRequestBody;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.ChangedSecurityRequirement;
import org.openapitools.openapidiff.core.model.ChangedSecurityRequirements;
import org.openapitools.openapidiff.core.model.ChangedSecurityScheme;
import org.openapitools.openapidiff.core.model.Endpoint;
import org.openapitools.openapidiff.core.model.schema.ChangedEnum;
import org.openapitools.openapidiff.core.model.schema.ChangedRequired;

/**
 * The changes from one OpenAPI document to the next that can break a client of the first. Which
 * change breaks is openapi-diff's verdict (a removed operation, status or media type, a new
 * required input, a changed type, an enum narrowed for requests or widened for responses...),
 * with one rule of Keel's on top: a removed field always breaks, since the API refuses unknown
 * request fields and a client may read any response field. This class names each break where it
 * happens.
 */
public final class ApiCompatibility {

    // Schemas can refer to themselves; deeper than this, a break is named at the level above.
    private static final int MAX_DEPTH = 32;

    private ApiCompatibility() {}

    /** The breaking changes from {@code previous} to {@code current} (OpenAPI JSON or YAML), sorted. */
    public static List<ApiBreak> breaks(String previous, String current) {
        ChangedOpenApi diff = OpenApiCompare.fromContents(previous, current);
        SortedSet<ApiBreak> breaks = new TreeSet<>();
        for (Endpoint removed : diff.getMissingEndpoints()) {
            breaks.add(new ApiBreak(removed.getMethod() + " " + removed.getPathUrl() + ": operation removed"));
        }
        for (ChangedOperation operation : diff.getChangedOperations()) {
            String name = operation.getHttpMethod() + " " + operation.getPathUrl();
            SortedSet<ApiBreak> named = new TreeSet<>();
            new Walk(name, "", named).operation(operation);
            if (named.isEmpty() && operation.isIncompatible()) {
                // openapi-diff found a break this walk does not name: still a break, named as well as it can be.
                named.add(new ApiBreak(name + ": incompatible change (openapi-diff)"));
            }
            breaks.addAll(named);
        }
        return List.copyOf(breaks);
    }

    /** Names the breaks below one operation: where (operation, part, media type) and which field. */
    private record Walk(String where, String field, SortedSet<ApiBreak> breaks) {

        private Walk at(String place) {
            return new Walk(where + ": " + place, "", breaks);
        }

        private Walk field(String name) {
            return new Walk(where, qualified(name), breaks);
        }

        private String qualified(String name) {
            return field.isEmpty() ? name : field + "." + name;
        }

        private void add(String what) {
            breaks.add(new ApiBreak(where + (field.isEmpty() ? "" : ": field " + field) + ": " + what));
        }

        void operation(ChangedOperation operation) {
            parameters(operation.getParameters());
            ChangedRequestBody body = operation.getRequestBody();
            if (body != null) {
                if (body.isChangeRequired() && body.isCoreChanged().isIncompatible()) {
                    add("request body became required");
                }
                at("request body").content(body.getContent());
            }
            responses(operation.getApiResponses());
            security(operation.getSecurityRequirements());
        }

        private void parameters(@Nullable ChangedParameters parameters) {
            if (parameters == null) {
                return;
            }
            for (Parameter removed : parameters.getMissing()) {
                add(parameterName(removed) + " removed");
            }
            for (Parameter added : parameters.getIncreased()) {
                if (Boolean.TRUE.equals(added.getRequired())) {
                    add("new required " + parameterName(added));
                }
            }
            for (ChangedParameter changed : parameters.getChanged()) {
                String name = changed.getIn() + " parameter " + changed.getName();
                if (changed.isCoreChanged().isIncompatible()) {
                    add(name + " " + parameterChange(changed));
                }
                at(name).schema(changed.getSchema(), 0);
                at(name).content(changed.getContent());
            }
        }

        private static String parameterName(Parameter parameter) {
            return parameter.getIn() + " parameter " + parameter.getName();
        }

        private static String parameterChange(ChangedParameter changed) {
            List<String> what = new ArrayList<>();
            if (changed.isChangeRequired()) {
                what.add("became required");
            }
            if (changed.isChangeStyle()) {
                what.add("changed style");
            }
            if (changed.isChangeExplode()) {
                what.add("changed explode");
            }
            if (changed.isChangeAllowEmptyValue()) {
                what.add("no longer allows an empty value");
            }
            return String.join(", ", what);
        }

        private void responses(@Nullable ChangedApiResponse responses) {
            if (responses == null) {
                return;
            }
            for (String status : new TreeSet<>(responses.getMissing().keySet())) {
                add("response " + status + " removed");
            }
            for (Map.Entry<String, ChangedResponse> changed :
                    responses.getChanged().entrySet()) {
                Walk response = at("response " + changed.getKey());
                response.headers(changed.getValue().getHeaders());
                response.content(changed.getValue().getContent());
            }
        }

        private void headers(@Nullable ChangedHeaders headers) {
            if (headers == null) {
                return;
            }
            for (String removed : new TreeSet<>(headers.getMissing().keySet())) {
                add("header " + removed + " removed");
            }
            for (Map.Entry<String, ChangedHeader> changed : headers.getChanged().entrySet()) {
                if (changed.getValue().isCoreChanged().isIncompatible()) {
                    add("header " + changed.getKey() + " changed its required, style or explode");
                }
                at("header " + changed.getKey()).schema(changed.getValue().getSchema(), 0);
            }
        }

        private void content(@Nullable ChangedContent content) {
            if (content == null) {
                return;
            }
            if (content.isCoreChanged().isIncompatible()) {
                for (String removed : new TreeSet<>(content.getMissing().keySet())) {
                    add("media type " + removed + " removed");
                }
            }
            for (Map.Entry<String, ChangedMediaType> changed :
                    content.getChanged().entrySet()) {
                at(changed.getKey()).schema(changed.getValue().getSchema(), 0);
            }
        }

        private void schema(@Nullable ChangedSchema schema, int depth) {
            if (schema == null || depth > MAX_DEPTH) {
                return;
            }
            for (String removed : new TreeSet<>(schema.getMissingProperties().keySet())) {
                breaks.add(new ApiBreak(where + ": field " + qualified(removed) + " removed"));
            }
            if (schema.isChangedType() && schema.isCoreChanged().isIncompatible()) {
                add("type changed from " + type(schema.getOldSchema()) + " to " + type(schema.getNewSchema()));
            } else if (schema.isDiscriminatorPropertyChanged()) {
                add("discriminator changed");
            }
            ChangedEnum<?> enumeration = schema.getEnumeration();
            if (enumeration != null && enumeration.isIncompatible()) {
                if (schema.getContext().isRequest()) {
                    add("enum values no longer accepted: " + values(enumeration.getMissing()));
                } else {
                    add("new enum values a client may not know: " + values(enumeration.getIncreased()));
                }
            }
            ChangedRequired required = schema.getRequired();
            if (required != null && required.isIncompatible()) {
                if (schema.getContext().isRequest()) {
                    add("fields became required: " + values(required.getIncreased()));
                } else {
                    // A field removed was named above; one kept but optional now may be missing.
                    List<String> optional = required.getMissing().stream()
                            .filter(name -> !schema.getMissingProperties().containsKey(name))
                            .toList();
                    if (!optional.isEmpty()) {
                        add("fields no longer always present: " + values(optional));
                    }
                }
            }
            for (Changed constraint : constraints(schema)) {
                if (constraint.isIncompatible()) {
                    add(constraintName(constraint) + " narrowed");
                }
            }
            for (Map.Entry<String, ChangedSchema> property :
                    schema.getChangedProperties().entrySet()) {
                field(property.getKey()).schema(property.getValue(), depth + 1);
            }
            if (schema.getItems() != null) {
                new Walk(where, field + "[]", breaks).schema(schema.getItems(), depth + 1);
            }
            if (schema.getAddProp() != null) {
                new Walk(where, field + "{}", breaks).schema(schema.getAddProp(), depth + 1);
            }
            if (schema.getOneOfSchema() != null && schema.getOneOfSchema().isIncompatible()) {
                add("oneOf alternatives changed");
            }
        }

        private static List<Changed> constraints(ChangedSchema schema) {
            return Stream.of(
                            schema.getMaxLength(),
                            schema.getMinLength(),
                            schema.getNumericRange(),
                            schema.getMultipleOf(),
                            schema.getMaxItems(),
                            schema.getMinItems(),
                            schema.getMaxProperties(),
                            schema.getMinProperties(),
                            schema.getUniqueItems(),
                            schema.getPattern(),
                            schema.getReadOnly(),
                            schema.getWriteOnly(),
                            schema.getNullable())
                    .filter(Objects::nonNull)
                    .map(Changed.class::cast)
                    .toList();
        }

        /** {@code maxLength} from ChangedMaxLength. */
        private static String constraintName(Changed constraint) {
            String name = constraint.getClass().getSimpleName().replaceFirst("^Changed", "");
            return Character.toLowerCase(name.charAt(0)) + name.substring(1);
        }

        private void security(@Nullable ChangedSecurityRequirements security) {
            if (security == null) {
                return;
            }
            if (security.isCoreChanged().isIncompatible()) {
                for (SecurityRequirement removed : security.getMissing()) {
                    add("security requirement " + removed + " removed");
                }
            }
            for (ChangedSecurityRequirement changed : security.getChanged()) {
                if (changed.isCoreChanged().isIncompatible() && changed.getIncreased() != null) {
                    add("needs more security: " + changed.getIncreased());
                }
                for (ChangedSecurityScheme scheme : changed.getChanged()) {
                    securityScheme(scheme);
                }
            }
        }

        private void securityScheme(ChangedSecurityScheme scheme) {
            if (scheme.getChangedScopes() != null
                    && !scheme.getChangedScopes().getIncreased().isEmpty()
                    && scheme.isCoreChanged().isIncompatible()) {
                add("needs scopes " + values(scheme.getChangedScopes().getIncreased()));
            } else if (scheme.isCoreChanged().isIncompatible()) {
                add("security scheme changed");
            }
            if (scheme.getOAuthFlows() != null) {
                for (ChangedOAuthFlow flow : Stream.of(
                                scheme.getOAuthFlows().getClientCredentialOAuthFlow(),
                                scheme.getOAuthFlows().getAuthorizationCodeOAuthFlow(),
                                scheme.getOAuthFlows().getImplicitOAuthFlow(),
                                scheme.getOAuthFlows().getPasswordOAuthFlow())
                        .filter(Objects::nonNull)
                        .toList()) {
                    if (flow.isCoreChanged().isIncompatible()) {
                        add("OAuth2 flow URLs changed (token "
                                + flow.getNewOAuthFlow().getTokenUrl() + ")");
                    }
                }
            }
        }

        private static String type(@Nullable Schema<?> schema) {
            if (schema == null) {
                return "nothing";
            }
            String type = schema.getType() != null
                    ? schema.getType()
                    : schema.getTypes() != null ? String.join("|", new TreeSet<>(schema.getTypes())) : "any";
            return schema.getFormat() == null ? type : type + " (" + schema.getFormat() + ")";
        }

        private static String values(List<?> values) {
            return String.join(
                    ", ", values.stream().map(String::valueOf).sorted().toList());
        }
    }
}
