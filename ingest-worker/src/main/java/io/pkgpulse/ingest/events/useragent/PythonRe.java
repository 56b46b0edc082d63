package io.pkgpulse.ingest.events.useragent;

import java.util.regex.Pattern;

/**
 * linehaul's regular expressions, written as in its Python source, with Python's meaning
 * for a {@code str}: in Python, {@code \s} is any Unicode white space (also U+001C to
 * U+001F, which Java's Unicode classes leave out), {@code \d} any Unicode decimal digit,
 * {@code .} anything but {@code \n}, and {@code $} the end or just before a final
 * {@code \n}. Java's defaults differ ({@code \s} and {@code \d} are ASCII; {@code .} and
 * {@code $} also stop at {@code \r}, U+0085, U+2028 and U+2029), so an agent such as
 * {@code "Python-urllib/2.7\r"} would be read otherwise.
 */
final class PythonRe {

    /**
     * The characters of Python's {@code \s} and {@code str.split()}: those for which
     * {@code str.isspace()} holds.
     */
    private static final String SPACE = "\\t\\n\\x0B\\f\\r\\x1C-\\x20\\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

    private PythonRe() {
    }

    /**
     * {@code regex} (Python syntax, named groups without underscores) as Python's
     * {@code re.compile(regex)}.
     */
    static Pattern compile(String regex) {
        return compile(regex, 0);
    }

    /** As Python's {@code re.compile(regex, re.IGNORECASE)}: Unicode case-insensitive. */
    static Pattern compileIgnoringCase(String regex) {
        return compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static Pattern compile(String regex, int flags) {
        StringBuilder java = new StringBuilder(regex.length() + 64);
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char escaped = regex.charAt(++i);
                switch (escaped) {
                    case 's' -> java.append('[').append(SPACE).append(']');
                    case 'S' -> java.append("[^").append(SPACE).append(']');
                    case 'd' -> java.append("\\p{Nd}");
                    default -> java.append(c).append(escaped);
                }
            }
            else {
                java.append(c);
            }
        }
        return Pattern.compile(java.toString(), flags | Pattern.UNIX_LINES);
    }

    /** Whether Python's {@code str.split()} splits at {@code c}. */
    static boolean isSpace(char c) {
        return c <= ' ' ? c == ' ' || c >= '\t' && c <= '\r' || c >= 0x1C
                : c == 0x85 || c == 0xA0 || c == 0x1680 || c >= 0x2000 && c <= 0x200A || c == 0x2028 || c == 0x2029
                        || c == 0x202F || c == 0x205F || c == 0x3000;
    }

}
