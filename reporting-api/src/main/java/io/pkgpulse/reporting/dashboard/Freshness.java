package io.pkgpulse.reporting.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How current the numbers are: when the ingest worker last stored a batch (the newest
 * {@code consumer_offsets.updated_at}) and the newest day that has downloads. Public only
 * for the templates.
 *
 * @param lastBatchAt null when no batch was ever stored
 * @param newestDay null when no day has downloads
 * @param now when the page was rendered
 */
public record Freshness(Instant lastBatchAt, LocalDate newestDay, Instant now, LocalDate today) {

    /** A batch older than this suggests that the worker is stopped or stuck. */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);

    public boolean nothingIngested() {
        return lastBatchAt == null && newestDay == null;
    }

    public boolean stale() {
        return lastBatchAt != null && Duration.between(lastBatchAt, now).compareTo(STALE_AFTER) > 0;
    }

    /**
     * "4 s ago", "12 min ago", "3 h ago", "5 days ago"; "just now" under a second (or if
     * clocks disagree).
     */
    public String lastBatchAgo() {
        return lastBatchAt == null ? "never" : ago(Duration.between(lastBatchAt, now));
    }

    /** "today", "yesterday", "3 days ago". */
    public String newestDayAgo() {
        if (newestDay == null) {
            return "";
        }
        long days = ChronoUnit.DAYS.between(newestDay, today);
        return days <= 0 ? "today" : days == 1 ? "yesterday" : days + " days ago";
    }

    static String ago(Duration age) {
        long seconds = age.getSeconds();
        if (seconds < 1) {
            return "just now";
        }
        if (seconds < 60) {
            return seconds + " s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + " h ago";
        }
        return seconds / 86400 + " days ago";
    }
}
