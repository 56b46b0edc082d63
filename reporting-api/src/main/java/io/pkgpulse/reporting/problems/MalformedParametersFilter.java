package io.pkgpulse.reporting.problems;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A query string (or form body) that cannot be decoded, such as {@code ?start_date=%ZZ},
 * or one with more than {@code server.tomcat.max-parameter-count} parameters, is a 400
 * problem. Tomcat decodes parameters on the first {@code getParameter} call and throws
 * {@link InvalidParameterException} there, which could be anywhere: in Spring's content
 * negotiation ({@code ?format=}), Spring Security's CSRF filter or a controller's
 * arguments, where it became a 500. Decoding them here, before everything else, turns
 * them into the client error they are.
 */
class MalformedParametersFilter extends OncePerRequestFilter {

    private final ProblemResponses problems;

    MalformedParametersFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        }
        catch (InvalidParameterException ex) {
            // Tomcat's message quotes the (possibly corrupted) values; the answer does
            // not.
            problems.write(request, response, HttpStatus.BAD_REQUEST, ProblemTypes.BLANK, "Bad Request",
                    "The request's parameters could not be read: each '%' must be followed by two hexadecimal "
                            + "digits, together encoding UTF-8, and their number is limited.",
                    Map.of());
            return;
        }
        chain.doFilter(request, response);
    }

}
