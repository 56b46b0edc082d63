package io.pkgpulse.reporting.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.csrf.CsrfToken;

/**
 * The CSRF token is loaded lazily, so a response carries the {@code XSRF-TOKEN} cookie
 * only where the token is used. Login and {@code GET /api/me} use it, so that a session
 * client always holds the cookie it must echo in {@code X-XSRF-TOKEN}; public responses
 * stay free of cookies (and cacheable).
 */
public final class CsrfCookie {

    private CsrfCookie() {
    }

    public static void render(HttpServletRequest request) {
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken();
        }
    }

}
