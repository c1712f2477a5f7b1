package dev.keel.bootstrap.web.common;

import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every handler method that answers with a body produces JSON unless its mapping says what else
 * it produces. Spring then refuses an Accept it cannot satisfy (406) when it picks the handler,
 * before the handler runs: without it, a write would be applied and only then answered 406, when
 * the response is written. Holds for every controller a team adds, with nothing to remember.
 */
public class JsonByDefaultHandlerMapping extends RequestMappingHandlerMapping {

    @Override
    protected @Nullable RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
        RequestMappingInfo info = super.getMappingForMethod(method, handlerType);
        if (info == null
                || !info.getProducesCondition().isEmpty()
                || ErrorController.class.isAssignableFrom(handlerType)
                || !answersWithBody(method, handlerType)) {
            return info;
        }
        return info.mutate().produces(MediaType.APPLICATION_JSON_VALUE).build();
    }

    /** A @ResponseBody method returning something other than nothing (void, ResponseEntity<Void>). */
    private static boolean answersWithBody(Method method, Class<?> handlerType) {
        boolean responseBody = AnnotatedElementUtils.hasAnnotation(method, ResponseBody.class)
                || AnnotatedElementUtils.hasAnnotation(handlerType, ResponseBody.class);
        ResolvableType returned = ResolvableType.forMethodReturnType(method, handlerType);
        boolean entity = HttpEntity.class.isAssignableFrom(returned.toClass());
        if (!responseBody && !entity) {
            return false;
        }
        Class<?> body = entity ? returned.as(HttpEntity.class).getGeneric(0).toClass() : returned.toClass();
        return body != void.class && body != Void.class;
    }
}
