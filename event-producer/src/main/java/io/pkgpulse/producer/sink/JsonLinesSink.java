package io.pkgpulse.producer.sink;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Writes events as JSON lines to a file or stdout, for inspection, for feeding other
 * tools (kcat, a replay) and to measure how fast events are generated without a broker in
 * the way. An event counts as acknowledged once written; the last acknowledgement is the
 * final flush.
 */
public final class JsonLinesSink implements EventSink {

    private static final int BUFFER_SIZE = 1 << 20;

    private final OutputStream out;

    private final boolean closeStream;

    private final String description;

    private final Acknowledgements acknowledgements;

    private final LongSupplier clock;

    private long written;

    private long firstWriteMillis;

    private boolean closed;

    JsonLinesSink(OutputStream out, boolean closeStream, String description, LongSupplier clock) {
        this.out = out;
        this.closeStream = closeStream;
        this.description = description;
        this.clock = clock;
        this.acknowledgements = new Acknowledgements(clock);
    }

    /** A sink writing to {@code target}, or to stdout when it is {@code -}. */
    public static JsonLinesSink open(String target) {
        if ("-".equals(target)) {
            return new JsonLinesSink(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), BUFFER_SIZE),
                    false, "stdout", System::currentTimeMillis);
        }
        try {
            Path path = Path.of(target);
            return new JsonLinesSink(new BufferedOutputStream(Files.newOutputStream(path), BUFFER_SIZE), true,
                    path.toString(), System::currentTimeMillis);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + target + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void send(byte[] key, byte[] value) {
        try {
            out.write(value);
            out.write('\n');
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write to " + description + ": " + ex.getMessage(), ex);
        }
        if (written++ == 0) {
            firstWriteMillis = clock.getAsLong();
        }
    }

    @Override
    public Acknowledgements acknowledgements() {
        return acknowledgements;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.flush();
            if (closeStream) {
                out.close();
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write to " + description + ": " + ex.getMessage(), ex);
        }
        if (written > 0) {
            acknowledgements.acknowledged(1, firstWriteMillis);
            acknowledgements.acknowledged(written - 1, clock.getAsLong());
        }
    }

}
