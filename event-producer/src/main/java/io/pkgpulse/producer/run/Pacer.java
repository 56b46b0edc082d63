package io.pkgpulse.producer.run;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Spreads events evenly at a target rate: event {@code i} is due {@code i / rate} seconds
 * after the first, and the sender sleeps until then when it is ahead. Measuring against
 * the start rather than the previous event means sleep overshoot is made up by the
 * following events instead of slowly lowering the rate.
 */
public final class Pacer {

    private final double nanosPerEvent;

    private final LongSupplier nanoClock;

    private long startNanos;

    private boolean started;

    /**
     * @param eventsPerSecond target rate; 0 or less means as fast as possible
     */
    public Pacer(double eventsPerSecond, LongSupplier nanoClock) {
        this.nanosPerEvent = eventsPerSecond > 0 ? 1e9 / eventsPerSecond : 0;
        this.nanoClock = nanoClock;
    }

    public static Pacer of(double eventsPerSecond) {
        return new Pacer(eventsPerSecond, System::nanoTime);
    }

    public boolean isUnlimited() {
        return nanosPerEvent == 0;
    }

    /** Waits until event {@code index} (0 for the first) is due. */
    public void await(long index) {
        if (nanosPerEvent == 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (!started) {
            startNanos = now;
            started = true;
        }
        long due = startNanos + (long) (index * nanosPerEvent);
        while (due - now > 0) {
            LockSupport.parkNanos(due - now);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            now = nanoClock.getAsLong();
        }
    }

}
