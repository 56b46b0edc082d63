package io.pkgpulse.reporting.changes;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pkgpulse.changes.*}: how the API listens to the worker's change notifications.
 * While it is not listening, nothing about downloads is served from memory, so staleness
 * is bounded by how fast a lost connection is noticed: at most
 * {@code check-interval + timeout} (3 s by default) after the last notification that
 * arrived.
 *
 * @param enabled whether to listen at all; without it, the in-memory caches of downloads
 * are never used
 * @param checkInterval how long the connection may be silent before it is checked with a
 * query
 * @param timeout how long that check (and any read on the connection) may take before the
 * connection counts as lost
 * @param reconnectDelay the first wait before connecting again; it doubles up to
 * {@code maxReconnectDelay}
 * @param maxReconnectDelay the longest wait between attempts to connect
 */
@ConfigurationProperties("pkgpulse.changes")
public record ChangesProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration checkInterval,
        @DefaultValue("2s") Duration timeout, @DefaultValue("200ms") Duration reconnectDelay,
        @DefaultValue("5s") Duration maxReconnectDelay) {

    public ChangesProperties {
        if (checkInterval.toMillis() < 10 || timeout.toSeconds() < 1 || reconnectDelay.toMillis() < 1
                || maxReconnectDelay.compareTo(reconnectDelay) < 0) {
            throw new IllegalArgumentException("pkgpulse.changes: check-interval must be at least 10 ms, timeout at "
                    + "least 1 s, and max-reconnect-delay at least reconnect-delay");
        }
    }
}
