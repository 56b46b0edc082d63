package io.pkgpulse.reporting.changes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * What this process knows about when downloads last changed, from the notifications it
 * received: per package, and for all packages together. Caches ask it whether an answer
 * they are about to keep may already be outdated, and HTTP answers take their
 * {@code Last-Modified} from it.
 *
 * <p>
 * {@code Last-Modified} is the receipt of the last notification that concerned the
 * answer, rounded up to the second; before the first one, the moment this process began
 * listening; never before the start of the current UTC day, when ranges relative to
 * "today" move. It is given only once that second is over when the answer is made, so
 * that every change it stands for is in the answer, and a later change always gives a
 * later value (see docs/api.md, "Caching and freshness").
 */
@Component
public class ChangeClock {

    /** The last notification that concerned one package. */
    private record Stamp(long sequence, Instant receivedAt) {
    }

    private final Clock clock;

    private final AtomicLong sequence = new AtomicLong();

    private final AtomicLong handled = new AtomicLong();

    private final ConcurrentHashMap<Long, Stamp> packages = new ConcurrentHashMap<>();

    private volatile boolean listening;

    /**
     * Everything before this is known to the answers made since; it moves when
     * notifications may have been missed.
     */
    private volatile Stamp baseline = new Stamp(0, Instant.EPOCH);

    private volatile Stamp lastAny = baseline;

    ChangeClock(Clock clock) {
        this.clock = clock;
    }

    /** The sequence number of the next event. */
    long nextSequence() {
        return sequence.incrementAndGet();
    }

    /**
     * The sequence number of the last event so far: an answer begun now reflects at least
     * everything before it.
     */
    public long sequence() {
        return sequence.get();
    }

    /**
     * The sequence number of the last event that every listener has handled: from then
     * on, no cache holds anything it outdated.
     */
    public long handledSequence() {
        return handled.get();
    }

    void handled(long eventSequence) {
        handled.accumulateAndGet(eventSequence, Math::max);
    }

    /**
     * Whether notifications are arriving: if not, nothing about downloads may be answered
     * from memory.
     */
    public boolean listening() {
        return listening;
    }

    void changed(DownloadsChanged event) {
        Stamp stamp = new Stamp(event.sequence(), event.receivedAt());
        event.packagesByDay().values().forEach(ids -> ids.forEach(id -> packages.put(id, stamp)));
        lastAny = stamp;
    }

    void missed(ChangesMissed event, boolean listeningNow) {
        Stamp stamp = new Stamp(event.sequence(), event.at());
        baseline = stamp;
        lastAny = stamp;
        packages.clear();
        listening = listeningNow;
    }

    /**
     * The sequence number of the last event that concerned {@code packageId}
     * ({@code null}: any package). An answer begun at {@link #sequence()} {@code s} is
     * outdated if this is greater than {@code s}.
     */
    public long lastChange(Long packageId) {
        if (packageId == null) {
            return lastAny.sequence();
        }
        Stamp stamp = packages.get(packageId);
        return Math.max(baseline.sequence(), stamp == null ? 0 : stamp.sequence());
    }

    /**
     * The {@code Last-Modified} of an answer about {@code packageId} ({@code null}: all
     * packages) made now, or empty when it cannot be vouched for: while not listening, or
     * while the second of the last change is not over.
     */
    public Optional<Instant> lastModified(Long packageId) {
        if (!listening) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Stamp stamp = packageId == null ? lastAny : packages.getOrDefault(packageId, baseline);
        Instant last = stamp.receivedAt().isAfter(baseline.receivedAt()) ? stamp.receivedAt() : baseline.receivedAt();
        Instant startOfDay = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (last.isBefore(startOfDay)) {
            last = startOfDay;
        }
        Instant rounded = last.truncatedTo(ChronoUnit.SECONDS);
        if (rounded.isBefore(last)) {
            rounded = rounded.plusSeconds(1);
        }
        return rounded.isAfter(now) ? Optional.empty() : Optional.of(rounded);
    }

}
