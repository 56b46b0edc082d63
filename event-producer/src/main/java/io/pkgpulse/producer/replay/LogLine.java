package io.pkgpulse.producer.replay;

/** What one access-log line turned out to be. */
public sealed interface LogLine {

    /**
     * A successful download of a distribution file.
     *
     * @param path the request path as logged, without query string; null when longer than an event may carry
     * @param userAgent the raw agent, or null when the log has none ({@code "-"})
     */
    record Download(long epochMillis, String path, Distribution distribution, String userAgent) implements LogLine {
    }

    /** A well-formed line that is not a download: another method, an error status, an index page, ... */
    record Skipped(String reason) implements LogLine {
    }

    /** A line that is not in the combined format. */
    record Malformed(String reason) implements LogLine {
    }
}
