package io.pkgpulse.reporting.problems;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}). Spring's own
 * exceptions (unknown path, wrong method, unreadable body, bad parameter types) go
 * through {@link ResponseEntityExceptionHandler}; ours are mapped here. The {@code type}
 * URIs are in {@link ProblemTypes}.
 * <p>
 * Every problem is sent with its content type set, rather than negotiated against the
 * request's {@code Accept}: negotiation would fail for an {@code Accept} header that
 * cannot be parsed (or a {@code ?format=} that names no format), and Spring then sends an
 * error with an empty body.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    /**
     * The problem as an answer with its status and
     * {@code Content-Type: application/problem+json}.
     */
    static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(UnknownPackageException.class)
    ResponseEntity<ProblemDetail> unknownPackage(UnknownPackageException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setType(ProblemTypes.UNKNOWN_PACKAGE);
        problem.setTitle("Unknown package");
        return respond(problem);
    }

    /**
     * Anything unexpected: a 500 that says so without leaking a stack trace; the log has
     * the details.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        logger.error("Unexpected error", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The server could not answer this request; it has been logged.");
        problem.setTitle("Internal error");
        return respond(problem);
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ProblemDetail> badRequest(BadRequestException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setType(ProblemTypes.BAD_PARAMETER);
        problem.setTitle("Bad parameter");
        problem.setProperty("parameter", ex.parameter());
        return respond(problem);
    }

    /**
     * A parameter that does not convert ({@code ?limit=abc}, {@code ?mirrors=perhaps}, a
     * key id that is no number) is a bad parameter like the ones the handlers refuse.
     * Spring's own detail quotes the value, which for a repeated parameter
     * ({@code ?mirrors=perhaps&mirrors=true}) is Java's rendering of an array
     * ({@code [Ljava.lang.String;@1b2c3d}).
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        String expected = type == boolean.class || type == Boolean.class ? " must be true or false"
                : type != null && (type.isPrimitive() || Number.class.isAssignableFrom(type)) ? " must be a number"
                        : " is malformed";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, name + expected);
        problem.setType(ProblemTypes.BAD_PARAMETER);
        problem.setTitle("Bad parameter");
        problem.setProperty("parameter", name);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * Spring's own problems (and {@code ErrorResponseException}s such as the accounts'
     * problems), typed too.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail) {
            HttpHeaders typed = HttpHeaders.copyOf(headers);
            typed.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return super.createResponseEntity(body, typed, statusCode, request);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

}
