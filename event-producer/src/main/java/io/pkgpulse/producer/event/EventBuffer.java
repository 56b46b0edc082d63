package io.pkgpulse.producer.event;

import java.util.Arrays;

/**
 * A reusable, growable byte buffer that event JSON is assembled in. Events are mostly
 * precomputed ASCII fragments glued together with a few numbers, so appending bytes
 * directly is several times faster than building a String and encoding it, and far faster
 * than serialising objects by reflection.
 */
public final class EventBuffer {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
            1_000_000_000 };

    private byte[] bytes;

    private int length;

    public EventBuffer(int initialCapacity) {
        this.bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** Empties the buffer, keeping its capacity. */
    public EventBuffer reset() {
        length = 0;
        return this;
    }

    public int length() {
        return length;
    }

    /** Drops everything after the first {@code newLength} bytes. */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("cannot truncate " + length + " bytes to " + newLength);
        }
        length = newLength;
    }

    public EventBuffer append(byte[] source) {
        ensure(source.length);
        System.arraycopy(source, 0, bytes, length, source.length);
        length += source.length;
        return this;
    }

    public EventBuffer append(char asciiChar) {
        ensure(1);
        bytes[length++] = (byte) asciiChar;
        return this;
    }

    /**
     * Appends text known to be ASCII (field names, numbers, versions), without escaping.
     */
    public EventBuffer appendAscii(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /**
     * Appends {@code value} in decimal, left-padded with zeros to {@code width} digits.
     */
    public EventBuffer appendPadded(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        if (value < Integer.MAX_VALUE && width <= 9 && value < POWERS_OF_TEN[width]) {
            // The common case (timestamp fields): exactly width digits, int arithmetic.
            ensure(width);
            int v = (int) value;
            for (int i = length + width - 1; i >= length; i--) {
                bytes[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            length += width;
            return this;
        }
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        int total = Math.max(width, digits);
        ensure(total);
        int end = length + total;
        long v = value;
        for (int i = end - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        length = end;
        return this;
    }

    /** Appends the lowest {@code digits * 4} bits of {@code value} as lower-case hex. */
    public EventBuffer appendHex(long value, int digits) {
        ensure(digits);
        for (int i = digits - 1; i >= 0; i--) {
            bytes[length++] = HEX[(int) (value >>> (i * 4)) & 0xF];
        }
        return this;
    }

    /**
     * Appends {@code text} as a quoted JSON string, UTF-8 encoded; see
     * {@link Json#appendQuoted}.
     */
    public EventBuffer appendJsonString(String text) {
        ensure(text.length() * 3 + 2);
        bytes[length++] = '"';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                String escape = Json.escapeFor(c);
                if (escape == null) {
                    bytes[length++] = (byte) c;
                }
                else {
                    ensure(escape.length() + (text.length() - i) * 3 + 1);
                    appendAscii(escape);
                }
            }
            else if (c < 0x800) {
                bytes[length++] = (byte) (0xC0 | (c >> 6));
                bytes[length++] = (byte) (0x80 | (c & 0x3F));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                bytes[length++] = (byte) (0xF0 | (cp >> 18));
                bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                bytes[length++] = (byte) (0x80 | (cp & 0x3F));
            }
            else if (Character.isSurrogate(c)) {
                ensure(6 + (text.length() - i) * 3 + 1);
                appendAscii(Json.unicodeEscape(c)); // unpaired: not encodable in UTF-8
            }
            else {
                bytes[length++] = (byte) (0xE0 | (c >> 12));
                bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[length++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        ensure(1);
        bytes[length++] = '"';
        return this;
    }

    /** A copy of the content: what a Kafka record or an output line gets. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }

}
