package io.pkgpulse.reporting.problems;

import java.net.URI;

/**
 * The catalogue of the API's RFC 9457 problem types: every {@code type} URI an error
 * answer can carry, documented in docs/api.md and docs/api-accounts.md. Problems without
 * a type of their own are {@code about:blank}.
 */
public final class ProblemTypes {

    // Statistics and packages
    public static final URI UNKNOWN_PACKAGE = URI.create("/problems/unknown-package");

    public static final URI BAD_PARAMETER = URI.create("/problems/bad-parameter");

    // Authentication and authorization (Spring Security's filters) and rate limits
    public static final URI UNAUTHORIZED = URI.create("/problems/unauthorized");

    public static final URI FORBIDDEN = URI.create("/problems/forbidden");

    public static final URI CSRF = URI.create("/problems/csrf");

    public static final URI INVALID_API_KEY = URI.create("/problems/invalid-api-key");

    public static final URI REJECTED_REQUEST = URI.create("/problems/rejected-request");

    public static final URI RATE_LIMITED = URI.create("/problems/rate-limited");

    // Accounts, API keys and package administration
    public static final URI EMAIL_TAKEN = URI.create("/problems/email-taken");

    public static final URI WEAK_PASSWORD = URI.create("/problems/weak-password");

    public static final URI LOGIN_FAILED = URI.create("/problems/login-failed");

    public static final URI LOGIN_THROTTLED = URI.create("/problems/too-many-login-failures");

    public static final URI INVALID_RESET_TOKEN = URI.create("/problems/invalid-reset-token");

    public static final URI INVALID_REQUEST = URI.create("/problems/invalid-request");

    public static final URI UNKNOWN_ACCOUNT = URI.create("/problems/unknown-account");

    public static final URI UNKNOWN_API_KEY = URI.create("/problems/unknown-api-key");

    public static final URI NOT_A_MAINTAINER = URI.create("/problems/not-a-maintainer");

    public static final URI LAST_OWNER = URI.create("/problems/last-owner");

    public static final URI TOO_MANY_API_KEYS = URI.create("/problems/too-many-api-keys");

    public static final URI SESSION_REQUIRED = URI.create("/problems/session-required");

    public static final URI NO_OWNER = URI.create("/problems/no-owner");

    /** For problems that need no type beyond their status. */
    public static final URI BLANK = URI.create("about:blank");

    private ProblemTypes() {
    }

}
