package dev.keel.bootstrap.config;

import dev.keel.bootstrap.web.common.JsonByDefaultHandlerMapping;
import dev.keel.bootstrap.web.error.ProblemReportValve;
import java.util.Arrays;
import org.apache.catalina.Pipeline;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every error a problem detail, and none after a write: Tomcat's own error page replaced, and
 * content negotiation decided before a handler runs.
 */
@Configuration(proxyBeanMethods = false)
public class WebErrorConfiguration {

    /** Last, so that it replaces the valve Spring Boot's own customizer adds. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // The host adds a valve of this class when it starts, unless its pipeline has one.
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                Pipeline pipeline = host.getPipeline();
                Arrays.stream(pipeline.getValves())
                        .filter(ErrorReportValve.class::isInstance)
                        .forEach(pipeline::removeValve);
                pipeline.addValve(new ProblemReportValve());
            }
        });
    }

    @Bean
    WebMvcRegistrations jsonByDefault() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new JsonByDefaultHandlerMapping();
            }
        };
    }
}
