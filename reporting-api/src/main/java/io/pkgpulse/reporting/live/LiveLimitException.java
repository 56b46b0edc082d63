package io.pkgpulse.reporting.live;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * A stream refused for a limit: 429 for a client with all its streams open, 503 when this
 * process is full (or shutting down).
 */
class LiveLimitException extends RuntimeException {

    static final URI TOO_MANY_STREAMS = URI.create("/problems/too-many-streams");
    static final URI NO_STREAM_CAPACITY = URI.create("/problems/no-stream-capacity");

    private final HttpStatus status;

    private final URI type;

    private final String title;

    private final int limit;

    private LiveLimitException(HttpStatus status, URI type, String title, String detail, int limit) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.limit = limit;
    }

    static LiveLimitException perClient(int limit) {
        return new LiveLimitException(HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_STREAMS, "Too many streams",
                "This client has " + limit + " live streams open, as many as it may; close one first.", limit);
    }

    static LiveLimitException stopping() {
        return new LiveLimitException(HttpStatus.SERVICE_UNAVAILABLE, NO_STREAM_CAPACITY, "No stream capacity",
                "This server is shutting down; try again.", 0);
    }

    static LiveLimitException overall(int limit) {
        return new LiveLimitException(HttpStatus.SERVICE_UNAVAILABLE, NO_STREAM_CAPACITY, "No stream capacity",
                "This server has " + limit + " live streams open, as many as it serves; try again later.", limit);
    }

    HttpStatus status() {
        return status;
    }

    URI type() {
        return type;
    }

    String title() {
        return title;
    }

    int limit() {
        return limit;
    }

}
