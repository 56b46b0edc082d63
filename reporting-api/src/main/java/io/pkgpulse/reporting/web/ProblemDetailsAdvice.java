package io.pkgpulse.reporting.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.pkgpulse.reporting.packages.UnknownPackageException;

/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}). Spring's own exceptions (unknown path,
 * wrong method, unreadable body, bad parameter types) go through {@link ResponseEntityExceptionHandler}; ours are
 * mapped here. The {@code type} URIs are documented in docs/api.md.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    public static final URI UNKNOWN_PACKAGE = URI.create("/problems/unknown-package");
    public static final URI BAD_PARAMETER = URI.create("/problems/bad-parameter");

    @ExceptionHandler(UnknownPackageException.class)
    ProblemDetail unknownPackage(UnknownPackageException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setType(UNKNOWN_PACKAGE);
        problem.setTitle("Unknown package");
        return problem;
    }

    /** Anything unexpected: a 500 that says so without leaking a stack trace; the log has the details. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception ex) {
        logger.error("Unexpected error", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The server could not answer this request; it has been logged.");
        problem.setTitle("Internal error");
        return problem;
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setType(BAD_PARAMETER);
        problem.setTitle("Bad parameter");
        problem.setProperty("parameter", ex.parameter());
        return problem;
    }
}
