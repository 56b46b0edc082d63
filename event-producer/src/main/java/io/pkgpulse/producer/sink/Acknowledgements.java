package io.pkgpulse.producer.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts acknowledged and failed events and remembers when the first and the last
 * acknowledgement came: the benchmark measures end-to-end latency from those times.
 * Thread-safe: Kafka reports on its I/O thread, and on the sending thread for sends that
 * fail at once.
 */
public final class Acknowledgements {

    /** Failures described individually on stderr; the rest are only counted. */
    static final int REPORTED_FAILURES = 5;

    private final AtomicLong acknowledged = new AtomicLong();

    private final AtomicLong failed = new AtomicLong();

    private final AtomicLong firstAckMillis = new AtomicLong();

    private final AtomicLong lastAckMillis = new AtomicLong();

    private final List<String> failures = new ArrayList<>();

    private final LongSupplier clock;

    public Acknowledgements(LongSupplier epochMillisClock) {
        this.clock = epochMillisClock;
    }

    /** One event acknowledged now. */
    public void acknowledged() {
        acknowledged(1, clock.getAsLong());
    }

    /** {@code count} events acknowledged at {@code epochMillis}. */
    public void acknowledged(long count, long epochMillis) {
        if (count <= 0) {
            return;
        }
        acknowledged.addAndGet(count);
        firstAckMillis.compareAndSet(0, epochMillis);
        lastAckMillis.accumulateAndGet(epochMillis, Math::max);
    }

    /** One event failed; the first few reasons are kept for the report. */
    public void failed(Exception reason) {
        long n = failed.incrementAndGet();
        if (n <= REPORTED_FAILURES) {
            synchronized (failures) {
                failures.add(reason.getClass().getSimpleName() + ": " + reason.getMessage());
            }
        }
    }

    public long acknowledgedCount() {
        return acknowledged.get();
    }

    public long failedCount() {
        return failed.get();
    }

    /** Epoch milliseconds of the first acknowledgement; 0 when there was none. */
    public long firstAckMillis() {
        return firstAckMillis.get();
    }

    /** Epoch milliseconds of the last acknowledgement; 0 when there was none. */
    public long lastAckMillis() {
        return lastAckMillis.get();
    }

    /** The first few failure reasons. */
    public List<String> failureReasons() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

}
