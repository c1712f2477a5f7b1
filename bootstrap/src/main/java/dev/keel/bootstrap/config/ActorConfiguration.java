package dev.keel.bootstrap.config;

import dev.keel.bootstrap.security.ActorArgumentResolver;
import dev.keel.bootstrap.security.SubjectValidator;
import dev.keel.domain.common.Actor;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who did it: controllers take an {@link Actor} parameter, filled from the verified token's
 * subject, and pass it to the use cases. It is no part of the request a client writes, so the
 * OpenAPI document leaves it out.
 */
@Configuration(proxyBeanMethods = false)
public class ActorConfiguration implements WebMvcConfigurer {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Bean
    OAuth2TokenValidator<Jwt> subjectValidator() {
        return new SubjectValidator();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ActorArgumentResolver());
    }
}
