package dev.keel.bootstrap.web.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A JSON answer goes out in one piece with its {@code Content-Length}: Spring flushes the response
 * after writing a body, which made Tomcat send the headers and body as a chunk, then the last chunk
 * in a second write, for every answer (a tenth of a read's CPU with the client's, docs/performance.md).
 * Flushing a JSON response is therefore left to Tomcat, which sends it whole when the request ends,
 * or in chunks once it outgrows Tomcat's buffer. Other types (an event stream, a download) flush as
 * they ask.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class WholeJsonResponses extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new UnflushedWhenJson(response));
    }

    static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.isCompatibleWith(type) || "json".equals(type.getSubtypeSuffix());
        } catch (IllegalArgumentException notAMediaType) {
            return false;
        }
    }

    private static final class UnflushedWhenJson extends HttpServletResponseWrapper {

        private @Nullable ServletOutputStream body;

        UnflushedWhenJson(HttpServletResponse response) {
            super(response);
        }

        private boolean flushes() {
            return !isJson(getContentType());
        }

        @Override
        public void flushBuffer() throws IOException {
            if (flushes()) {
                super.flushBuffer();
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (body == null) {
                body = new Body(super.getOutputStream());
            }
            return body;
        }

        private final class Body extends ServletOutputStream {

            private final ServletOutputStream delegate;

            Body(ServletOutputStream delegate) {
                this.delegate = delegate;
            }

            @Override
            public void write(int b) throws IOException {
                delegate.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                delegate.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                if (flushes()) {
                    delegate.flush();
                }
            }

            @Override
            public void close() throws IOException {
                delegate.close();
            }

            @Override
            public boolean isReady() {
                return delegate.isReady();
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                delegate.setWriteListener(listener);
            }
        }
    }
}
