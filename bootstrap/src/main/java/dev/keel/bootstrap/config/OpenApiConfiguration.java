package dev.keel.bootstrap.config;

import dev.keel.bootstrap.web.common.ApiDocumentRules;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's frame: title and version from the build (build-info), one relative
 * server so the document is the same wherever it is served, the OAuth2 scheme with its scopes.
 * What each operation answers comes from the controllers and {@link ApiDocumentRules}.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    /** Where clients get a token when keel.security.token-url is not set: the local issuer of make run. */
    static final String DEFAULT_TOKEN_URL = "http://127.0.0.1:9400/oauth2/token";

    @Bean
    OpenAPI openApi(
            ObjectProvider<BuildProperties> build,
            @Value("${keel.security.token-url:" + DEFAULT_TOKEN_URL + "}") String tokenUrl) {
        BuildProperties properties = build.getIfAvailable();
        String title = properties == null || properties.get("api.title") == null ? "API" : properties.get("api.title");
        String version = properties == null || properties.getVersion() == null ? "unknown" : properties.getVersion();
        Scopes scopes = new Scopes(); // filled by ApiDocumentRules from the operations
        return new OpenAPI()
                .info(new Info()
                        .title(title)
                        .version(version)
                        .description("Errors are RFC 9457 problem details (application/problem+json) with a"
                                + " stable `type`; changes need the ETag of the version changed in If-Match."))
                .servers(List.of(new Server().url("/").description("The server this document is served from")))
                .components(new Components()
                        .addSecuritySchemes(
                                ApiDocumentRules.SECURITY_SCHEME,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.OAUTH2)
                                        .description("OAuth2 access tokens (JWT) from the issuer, as Bearer tokens.")
                                        .flows(new OAuthFlows()
                                                .clientCredentials(new OAuthFlow()
                                                        .tokenUrl(tokenUrl)
                                                        .scopes(scopes)))));
    }

    @Bean
    ApiDocumentRules apiDocumentRules() {
        return new ApiDocumentRules();
    }
}
