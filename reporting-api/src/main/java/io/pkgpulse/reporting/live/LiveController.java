package io.pkgpulse.reporting.live;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.pkgpulse.reporting.packages.PackageAccess;
import io.pkgpulse.reporting.packages.VisiblePackage;
import io.pkgpulse.reporting.ratelimit.ClientAddress;

/**
 * {@code GET /api/live?package=name}: a package's numbers as Server-Sent Events, a new
 * event whenever they change (docs/api.md). Without {@code package} (or with
 * {@code __all__}): the totals of all packages. A private package is streamed to its
 * maintainers only; to anyone else it is a 404 like every other endpoint's. Streams are
 * limited per client address and per process ({@link LiveLimitException}).
 */
@RestController
class LiveController {

    private final PackageAccess packages;

    private final LiveFeed feed;

    private final LiveProperties properties;

    LiveController(PackageAccess packages, LiveFeed feed, LiveProperties properties) {
        this.packages = packages;
        this.feed = feed;
        this.properties = properties;
    }

    @GetMapping("/api/live")
    SseEmitter live(@RequestParam(name = "package", required = false) String name,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, HttpServletRequest request,
            HttpServletResponse response) {
        VisiblePackage pkg = name == null || LiveFeed.ALL.equals(name) ? null : packages.require(name);
        // nginx buffers proxied responses unless told not to.
        response.setHeader("X-Accel-Buffering", "no");
        return feed.open(pkg, ClientAddress.of(request), parseId(lastEventId));
    }

    @ExceptionHandler(LiveLimitException.class)
    ResponseEntity<ProblemDetail> limited(LiveLimitException ex) {
        long retryAfter = properties.retryAfterSeconds();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
        problem.setType(ex.type());
        problem.setTitle(ex.title());
        problem.setProperty("limit", ex.limit());
        problem.setProperty("retry_after", retryAfter);
        return ResponseEntity.status(ex.status())
            .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(problem);
    }

    /**
     * An id this server did not write (or none) matches no state: the client is sent the
     * current one.
     */
    private static long parseId(String lastEventId) {
        try {
            return lastEventId == null ? -1 : Long.parseLong(lastEventId.strip());
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

}
