package io.pkgpulse.reporting.accounts;

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

import io.pkgpulse.reporting.web.ProblemDetailsAdvice;

/**
 * Bean validation errors of the accounts endpoints as a 400 problem that names each field and what is wrong with
 * it, never the value sent (which could be a password). Ordered before the application's general advice, and
 * limited to this package's controllers.
 */
@RestControllerAdvice(basePackageClasses = AccountValidationProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccountValidationProblems {

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException ex) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(AccountValidationProblems::describe).toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.stream().map(e -> e.get("field") + ": " + e.get("message")).sorted()
                        .reduce((a, b) -> a + "; " + b).orElse("The request is not valid."));
        problem.setType(AccountProblem.INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return ProblemDetailsAdvice.respond(problem);
    }

    private static Map<String, String> describe(FieldError error) {
        String message = switch (error.getCode() == null ? "" : error.getCode()) {
            case "Email" -> "must be an e-mail address";
            case "Pattern" -> error.getField().equals("email") ? "must be an e-mail address"
                    : "must not contain control characters";
            default -> error.getDefaultMessage() == null ? "is not valid" : error.getDefaultMessage();
        };
        return Map.of("field", error.getField(), "message", message);
    }
}
