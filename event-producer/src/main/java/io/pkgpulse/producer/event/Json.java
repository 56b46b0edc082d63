package io.pkgpulse.producer.event;

/**
 * JSON string escaping (RFC 8259) for the hand-built event JSON: quote, backslash and
 * control characters are escaped; everything else is written as is. Fragments that repeat
 * (agents, details) are escaped once, up front.
 */
public final class Json {

    private static final String[] ESCAPES = new String[0x80];

    static {
        for (char c = 0; c < 0x20; c++) {
            ESCAPES[c] = unicodeEscape(c);
        }
        ESCAPES['"'] = "\\\"";
        ESCAPES['\\'] = "\\\\";
        ESCAPES['\n'] = "\\n";
        ESCAPES['\r'] = "\\r";
        ESCAPES['\t'] = "\\t";
        ESCAPES['\b'] = "\\b";
        ESCAPES['\f'] = "\\f";
    }

    private Json() {
    }

    /** {@code text} as a quoted JSON string. */
    public static String quote(String text) {
        return appendQuoted(new StringBuilder(text.length() + 8), text).toString();
    }

    /**
     * Appends {@code text} as a quoted JSON string; an unpaired surrogate is written as a
     * {@code \\u} escape.
     */
    public static StringBuilder appendQuoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = c < 0x80 ? ESCAPES[c] : null;
            if (escape != null) {
                out.append(escape);
            }
            else if (Character.isSurrogate(c) && !isPaired(text, i)) {
                out.append(unicodeEscape(c));
            }
            else {
                out.append(c);
            }
        }
        return out.append('"');
    }

    /**
     * {@code "name":"value"} with both parts escaped; null when {@code value} is null.
     */
    public static String member(String name, String value) {
        return value == null ? null : quote(name) + ':' + quote(value);
    }

    static String escapeFor(char asciiChar) {
        return ESCAPES[asciiChar];
    }

    static String unicodeEscape(char c) {
        return String.format("\\u%04x", (int) c);
    }

    private static boolean isPaired(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

}
