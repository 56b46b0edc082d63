package io.pkgpulse.producer.replay;

import java.io.FileInputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * Reads lines as bytes, so that JSON lines are sent exactly as read (no decoding and
 * re-encoding), and counts the bytes consumed, which gives the progress line its
 * percentage for a file. A line ends at {@code \n}; a {@code \r} before it is dropped.
 */
final class LineReader implements AutoCloseable {

    private final InputStream in;

    private final long size;

    private final byte[] buffer = new byte[1 << 16];

    private final AtomicLong consumed = new AtomicLong();

    private int position;

    private int limit;

    private byte[] pending = new byte[256];

    LineReader(InputStream in, long size) {
        this.in = in;
        this.size = size;
    }

    /**
     * Opens a file, or stdin for {@code -}. A file ending in {@code .gz} is decompressed
     * (BigQuery exports may be gzip-compressed); its size is then unknown, so progress
     * shows no percentage.
     */
    static LineReader open(String file) {
        if ("-".equals(file)) {
            return new LineReader(new FileInputStream(FileDescriptor.in), -1);
        }
        try {
            Path path = Path.of(file);
            if (file.endsWith(".gz")) {
                return new LineReader(new GZIPInputStream(Files.newInputStream(path), 1 << 16), -1);
            }
            return new LineReader(Files.newInputStream(path), Files.size(path));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** The next line without its end, or null at the end of the input. */
    byte[] next() {
        int pendingLength = 0;
        while (true) {
            if (position == limit && !fill()) {
                return pendingLength == 0 ? null : line(pending, 0, pendingLength);
            }
            int newline = indexOfNewline();
            if (newline >= 0) {
                int length = newline - position;
                byte[] line;
                if (pendingLength == 0) {
                    line = line(buffer, position, length);
                }
                else {
                    ensurePending(pendingLength + length);
                    System.arraycopy(buffer, position, pending, pendingLength, length);
                    line = line(pending, 0, pendingLength + length);
                }
                consumed.lazySet(consumed.get() + length + 1);
                position = newline + 1;
                return line;
            }
            int length = limit - position;
            ensurePending(pendingLength + length);
            System.arraycopy(buffer, position, pending, pendingLength, length);
            pendingLength += length;
            consumed.lazySet(consumed.get() + length);
            position = limit;
        }
    }

    /** Bytes read so far; safe to call from another thread. */
    long bytesRead() {
        return consumed.get();
    }

    /** The input's size in bytes, or -1 when unknown (stdin). */
    long size() {
        return size;
    }

    @Override
    public void close() {
        try {
            in.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private boolean fill() {
        try {
            int n = in.read(buffer);
            if (n <= 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read input: " + ex.getMessage(), ex);
        }
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void ensurePending(int length) {
        if (length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(length, pending.length * 2));
        }
    }

    private static byte[] line(byte[] source, int from, int length) {
        if (length > 0 && source[from + length - 1] == '\r') {
            length--;
        }
        return Arrays.copyOfRange(source, from, from + length);
    }

}
