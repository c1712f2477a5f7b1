package dev.keel.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.bootstrap.KeelApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ProductionPlaceholdersTest {

    @Test
    void theApplicationRefusesToStartInProductionOnApplicationYmlsDefaultsNamingEachOne() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(KeelApplication.class)
                        .profiles("prod")
                        .web(WebApplicationType.SERVLET)
                        .run("--server.port=0"))
                .rootCause()
                .hasMessageContaining("Refusing to start in production with development placeholders")
                .hasMessageContaining(
                        "spring.datasource.password is the development value; set SPRING_DATASOURCE_PASSWORD")
                .hasMessageContaining("keel.s3.access-key is the development value; set KEEL_S3_ACCESS_KEY")
                .hasMessageContaining("keel.s3.secret-key is the development value; set KEEL_S3_SECRET_KEY")
                .hasMessageContaining("issuer-uri is the development value; set KEEL_ISSUER_URI");
    }

    @Test
    void realValuesPassAndALoopbackIssuerDoesNot() {
        StandardEnvironment real = environment(Map.of(
                "spring.datasource.password", "s3cr3t-from-the-vault",
                "keel.s3.access-key", "AKIA-REAL",
                "keel.s3.secret-key", "real-secret",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://login.example.com/realms/shop"));
        assertThat(ProductionPlaceholders.placeholdersIn(real)).isEmpty();

        StandardEnvironment loopback = environment(Map.of(
                "spring.datasource.password", "s3cr3t",
                "keel.s3.access-key", "AKIA-REAL",
                "keel.s3.secret-key", "real-secret",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://127.0.0.1:9400"));
        assertThat(ProductionPlaceholders.placeholdersIn(loopback))
                .containsExactly("spring.security.oauth2.resourceserver.jwt.issuer-uri is the development value; "
                        + "set KEEL_ISSUER_URI");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
