package io.pkgpulse.reporting.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The rate limits as the security filter chain applies them (after authentication, before
 * authorization), and to wrong API keys. An interface here so that the chain does not
 * depend on how limits are kept (ratelimit/).
 */
public interface RequestLimiter {

    /** Whether requests to this path are limited at all. */
    boolean applies(HttpServletRequest request);

    /**
     * Whether the request may go on; if not, the refusal (429) has been written to
     * {@code response}.
     */
    boolean admit(HttpServletRequest request, HttpServletResponse response) throws IOException;

}
