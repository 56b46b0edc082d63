package io.pkgpulse.reporting.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code pkgpulse.response-cache.*}: public statistics and badges kept in memory for a short while.
 *
 * @param enabled whether answers are cached at all
 * @param ttl how long an answer is served from memory; at most the {@code max-age} the API announces (60 s), so that
 *        nobody gets an answer older than a shared HTTP cache could give them
 * @param maxSize the memory the cached bodies may take; the least used are dropped first
 * @param seriesMaxSize the memory the last 180 days of recently asked series may take (rows from which the answers
 *        for any window inside them are cut, for the same ttl)
 */
@ConfigurationProperties("pkgpulse.response-cache")
public record ResponseCacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration ttl,
        @DefaultValue("128MB") DataSize maxSize, @DefaultValue("64MB") DataSize seriesMaxSize) {

    public ResponseCacheProperties {
        if (ttl.isNegative() || ttl.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("pkgpulse.response-cache.ttl must be between 0 and 60 s");
        }
        if (maxSize.toBytes() < 0 || seriesMaxSize.toBytes() < 0) {
            throw new IllegalArgumentException("pkgpulse.response-cache sizes must not be negative");
        }
    }
}
