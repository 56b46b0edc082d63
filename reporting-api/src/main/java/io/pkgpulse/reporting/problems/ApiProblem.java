package io.pkgpulse.reporting.accounts;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error of the accounts API as an RFC 9457 problem. It is an {@link ErrorResponseException}, so the application's
 * problem-details advice renders it as it is, with its headers ({@code Retry-After}). Messages never hold a password,
 * a key or a token.
 */
class AccountProblem extends ErrorResponseException {

    static final URI EMAIL_TAKEN = URI.create("/problems/email-taken");
    static final URI WEAK_PASSWORD = URI.create("/problems/weak-password");
    static final URI LOGIN_FAILED = URI.create("/problems/login-failed");
    static final URI LOGIN_THROTTLED = URI.create("/problems/too-many-login-failures");
    static final URI INVALID_RESET_TOKEN = URI.create("/problems/invalid-reset-token");
    static final URI INVALID_REQUEST = URI.create("/problems/invalid-request");
    static final URI UNKNOWN_ACCOUNT = URI.create("/problems/unknown-account");
    static final URI UNKNOWN_API_KEY = URI.create("/problems/unknown-api-key");
    static final URI NOT_A_MAINTAINER = URI.create("/problems/not-a-maintainer");
    static final URI LAST_OWNER = URI.create("/problems/last-owner");
    static final URI TOO_MANY_API_KEYS = URI.create("/problems/too-many-api-keys");
    static final URI SESSION_REQUIRED = URI.create("/problems/session-required");
    static final URI NO_OWNER = URI.create("/problems/no-owner");

    private AccountProblem(HttpStatus status, URI type, String title, String detail) {
        super(status, problem(status, type, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    private AccountProblem with(String property, Object value) {
        getBody().setProperty(property, value);
        return this;
    }

    static AccountProblem emailTaken() {
        return new AccountProblem(HttpStatus.CONFLICT, EMAIL_TAKEN, "E-mail address already registered",
                "An account with this e-mail address already exists (letter case does not matter).");
    }

    static AccountProblem weakPassword(String rule, String detail) {
        return new AccountProblem(HttpStatus.BAD_REQUEST, WEAK_PASSWORD, "Password does not meet the policy", detail)
                .with("rule", rule);
    }

    static AccountProblem invalidRequest(String field, String detail) {
        return new AccountProblem(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "Invalid request", detail)
                .with("field", field);
    }

    static AccountProblem loginFailed() {
        return new AccountProblem(HttpStatus.UNAUTHORIZED, LOGIN_FAILED, "Login failed",
                "The e-mail address or the password is wrong.");
    }

    static AccountProblem loginThrottled(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        AccountProblem problem = new AccountProblem(HttpStatus.TOO_MANY_REQUESTS, LOGIN_THROTTLED,
                "Too many failed logins", "Too many failed logins for this account or from this address; retry in "
                        + seconds + (seconds == 1 ? " second." : " seconds."));
        problem.getHeaders().set("Retry-After", Long.toString(seconds));
        return problem.with("retry_after", seconds);
    }

    static AccountProblem invalidResetToken() {
        return new AccountProblem(HttpStatus.BAD_REQUEST, INVALID_RESET_TOKEN, "Invalid password reset token",
                "The password reset token is unknown, expired or already used; ask for a new one.");
    }

    static AccountProblem unknownAccount() {
        return new AccountProblem(HttpStatus.BAD_REQUEST, UNKNOWN_ACCOUNT, "Unknown account",
                "No account uses this e-mail address; the person must sign up first.").with("field", "email");
    }

    static AccountProblem unknownApiKey() {
        return new AccountProblem(HttpStatus.NOT_FOUND, UNKNOWN_API_KEY, "Unknown API key",
                "You have no API key with this id.");
    }

    static AccountProblem notAMaintainer() {
        return new AccountProblem(HttpStatus.NOT_FOUND, NOT_A_MAINTAINER, "Not a maintainer",
                "This user is not a maintainer of this package.");
    }

    static AccountProblem lastOwner() {
        return new AccountProblem(HttpStatus.CONFLICT, LAST_OWNER, "Last owner",
                "A package keeps at least one owner: add another owner first.");
    }

    static AccountProblem noOwner() {
        return new AccountProblem(HttpStatus.CONFLICT, NO_OWNER, "Package has no owner",
                "Only a package with an owner can be private; add an owner first.");
    }

    static AccountProblem tooManyApiKeys(int max) {
        return new AccountProblem(HttpStatus.CONFLICT, TOO_MANY_API_KEYS, "Too many API keys",
                "An account may hold " + max + " active API keys; revoke one first.");
    }

    static AccountProblem forbidden(String detail) {
        return new AccountProblem(HttpStatus.FORBIDDEN, ProblemResponses.FORBIDDEN, "Forbidden", detail);
    }

    static AccountProblem sessionRequired() {
        return new AccountProblem(HttpStatus.FORBIDDEN, SESSION_REQUIRED, "Session required",
                "API keys are created from a signed-in session, not with another API key.");
    }

    static AccountProblem unauthorized() {
        return new AccountProblem(HttpStatus.UNAUTHORIZED, ProblemResponses.UNAUTHORIZED, "Unauthorized",
                "Sign in (POST /api/auth/login) or send an API key in the X-API-Key header.");
    }
}
