package io.pkgpulse.reporting.problems;

import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Bean validation errors of the accounts and package-administration endpoints (the ones
 * with request bodies) as a 400 problem that names each field and what is wrong with it,
 * never the value sent (which could be a password). Ordered before the application's
 * general advice, and limited to those packages' controllers (named by string, so that
 * this package depends on neither).
 */
@RestControllerAdvice(basePackages = { "io.pkgpulse.reporting.accounts", "io.pkgpulse.reporting.packages" })
@Order(Ordered.HIGHEST_PRECEDENCE)
class ValidationProblems {

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException ex) {
        List<Map<String, String>> errors = ex.getBindingResult()
            .getFieldErrors()
            .stream()
            .map(ValidationProblems::describe)
            .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.stream()
                    .map(e -> e.get("field") + ": " + e.get("message"))
                    .sorted()
                    .reduce((a, b) -> a + "; " + b)
                    .orElse("The request is not valid."));
        problem.setType(ProblemTypes.INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return ProblemDetailsAdvice.respond(problem);
    }

    private static Map<String, String> describe(FieldError error) {
        String message = switch (error.getCode() == null ? "" : error.getCode()) {
            case "Email" -> "must be an e-mail address";
            case "Pattern" ->
                error.getField().equals("email") ? "must be an e-mail address" : "must not contain control characters";
            default -> error.getDefaultMessage() == null ? "is not valid" : error.getDefaultMessage();
        };
        return Map.of("field", error.getField(), "message", message);
    }

}
