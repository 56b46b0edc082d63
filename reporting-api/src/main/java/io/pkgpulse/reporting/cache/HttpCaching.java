package io.pkgpulse.reporting.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.pkgpulse.reporting.changes.ChangeClock;

/**
 * The HTTP caching headers of statistics and badges, one policy for all of them
 * (docs/api.md, "Caching and freshness"):
 * <ul>
 * <li>answers that count today: {@code no-cache} with validators, so clients and CDNs
 * revalidate every time and get a cheap {@code 304} while nothing changed;</li>
 * <li>answers about completed days only: {@code max-age} of {@code completed-max-age}
 * (late events may still change them), cut at the next UTC midnight for ranges that move
 * with the date, such as "last month";</li>
 * <li>{@code Last-Modified} from the last change notification that concerned the package
 * ({@link ChangeClock}), and {@code If-Modified-Since} answered with {@code 304} without
 * reading the database, unless the request has an {@code If-None-Match}, which takes
 * precedence (RFC 9110 §13.2.2) and is answered from the body's ETag.</li>
 * </ul>
 * Private packages' answers are {@code private}; public ones are {@code public} and
 * tagged with their {@link AnswerScope} so the response cache can keep them until a
 * change outdates them.
 */
@Component
public class HttpCaching {

    /** The request attribute that tells the response cache what an answer describes. */
    static final String SCOPE = AnswerScope.class.getName();

    private final ChangeClock changes;

    private final Clock clock;

    private final Duration completedMaxAge;

    HttpCaching(ChangeClock changes, Clock clock, ResponseCacheProperties properties) {
        this.changes = changes;
        this.clock = clock;
        this.completedMaxAge = properties.completedMaxAge();
    }

    /**
     * Answers with the body {@code body} makes, or with a {@code 304} and no body when
     * the client's {@code If-Modified-Since} shows it has this answer already.
     * @param movesAtMidnight whether the days the answer covers depend on the date
     * (defaults, "last week")
     */
    public <T> ResponseEntity<T> respond(AnswerScope scope, boolean isPrivate, boolean movesAtMidnight,
            Supplier<T> body) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        CacheControl cacheControl;
        if (scope.reachesInto(today)) {
            cacheControl = CacheControl.noCache();
        }
        else {
            Duration maxAge = completedMaxAge;
            Duration untilMidnight = Duration.between(now, today.plusDays(1).atStartOfDay(ZoneOffset.UTC));
            if (movesAtMidnight && untilMidnight.compareTo(maxAge) < 0) {
                maxAge = untilMidnight;
            }
            cacheControl = CacheControl.maxAge(maxAge);
        }
        cacheControl = isPrivate ? cacheControl.cachePrivate() : cacheControl.cachePublic();
        // Taken before the data are read: every change it stands for is in them.
        Optional<Instant> lastModified = changes.lastModified(scope.packageId());
        HttpServletRequest request = currentRequest();
        if (!isPrivate) {
            request.setAttribute(SCOPE, scope);
        }
        if (lastModified.isPresent() && notModifiedSince(request, lastModified.get())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                .cacheControl(cacheControl)
                .lastModified(lastModified.get())
                .build();
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().cacheControl(cacheControl);
        lastModified.ifPresent(answer::lastModified);
        return answer.body(body.get());
    }

    /**
     * {@code If-Modified-Since} is honoured only without {@code If-None-Match}, as RFC
     * 9110 §13.2.2 orders.
     */
    static boolean notModifiedSince(HttpServletRequest request, Instant lastModified) {
        if (request.getHeader(HttpHeaders.IF_NONE_MATCH) != null) {
            return false;
        }
        long since;
        try {
            since = request.getDateHeader(HttpHeaders.IF_MODIFIED_SINCE);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
        return since >= 0 && lastModified.toEpochMilli() <= since;
    }

    private static HttpServletRequest currentRequest() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }

}
