package io.pkgpulse.reporting.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pkgpulse.ratelimit.*}: requests per minute per client, counted in this process's
 * memory.
 *
 * @param enabled whether requests are limited at all
 * @param anonymousPerMinute requests a client address may make per minute without an API
 * key (signed-in browser sessions count under their address too)
 * @param apiKeyPerMinute requests per minute for callers with an API key, shared by all
 * keys of one user
 * @param maxClients how many clients' counters are kept at most (the least recently seen
 * are dropped first)
 */
@ConfigurationProperties("pkgpulse.ratelimit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("300") int anonymousPerMinute,
        @DefaultValue("3000") int apiKeyPerMinute, @DefaultValue("100000") int maxClients) {

    public RateLimitProperties {
        if (anonymousPerMinute < 1 || apiKeyPerMinute < 1 || maxClients < 1) {
            throw new IllegalArgumentException("pkgpulse.ratelimit limits must be positive");
        }
    }
}
