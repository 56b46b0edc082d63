package io.pkgpulse.reporting.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pkgpulse.live.*}: the live stream {@code GET /api/live} (docs/api.md).
 *
 * @param heartbeat how often every stream gets a comment line: proxies see traffic and
 * keep it open, and a client that went away is noticed (the write fails) and its slot
 * freed
 * @param retry the reconnection delay the stream suggests ({@code retry:}); browsers
 * reconnect after it
 * @param maxDuration how long one stream lasts at most; the client reconnects with
 * {@code Last-Event-ID}, which spreads long-lived clients over the instances
 * @param minReadInterval the least time between two reads of one package's numbers,
 * however many changes arrive
 * @param maxStreamsPerClient open streams per client address (signed-in or not, as the
 * rate limiter counts them)
 * @param maxStreams open streams of this process
 */
@ConfigurationProperties("pkgpulse.live")
public record LiveProperties(@DefaultValue("15s") Duration heartbeat, @DefaultValue("3s") Duration retry,
        @DefaultValue("30m") Duration maxDuration, @DefaultValue("250ms") Duration minReadInterval,
        @DefaultValue("4") int maxStreamsPerClient, @DefaultValue("1000") int maxStreams) {

    public LiveProperties {
        if (!positive(heartbeat) || !positive(retry) || !positive(maxDuration) || minReadInterval.isNegative()) {
            throw new IllegalArgumentException("pkgpulse.live durations must be positive");
        }
        if (maxStreamsPerClient < 1 || maxStreams < 1) {
            throw new IllegalArgumentException("pkgpulse.live stream limits must be positive");
        }
    }

    /**
     * What a refused client is told to wait: a slot frees when a stream ends, a dead one
     * within a heartbeat.
     */
    long retryAfterSeconds() {
        return Math.max(1, 2 * heartbeat.toSeconds());
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
