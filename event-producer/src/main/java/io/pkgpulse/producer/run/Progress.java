package io.pkgpulse.producer.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The progress line on stderr: events handed over (of how many, when known), the recent
 * rate, elapsed time and an estimate of the time left. Redrawn in place four times a
 * second on a terminal; on anything else (a log file, CI) printed as a new line every
 * five seconds so the log stays readable. Runs on its own daemon thread so that the
 * sending loop only bumps a counter.
 */
public final class Progress implements AutoCloseable {

    private static final Progress DISABLED = new Progress();

    private final PrintStream out;

    private final boolean inPlace;

    private final LongSupplier sent;

    private final long total;

    private final DoubleSupplier fractionDone;

    private final long startNanos;

    private final Thread thread;

    private long lastSent;

    private long lastNanos;

    private int lastLength;

    private Progress() {
        this.out = null;
        this.inPlace = false;
        this.sent = () -> 0;
        this.total = -1;
        this.fractionDone = () -> Double.NaN;
        this.startNanos = 0;
        this.thread = null;
    }

    private Progress(PrintStream out, boolean inPlace, LongSupplier sent, long total, DoubleSupplier fractionDone) {
        this.out = out;
        this.inPlace = inPlace;
        this.sent = sent;
        this.total = total;
        this.fractionDone = fractionDone;
        this.startNanos = System.nanoTime();
        this.lastNanos = startNanos;
        long interval = inPlace ? 250 : 5000;
        this.thread = new Thread(() -> loop(interval), "progress");
        this.thread.setDaemon(true);
    }

    /**
     * Starts reporting, unless {@code quiet}.
     * @param sent events handed over so far
     * @param total how many will be, or -1 when unknown
     * @param fractionDone how far the run is, 0 to 1, or NaN when unknown (no estimate of
     * the time left then)
     */
    public static Progress start(boolean quiet, LongSupplier sent, long total, DoubleSupplier fractionDone) {
        if (quiet) {
            return DISABLED;
        }
        Progress progress = new Progress(System.err, Terminal.isStderrTerminal(), sent, total, fractionDone);
        progress.thread.start();
        return progress;
    }

    /** Stops reporting; on a terminal the last state stays on screen. */
    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        if (inPlace) {
            print();
            out.print('\n');
            out.flush();
        }
    }

    private void loop(long intervalMillis) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(intervalMillis);
            }
            catch (InterruptedException ex) {
                return;
            }
            print();
        }
    }

    private synchronized void print() {
        long now = System.nanoTime();
        long count = sent.getAsLong();
        double recent = now > lastNanos ? (count - lastSent) * 1e9 / (now - lastNanos) : 0;
        lastSent = count;
        lastNanos = now;
        String line = line(count, recent, Duration.ofNanos(now - startNanos), fractionDone.getAsDouble());
        if (inPlace) {
            String padding = " ".repeat(Math.max(0, lastLength - line.length()));
            lastLength = line.length();
            out.print('\r' + line + padding);
        }
        else {
            out.println(line);
        }
        out.flush();
    }

    /** The text of one progress line. */
    String line(long count, double recentRate, Duration elapsed, double fraction) {
        StringBuilder line = new StringBuilder(96);
        line.append("sent ").append(String.format("%,d", count));
        if (total >= 0) {
            line.append('/').append(String.format("%,d", total));
        }
        if (!Double.isNaN(fraction)) {
            line.append(String.format(" (%.1f%%)", Math.min(1, fraction) * 100));
        }
        line.append(String.format("  %,.0f ev/s", recentRate)).append("  elapsed ").append(clock(elapsed));
        if (!Double.isNaN(fraction) && fraction > 0) {
            double left = elapsed.toNanos() * (1 - Math.min(1, fraction)) / fraction;
            line.append("  ETA ").append(clock(Duration.ofNanos((long) left)));
        }
        return line.toString();
    }

    static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

}
