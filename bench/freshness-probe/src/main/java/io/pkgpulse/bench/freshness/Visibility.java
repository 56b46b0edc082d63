package io.pkgpulse.bench.freshness;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one read path has shown so far: for every count up to {@code maxCount}, when
 * (System.nanoTime) the path first showed at least that count. Count {@code k} is the
 * k-th download of the probe package; a path that jumps from 3 to 33 shows downloads 4 to
 * 33 at that moment. Written by one reader thread, read by the others.
 */
final class Visibility {

    private final String name;

    private final long[] firstSeen;

    private volatile long shown;

    private final AtomicLong answers = new AtomicLong();

    private final AtomicLong errors = new AtomicLong();

    private final AtomicReference<String> lastError = new AtomicReference<>();

    /** null while the path works; otherwise why it is not measured ("n/a (HTTP 404)"). */
    private volatile String unavailable;

    private final long created = System.nanoTime();

    Visibility(String name, int maxCount) {
        this.name = name;
        this.firstSeen = new long[maxCount + 1];
    }

    String name() {
        return name;
    }

    /** The path answered {@code count} at {@code nanos}. */
    synchronized void observe(long count, long nanos) {
        answers.incrementAndGet();
        long upTo = Math.min(count, firstSeen.length - 1);
        for (long k = shown + 1; k <= upTo; k++) {
            firstSeen[(int) k] = nanos;
        }
        if (count > shown) {
            shown = count;
        }
    }

    void error(String message) {
        errors.incrementAndGet();
        lastError.set(message);
    }

    void unavailable(String reason) {
        unavailable = reason;
    }

    String unavailableReason() {
        return unavailable;
    }

    /** The largest count shown so far. */
    long shown() {
        return shown;
    }

    /** When count {@code k} was first shown, or 0 if it has not been. */
    synchronized long firstSeen(int k) {
        return k < firstSeen.length ? firstSeen[k] : 0;
    }

    /** Answers per second from this path's start to {@code until} (System.nanoTime). */
    double answersPerSecond(long until) {
        return answers.get() / ((until - created) / 1e9);
    }

    long answers() {
        return answers.get();
    }

    long errors() {
        return errors.get();
    }

    String lastError() {
        return lastError.get();
    }

}
