package io.pkgpulse.producer.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT/SIGTERM) ends a run cleanly: the shutdown hook asks the sending loop to
 * stop, then waits until outstanding events are flushed and the summary is written, so a
 * stream stopped by hand still reports what it sent.
 */
public final class StopSignal {

    /**
     * Enough to flush a full 64 MB producer buffer to a healthy broker; a dead one is not
     * waited for longer.
     */
    private static final long GRACE_SECONDS = 15;

    private volatile boolean requested;

    private final CountDownLatch finished = new CountDownLatch(1);

    private StopSignal() {
    }

    /** A signal raised by the JVM's shutdown. */
    public static StopSignal onShutdown() {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(signal::stopAndWait, "stop-event-producer"));
        return signal;
    }

    /** A signal only {@link #request()} raises; for tests. */
    public static StopSignal manual() {
        return new StopSignal();
    }

    public boolean isRequested() {
        return requested;
    }

    public void request() {
        requested = true;
    }

    /** The run has flushed and reported; shutdown may go on. */
    public void finished() {
        finished.countDown();
    }

    private void stopAndWait() {
        requested = true;
        try {
            finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
