package io.pkgpulse.reporting.problems;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import static io.pkgpulse.reporting.problems.ProblemTypes.EMAIL_TAKEN;
import static io.pkgpulse.reporting.problems.ProblemTypes.FORBIDDEN;
import static io.pkgpulse.reporting.problems.ProblemTypes.INVALID_REQUEST;
import static io.pkgpulse.reporting.problems.ProblemTypes.INVALID_RESET_TOKEN;
import static io.pkgpulse.reporting.problems.ProblemTypes.LAST_OWNER;
import static io.pkgpulse.reporting.problems.ProblemTypes.LOGIN_FAILED;
import static io.pkgpulse.reporting.problems.ProblemTypes.LOGIN_THROTTLED;
import static io.pkgpulse.reporting.problems.ProblemTypes.NOT_A_MAINTAINER;
import static io.pkgpulse.reporting.problems.ProblemTypes.NO_OWNER;
import static io.pkgpulse.reporting.problems.ProblemTypes.SESSION_REQUIRED;
import static io.pkgpulse.reporting.problems.ProblemTypes.TOO_MANY_API_KEYS;
import static io.pkgpulse.reporting.problems.ProblemTypes.UNAUTHORIZED;
import static io.pkgpulse.reporting.problems.ProblemTypes.UNKNOWN_ACCOUNT;
import static io.pkgpulse.reporting.problems.ProblemTypes.UNKNOWN_API_KEY;
import static io.pkgpulse.reporting.problems.ProblemTypes.WEAK_PASSWORD;

/**
 * An error of the accounts and package-administration APIs as an RFC 9457 problem (types
 * in {@link ProblemTypes}). It is an {@link ErrorResponseException}, so
 * {@link ProblemDetailsAdvice} renders it as it is, with its headers
 * ({@code Retry-After}). Messages never hold a password, a key or a token.
 */
public class ApiProblem extends ErrorResponseException {

    private ApiProblem(HttpStatus status, URI type, String title, String detail) {
        super(status, problem(status, type, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    private ApiProblem with(String property, Object value) {
        getBody().setProperty(property, value);
        return this;
    }

    public static ApiProblem emailTaken() {
        return new ApiProblem(HttpStatus.CONFLICT, EMAIL_TAKEN, "E-mail address already registered",
                "An account with this e-mail address already exists (letter case does not matter).");
    }

    public static ApiProblem weakPassword(String rule, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, WEAK_PASSWORD, "Password does not meet the policy", detail)
            .with("rule", rule);
    }

    public static ApiProblem invalidRequest(String field, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "Invalid request", detail).with("field", field);
    }

    public static ApiProblem loginFailed() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, LOGIN_FAILED, "Login failed",
                "The e-mail address or the password is wrong.");
    }

    public static ApiProblem loginThrottled(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, LOGIN_THROTTLED, "Too many failed logins",
                "Too many failed logins for this account or from this address; retry in " + seconds
                        + (seconds == 1 ? " second." : " seconds."));
        problem.getHeaders().set("Retry-After", Long.toString(seconds));
        return problem.with("retry_after", seconds);
    }

    public static ApiProblem invalidResetToken() {
        return new ApiProblem(HttpStatus.BAD_REQUEST, INVALID_RESET_TOKEN, "Invalid password reset token",
                "The password reset token is unknown, expired or already used; ask for a new one.");
    }

    public static ApiProblem unknownAccount() {
        return new ApiProblem(HttpStatus.BAD_REQUEST, UNKNOWN_ACCOUNT, "Unknown account",
                "No account uses this e-mail address; the person must sign up first.")
            .with("field", "email");
    }

    public static ApiProblem unknownApiKey() {
        return new ApiProblem(HttpStatus.NOT_FOUND, UNKNOWN_API_KEY, "Unknown API key",
                "You have no API key with this id.");
    }

    public static ApiProblem notAMaintainer() {
        return new ApiProblem(HttpStatus.NOT_FOUND, NOT_A_MAINTAINER, "Not a maintainer",
                "This user is not a maintainer of this package.");
    }

    public static ApiProblem lastOwner() {
        return new ApiProblem(HttpStatus.CONFLICT, LAST_OWNER, "Last owner",
                "A package keeps at least one owner: add another owner first.");
    }

    public static ApiProblem noOwner() {
        return new ApiProblem(HttpStatus.CONFLICT, NO_OWNER, "Package has no owner",
                "Only a package with an owner can be private; add an owner first.");
    }

    public static ApiProblem tooManyApiKeys(int max) {
        return new ApiProblem(HttpStatus.CONFLICT, TOO_MANY_API_KEYS, "Too many API keys",
                "An account may hold " + max + " active API keys; revoke one first.");
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden", detail);
    }

    public static ApiProblem sessionRequired() {
        return new ApiProblem(HttpStatus.FORBIDDEN, SESSION_REQUIRED, "Session required",
                "API keys are created from a signed-in session, not with another API key.");
    }

    public static ApiProblem unauthorized() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, UNAUTHORIZED, "Unauthorized",
                "Sign in (POST /api/auth/login) or send an API key in the X-API-Key header.");
    }

}
