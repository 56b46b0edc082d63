package io.pkgpulse.producer.run;

import java.util.concurrent.atomic.AtomicLong;

import io.pkgpulse.producer.sink.Acknowledgements;
import io.pkgpulse.producer.sink.EventSink;

/**
 * One run of a command: paces events, counts them, hands them to the sink, and stops
 * early when a send has failed (the run's numbers would be wrong anyway, and a dead
 * broker would otherwise block every further send) or when asked to stop.
 * {@link #finish()} waits for the last acknowledgement and gives the numbers for the
 * summary.
 */
public final class Run {

    private final EventSink sink;

    private final Pacer pacer;

    private final StopSignal stop;

    private final Tally tally = new Tally();

    private final AtomicLong handedOver = new AtomicLong();

    private final long startNanos = System.nanoTime();

    private final long startEpochMillis = System.currentTimeMillis();

    private long index;

    public Run(EventSink sink, Pacer pacer, StopSignal stop) {
        this.sink = sink;
        this.pacer = pacer;
        this.stop = stop;
    }

    /**
     * Sends one event when it is due.
     * @param projectId id of the event's project in the summary's {@code per_project}
     * (good events only), or -1
     */
    public void send(RecordKind kind, int projectId, byte[] key, byte[] value) {
        send(kind, projectId, -1, key, value);
    }

    /**
     * Sends one event when it is due, counting good ones by project and UTC day too.
     * @param epochDay the UTC day of the event's timestamp, or -1 when unknown
     */
    public void send(RecordKind kind, int projectId, long epochDay, byte[] key, byte[] value) {
        pacer.await(index++);
        tally.count(kind, projectId, epochDay);
        sink.send(key, value);
        handedOver.lazySet(index);
    }

    /** False once a send has failed or a stop was requested. */
    public boolean shouldContinue() {
        return !stop.isRequested() && sink.acknowledgements().failedCount() == 0;
    }

    /** Events handed to the sink so far; safe to read from any thread. */
    public long handedOver() {
        return handedOver.get();
    }

    /** Nanoseconds since the run started. */
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** Flushes the sink, waiting for every acknowledgement. */
    public Result finish() {
        sink.close();
        long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
        return new Result(tally, sink.acknowledgements(), elapsedMillis, startEpochMillis, stop.isRequested());
    }

    /**
     * What a run did.
     *
     * @param elapsedMillis from the start of the run to its last acknowledgement
     * @param stopped whether it was stopped before it was done
     */
    public record Result(Tally tally, Acknowledgements acknowledgements, long elapsedMillis, long startEpochMillis,
            boolean stopped) {

        /** Acknowledged events per second of the run. */
        public double eventsPerSecond() {
            return elapsedMillis == 0 ? 0 : acknowledgements.acknowledgedCount() * 1000.0 / elapsedMillis;
        }
    }

}
