package io.pkgpulse.reporting.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the {@link RequestLimiter} to every limited request. It belongs in the security
 * filter chain after authentication, so that it knows API-key callers, and before
 * authorization, so that refused requests count too; it is not a bean, so that Spring
 * Boot does not also register it as a servlet filter of its own.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final RequestLimiter rateLimiter;

    RateLimitFilter(RequestLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !rateLimiter.applies(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (rateLimiter.admit(request, response)) {
            chain.doFilter(request, response);
        }
    }

}
