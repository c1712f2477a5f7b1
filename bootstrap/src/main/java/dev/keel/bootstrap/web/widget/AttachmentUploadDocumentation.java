package dev.keel.bootstrap.web.widget;

import dev.keel.bootstrap.config.AttachmentProperties;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * The upload's body in the OpenAPI document: the file's bytes, in one of the content types the
 * configuration allows. The controller reads the raw request, so springdoc cannot see it, and the
 * types come from keel.attachments, not from an annotation that could disagree with it.
 */
@Component
class AttachmentUploadDocumentation implements OperationCustomizer {

    private static final String OPERATION = "attachWidgetFile";

    private final AttachmentProperties attachments;

    AttachmentUploadDocumentation(AttachmentProperties attachments) {
        this.attachments = attachments;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        if (!OPERATION.equals(operation.getOperationId())) {
            return operation;
        }
        Content content = new Content();
        attachments.allowedContentTypes().stream()
                .sorted()
                .forEach(type ->
                        content.addMediaType(type, new MediaType().schema(new StringSchema().format("binary"))));
        return operation.requestBody(new RequestBody()
                .required(true)
                .description("The file, at most " + attachments.maxSize().toBytes() + " bytes.")
                .content(content));
    }
}
