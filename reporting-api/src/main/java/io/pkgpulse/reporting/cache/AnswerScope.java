package io.pkgpulse.reporting.cache;

import java.time.LocalDate;

import io.pkgpulse.reporting.changes.DownloadsChanged;

/**
 * What an answer describes: the downloads of one package ({@code packageId}; {@code null}
 * for all packages) on the UTC days from {@code firstDay} to {@code lastDay}. A change
 * notification outdates exactly the answers whose scope it touches.
 */
public record AnswerScope(Long packageId, LocalDate firstDay, LocalDate lastDay) {

    /** All the days there are: totals since the first download. */
    public static AnswerScope allTime(Long packageId) {
        return new AnswerScope(packageId, LocalDate.MIN, LocalDate.MAX);
    }

    /** Whether {@code change} changed something this answer counts. */
    public boolean outdatedBy(DownloadsChanged change) {
        return packageId == null ? change.touchesAny(firstDay, lastDay) : change.touches(packageId, firstDay, lastDay);
    }

    /**
     * Whether the answer counts a day that is not over yet, which may change any second.
     */
    public boolean reachesInto(LocalDate today) {
        return !lastDay.isBefore(today);
    }
}
