package io.pkgpulse.reporting.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code pkgpulse.response-cache.*}: public statistics and badges kept in memory until a
 * change notification outdates them, and the {@code max-age} that HTTP clients are given
 * for completed days.
 *
 * @param enabled whether answers are cached in memory at all
 * @param ttl the longest an answer is kept in memory; only a backstop, since answers are
 * dropped as soon as a change notification concerns them, and never kept while
 * notifications are not arriving
 * @param maxSize the memory the cached bodies may take; the least used are dropped first
 * @param seriesMaxSize the memory the last 180 days of recently asked series may take
 * (rows from which the answers for any window inside them are cut)
 * @param completedMaxAge the {@code max-age} of answers about completed days only (late
 * events can still change them); answers that count today are {@code no-cache} with
 * validators
 */
@ConfigurationProperties("pkgpulse.response-cache")
public record ResponseCacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("10m") Duration ttl,
        @DefaultValue("128MB") DataSize maxSize, @DefaultValue("64MB") DataSize seriesMaxSize,
        @DefaultValue("1h") Duration completedMaxAge) {

    public ResponseCacheProperties {
        if (ttl.isNegative() || ttl.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("pkgpulse.response-cache.ttl must be between 0 and 1 day");
        }
        if (completedMaxAge.isNegative() || completedMaxAge.compareTo(Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException(
                    "pkgpulse.response-cache.completed-max-age must be between 0 and 365 " + "days");
        }
        if (maxSize.toBytes() < 0 || seriesMaxSize.toBytes() < 0) {
            throw new IllegalArgumentException("pkgpulse.response-cache sizes must not be negative");
        }
    }
}
