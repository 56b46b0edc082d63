package io.pkgpulse.reporting.problems;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Spring Boot's {@code /error}, which answers errors that happen outside Spring MVC's
 * handlers: a status that Tomcat or a filter sends itself (such as {@code 405} for
 * {@code TRACE}) or an exception thrown by a filter. Browsers still get the HTML page
 * ({@code templates/error.html}); everyone else gets a problem detail instead of Boot's
 * {@code {timestamp, status, error, path}}, like every other error of the API. A request
 * for {@code /error} itself is a {@code 404}: there is nothing there (Boot answered
 * {@code 500}).
 */
class ProblemErrorController extends BasicErrorController {

    ProblemErrorController(ErrorAttributes errorAttributes, ErrorProperties errorProperties,
            List<ErrorViewResolver> errorViewResolvers) {
        super(errorAttributes, errorProperties, errorViewResolvers);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        problem.put("instance", path == null ? request.getRequestURI() : path);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * Requests for {@code /error} itself, not forwarded there for an error, find nothing.
     */
    @Override
    protected HttpStatus getStatus(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null ? HttpStatus.NOT_FOUND
                : super.getStatus(request);
    }

}
