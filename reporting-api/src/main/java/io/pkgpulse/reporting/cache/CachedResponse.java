package io.pkgpulse.reporting.cache;

import java.io.IOException;
import java.time.Instant;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A 200 answer as the controller and the ETag filter made it: the body, the headers that
 * describe it, and what it describes. {@code Last-Modified} is not kept: it is worked out
 * anew for each answer given from memory.
 */
record CachedResponse(byte[] body, Map<String, String> headers, AnswerScope scope, long storedAtNanos) {

    /**
     * The headers that belong to the representation; security headers and cookies are
     * written per request.
     */
    private static final List<String> KEPT = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CACHE_CONTROL,
            HttpHeaders.ETAG, HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.VARY, HttpHeaders.CONTENT_LANGUAGE);

    /**
     * The answer in {@code response}, if anyone may be given it: a 200 that says
     * {@code Cache-Control: public} and whose scope is known.
     */
    static CachedResponse ifPublic(ContentCachingResponseWrapper response, AnswerScope scope, long nowNanos) {
        String cacheControl = response.getHeader(HttpHeaders.CACHE_CONTROL);
        if (scope == null || response.getStatus() != HttpServletResponse.SC_OK || cacheControl == null
                || !cacheControl.contains("public") || response.getHeader(HttpHeaders.ETAG) == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT) {
            String value = name.equals(HttpHeaders.CONTENT_TYPE) ? response.getContentType() : response.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return new CachedResponse(response.getContentAsByteArray(), Map.copyOf(headers), scope, nowNanos);
    }

    /**
     * Answers {@code request} from memory: 304 when the client has this version already
     * (by its ETag, or else by {@code lastModified}), else the body.
     */
    void writeTo(HttpServletRequest request, HttpServletResponse response, long nowNanos, Instant lastModified)
            throws IOException {
        boolean notModified = notModified(request.getHeaders(HttpHeaders.IF_NONE_MATCH))
                || (lastModified != null && HttpCaching.notModifiedSince(request, lastModified));
        headers.forEach((name, value) -> {
            if (!notModified || !name.equals(HttpHeaders.CONTENT_TYPE)) {
                response.setHeader(name, value);
            }
        });
        if (lastModified != null) {
            response.setDateHeader(HttpHeaders.LAST_MODIFIED, lastModified.toEpochMilli());
        }
        // How old the answer is, so that HTTP caches downstream count max-age from when
        // it was made (RFC 9111 §5.1).
        response.setHeader(HttpHeaders.AGE, Long.toString((nowNanos - storedAtNanos) / 1_000_000_000L));
        if (notModified) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The weight in the cache: roughly the memory the entry takes. */
    int weight(String key) {
        return body.length + 2 * key.length() + 256;
    }

    private boolean notModified(Enumeration<String> ifNoneMatch) {
        String etag = headers.get(HttpHeaders.ETAG);
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        while (ifNoneMatch.hasMoreElements()) {
            for (String candidate : ifNoneMatch.nextElement().split(",")) {
                String tag = candidate.trim();
                // Weak comparison, as for If-None-Match (RFC 9110 §13.1.2).
                if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(opaque)) {
                    return true;
                }
            }
        }
        return false;
    }
}
