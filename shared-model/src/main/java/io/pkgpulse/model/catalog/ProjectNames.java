package io.pkgpulse.model.catalog;

import java.util.Locale;

/** Project names as PyPI treats them: PEP 508 validity and PEP 503 normalisation. */
public final class ProjectNames {

    /** Longest name accepted; matches the {@code packages.name} column. */
    public static final int MAX_LENGTH = 255;

    private ProjectNames() {
    }

    /** Whether {@code name} is a valid project name (PEP 508): ASCII letters, digits, {@code . _ -}, alphanumeric ends. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            boolean separator = c == '.' || c == '_' || c == '-';
            if (!alphanumeric && (!separator || i == 0 || i == name.length() - 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * PEP 503 normal form: lower case, every run of {@code -}, {@code _} and {@code .} replaced by one {@code -}.
     * {@code Zope.Interface}, {@code zope_interface} and {@code zope--interface} all become {@code zope-interface}.
     */
    public static String normalize(String name) {
        StringBuilder normal = new StringBuilder(name.length());
        boolean inSeparators = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' || c == '_' || c == '.') {
                if (!inSeparators) {
                    normal.append('-');
                }
                inSeparators = true;
            }
            else {
                normal.append(c);
                inSeparators = false;
            }
        }
        return normal.toString().toLowerCase(Locale.ROOT);
    }

    /** The normal form of a valid name; rejects invalid ones with a message that names the problem. */
    public static String requireValidAndNormalize(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("Not a valid project name (PEP 508): '" + name + "'");
        }
        return normalize(name);
    }
}
