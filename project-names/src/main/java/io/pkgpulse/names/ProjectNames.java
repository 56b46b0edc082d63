package io.pkgpulse.names;

/**
 * Project names as PyPI treats them: PEP 508 validity and the PEP 503 normal form. The
 * one definition the model (package rows, lookups), the worker (event checks), the API
 * (paths) and the event producer (Kafka keys) share, so that they cannot disagree about
 * which spellings are one project. Plain loops instead of regexes: the producer and the
 * worker run this for every event.
 */
public final class ProjectNames {

    /** Longest name accepted; matches the {@code packages.name} column. */
    public static final int MAX_LENGTH = 255;

    private ProjectNames() {
    }

    /**
     * Whether {@code name} is a valid project name (PEP 508): ASCII letters, digits,
     * {@code . _ -}, alphanumeric ends.
     */
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

    /**
     * PEP 503 normal form: lower case, every run of {@code -}, {@code _} and {@code .}
     * replaced by one {@code -}. {@code Zope.Interface}, {@code zope_interface} and
     * {@code zope--interface} all become {@code zope-interface}. Any text is accepted;
     * characters outside ASCII are lower-cased one by one, independently of the locale.
     */
    public static String normalize(String name) {
        StringBuilder normal = new StringBuilder(name.length());
        boolean inSeparators = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (isSeparator(c)) {
                if (!inSeparators) {
                    normal.append('-');
                }
                inSeparators = true;
            }
            else {
                normal.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : Character.toLowerCase(c));
                inSeparators = false;
            }
        }
        return normal.toString();
    }

    /**
     * The normal form of a valid name; rejects invalid ones with a message that names the
     * problem.
     */
    public static String requireValidAndNormalize(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("Not a valid project name (PEP 508): '" + name + "'");
        }
        return normalize(name);
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == '.';
    }

    private static boolean isAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

}
