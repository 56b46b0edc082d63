package io.pkgpulse.reporting.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import io.pkgpulse.reporting.problems.BadRequestException;

/**
 * The days a series covers, both ends included (UTC days). Defaults to the last 180 days
 * up to today, as pypistats.org serves; a reversed range, a malformed date, a day before
 * 2000 or after tomorrow, or more than ten years at once is a bad request.
 */
public record DateRange(LocalDate start, LocalDate end) {

    static final int DEFAULT_DAYS = 180;
    static final long MAX_DAYS = 3653;
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    public static DateRange of(String start, String end, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        LocalDate to = end == null || end.isBlank() ? today : parse("end_date", end);
        LocalDate from = start == null || start.isBlank() ? to.minusDays(DEFAULT_DAYS - 1) : parse("start_date", start);
        if (from.isAfter(to)) {
            throw new BadRequestException("start_date", "start_date " + from + " is after end_date " + to);
        }
        if (from.isBefore(EARLIEST) || to.isAfter(today.plusDays(1))) {
            throw new BadRequestException(from.isBefore(EARLIEST) ? "start_date" : "end_date",
                    "Dates must lie between " + EARLIEST + " and tomorrow");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new BadRequestException("start_date", "A range may span at most " + MAX_DAYS + " days");
        }
        return new DateRange(from, to);
    }

    private static LocalDate parse(String parameter, String value) {
        try {
            return LocalDate.parse(value);
        }
        catch (DateTimeParseException ex) {
            throw new BadRequestException(parameter, parameter + " must be an ISO date (YYYY-MM-DD)");
        }
    }
}
