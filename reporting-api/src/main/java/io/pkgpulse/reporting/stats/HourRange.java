package io.pkgpulse.reporting.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import io.pkgpulse.reporting.problems.BadRequestException;

/**
 * The UTC hours an hourly series covers, both ends included, each the start of its hour.
 * {@code start} and {@code end} are ISO-8601 date-times on a whole UTC hour
 * ({@code 2026-11-26T14:00:00Z}, {@code 2026-11-26T14:00Z}) or dates ({@code 2026-11-26}:
 * its first hour as start, its last hour as end). Defaults to the last 48 hours up to the
 * current hour, not reaching before the hourly window. A malformed value, a time that is
 * not a whole hour, a reversed range, a range before the window
 * ({@code pkgpulse.downloads.hourly-retention}: older hours are deleted) or ending more
 * than an hour after the current hour (for a date: starting) is a bad request.
 */
record HourRange(Instant start, Instant end) {

    static final int DEFAULT_HOURS = 48;

    static HourRange of(String start, String end, Clock clock, Duration retention) {
        Instant currentHour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        Instant earliest = earliest(currentHour, retention);
        Instant to = end == null || end.isBlank() ? currentHour : parse("end", end, true);
        Instant from = start == null || start.isBlank()
                ? latest(to.minus(DEFAULT_HOURS - 1, ChronoUnit.HOURS), earliest) : parse("start", start, false);
        if (to.isBefore(earliest)) {
            throw new BadRequestException("end", window(retention, earliest) + ": end " + to + " is before it");
        }
        if (from.isAfter(to)) {
            throw new BadRequestException("start", "start " + from + " is after end " + to);
        }
        if (from.isBefore(earliest)) {
            throw new BadRequestException("start", window(retention, earliest) + ": start " + from + " is before it");
        }
        // One hour of slack, as the daily ranges allow tomorrow: a client's clock may run
        // a little ahead. A date
        // counts from its first hour, so that today is a valid end all day (its later
        // hours have no downloads yet).
        Instant latestEnd = currentHour.plus(1, ChronoUnit.HOURS);
        if ((isDate(end) ? to.truncatedTo(ChronoUnit.DAYS) : to).isAfter(latestEnd)) {
            throw new BadRequestException("end",
                    "end " + to + " is more than an hour after the current hour, " + currentHour);
        }
        return new HourRange(from, to);
    }

    /**
     * The first hour the worker keeps: it deletes the hours before the current hour minus
     * the retention, so a retention that is not a whole number of hours keeps the next
     * whole hour.
     */
    static Instant earliest(Instant currentHour, Duration retention) {
        Instant cut = currentHour.minus(retention);
        Instant hour = cut.truncatedTo(ChronoUnit.HOURS);
        return hour.equals(cut) ? hour : hour.plus(1, ChronoUnit.HOURS);
    }

    private static Instant parse(String parameter, String value, boolean isEnd) {
        Instant instant;
        try {
            instant = isDate(value) ? LocalDate.parse(value)
                .atTime(isEnd ? LocalTime.of(23, 0) : LocalTime.MIDNIGHT)
                .toInstant(ZoneOffset.UTC) : OffsetDateTime.parse(value).toInstant();
        }
        catch (DateTimeParseException ex) {
            throw new BadRequestException(parameter,
                    parameter + " must be an ISO-8601 UTC hour (2026-11-26T14:00:00Z) or a date (2026-11-26)");
        }
        if (!instant.truncatedTo(ChronoUnit.HOURS).equals(instant)) {
            throw new BadRequestException(parameter, parameter + " must be a whole UTC hour: " + instant + " is not");
        }
        return instant;
    }

    /**
     * Whether a given value is a date rather than a date-time (which has its time after a
     * 'T').
     */
    private static boolean isDate(String value) {
        return value != null && !value.isBlank() && value.chars().noneMatch(c -> c == 'T' || c == 't');
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String window(Duration retention, Instant earliest) {
        return "Hourly data reaches back " + describe(retention) + ", to " + earliest
                + " (pkgpulse.downloads.hourly-retention)";
    }

    /**
     * {@code 14 days}, {@code 36 hours}, {@code 90 minutes}: the retention as it was most
     * likely configured.
     */
    static String describe(Duration retention) {
        if (retention.toSeconds() % Duration.ofDays(1).toSeconds() == 0) {
            return plural(retention.toDays(), "day");
        }
        if (retention.toSeconds() % Duration.ofHours(1).toSeconds() == 0) {
            return plural(retention.toHours(), "hour");
        }
        return plural(retention.toMinutes(), "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
