package io.pkgpulse.reporting.security;

/**
 * Limits on what callers send as credentials and names, shared by login, sign-up, API
 * keys and maintainers.
 */
public final class InputRules {

    /**
     * No control characters (nor line or paragraph separators): such values end up in
     * logs and e-mails.
     */
    public static final String PRINTABLE = "[^\\p{Cntrl}\\u2028\\u2029]*";

    /** The longest password accepted; longer ones are refused before any hashing. */
    public static final int MAX_PASSWORD_LENGTH = 128;

    private InputRules() {
    }

}
