package io.pkgpulse.producer.replay;

import java.util.Locale;

/** What one access-log line turned out to be. */
public sealed interface LogLine {

    /**
     * A download of a distribution file, as PyPI counts them: a {@code GET} answered
     * {@code 200} or {@code 304}.
     *
     * @param path the request path as logged, without query string; null when longer than
     * an event may carry
     * @param userAgent the raw agent, or null when the log has none ({@code "-"})
     * @param countryCode the client's country (ISO 3166-1 alpha-2, upper case) when a
     * GeoIP database located its address, else null; the address itself is never kept
     */
    record Download(long epochMillis, String path, Distribution distribution, String userAgent,
            String countryCode) implements LogLine {
    }

    /**
     * A well-formed line that is not a download: another method, another status, an index
     * page, ...
     */
    record Skipped(SkipReason reason) implements LogLine {
    }

    /** A line that is not in the combined format. */
    record Malformed(String reason) implements LogLine {
    }

    /**
     * Why a well-formed line is not a download, in the order the rules are applied: a
     * line is counted under the first rule it fails.
     */
    enum SkipReason {

        /**
         * The request field is not {@code METHOD TARGET [PROTOCOL]}, e.g. {@code "-"} for
         * a connection closed early.
         */
        NOT_A_REQUEST,
        /** Not a {@code GET}: {@code HEAD}, {@code POST}, ... */
        METHOD,
        /**
         * Answered with a status other than {@code 200} or {@code 304}: {@code 206}
         * partial content (range requests, resumed downloads), redirects, errors.
         */
        STATUS,
        /**
         * The path is empty or ends in {@code /}: an index page such as
         * {@code /simple/requests/}.
         */
        NOT_A_FILE,
        /**
         * A file whose name is not a distribution's: {@code /favicon.ico},
         * {@code /simple/requests}, ...
         */
        NOT_A_DISTRIBUTION;

        /** The name in the summary: {@code not_a_file}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

    }

}
