package io.pkgpulse.producer.event;

/**
 * Project names as PyPI and the ingest worker treat them: PEP 508 validity and the PEP 503 normal form, which is
 * the Kafka record key (so that all downloads of a project land on one partition, whatever its spelling). Plain
 * loops instead of regexes: the replay path runs this for every line.
 */
public final class ProjectNames {

    /** Longest name the worker accepts (its {@code packages.name} column). */
    public static final int MAX_LENGTH = 255;

    private ProjectNames() {
    }

    /** PEP 508: ASCII letters and digits, with {@code . _ -} allowed inside but not at either end. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        if (!isAlphanumeric(name.charAt(0)) || !isAlphanumeric(name.charAt(name.length() - 1))) {
            return false;
        }
        for (int i = 1; i < name.length() - 1; i++) {
            char c = name.charAt(i);
            if (!isAlphanumeric(c) && !isSeparator(c)) {
                return false;
            }
        }
        return true;
    }

    /** PEP 503: lower case, every run of {@code - _ .} replaced by one {@code -} ({@code Zope.Interface -> zope-interface}). */
    public static String normalize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean inSeparatorRun = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (isSeparator(c)) {
                if (!inSeparatorRun) {
                    out.append('-');
                }
                inSeparatorRun = true;
            } else {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : Character.toLowerCase(c));
                inSeparatorRun = false;
            }
        }
        return out.toString();
    }

    static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == '.';
    }

    private static boolean isAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
