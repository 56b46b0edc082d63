package io.pkgpulse.reporting.problems;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import static io.pkgpulse.reporting.problems.ProblemTypes.CSRF;
import static io.pkgpulse.reporting.problems.ProblemTypes.FORBIDDEN;
import static io.pkgpulse.reporting.problems.ProblemTypes.INVALID_API_KEY;
import static io.pkgpulse.reporting.problems.ProblemTypes.REJECTED_REQUEST;
import static io.pkgpulse.reporting.problems.ProblemTypes.UNAUTHORIZED;

/**
 * RFC 9457 problem details written where Spring MVC's exception handling does not reach:
 * Spring Security's filters (401, 403, CSRF, rejected requests), the rate limiter (429)
 * and malformed parameters (400). The {@code type} URIs are listed in
 * {@link ProblemTypes}.
 */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, URI type,
            String title, String detail, Map<String, ?> properties) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.toString());
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        body.putAll(properties);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(body));
        response.getWriter().flush();
    }

    /**
     * 401 for requests that need a signed-in caller, and (when {@code invalidApiKey}) for
     * a wrong, unknown or revoked API key.
     */
    public void unauthorized(HttpServletRequest request, HttpServletResponse response, boolean invalidApiKey)
            throws IOException {
        response.setHeader("WWW-Authenticate", "X-API-Key");
        if (invalidApiKey) {
            write(request, response, HttpStatus.UNAUTHORIZED, INVALID_API_KEY, "Invalid API key",
                    "The X-API-Key header does not hold a valid API key; it may be mistyped or revoked.", Map.of());
        }
        else {
            write(request, response, HttpStatus.UNAUTHORIZED, UNAUTHORIZED, "Unauthorized",
                    "Sign in (POST /api/auth/login) or send an API key in the X-API-Key header.", Map.of());
        }
    }

    /**
     * 403 for a signed-in caller who may not do this, and for a session request without a
     * valid CSRF token.
     */
    public AccessDeniedHandler accessDeniedHandler() {
        return (request, response, ex) -> {
            if (ex instanceof CsrfException) {
                write(request, response, HttpStatus.FORBIDDEN, CSRF, "Missing or invalid CSRF token",
                        "Requests that change something with a session cookie must send the XSRF-TOKEN cookie's "
                                + "value in the X-XSRF-TOKEN header.",
                        Map.of());
            }
            else {
                write(request, response, HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden", "You may not do this.",
                        Map.of());
            }
        };
    }

    /**
     * 400 for a request Spring Security's firewall refuses (e.g. a ';' or an encoded '/'
     * in the path).
     */
    public RequestRejectedHandler requestRejectedHandler() {
        return (request, response, ex) -> write(request, response, HttpStatus.BAD_REQUEST, REJECTED_REQUEST,
                "Rejected request", "The request's URL or headers contain characters this server does not accept.",
                Map.of());
    }

}
