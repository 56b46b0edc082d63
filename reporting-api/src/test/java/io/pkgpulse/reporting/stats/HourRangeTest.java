package io.pkgpulse.reporting.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.pkgpulse.reporting.problems.BadRequestException;

/**
 * Parsing and checking of hourly ranges, at 15:42:17 UTC with the default retention of 14
 * days.
 */
class HourRangeTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T15:42:17Z"), ZoneOffset.UTC);
    static final Duration RETENTION = Duration.ofDays(14);

    @Test
    void theDefaultIsTheLast48HoursUpToTheCurrentHour() {
        assertThat(range(null, null)).isEqualTo(hours("2026-11-24T16:00:00Z", "2026-11-26T15:00:00Z"));
        assertThat(range("", " ")).isEqualTo(hours("2026-11-24T16:00:00Z", "2026-11-26T15:00:00Z"));
        assertThat(range(null, "2026-11-20T09:00Z")).isEqualTo(hours("2026-11-18T10:00:00Z", "2026-11-20T09:00:00Z"));
        assertThat(range("2026-11-26T03:00Z", null)).isEqualTo(hours("2026-11-26T03:00:00Z", "2026-11-26T15:00:00Z"));
    }

    @Test
    void theDefaultStartDoesNotReachBeforeTheWindow() {
        assertThat(HourRange.of(null, null, CLOCK, Duration.ofHours(6)))
            .isEqualTo(hours("2026-11-26T09:00:00Z", "2026-11-26T15:00:00Z"));
        assertThat(range(null, "2026-11-13T02:00:00Z"))
            .isEqualTo(hours("2026-11-12T15:00:00Z", "2026-11-13T02:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "2026-11-26T14:00:00Z,      2026-11-26T14:00:00Z", "2026-11-26T14:00Z,         2026-11-26T14:00:00Z",
            "2026-11-26T14:00:00.000Z,  2026-11-26T14:00:00Z", "2026-11-26t14:00z,         2026-11-26T14:00:00Z",
            "2026-11-26T15:00:00+01:00, 2026-11-26T14:00:00Z", "2026-11-26T09:00-05:00,    2026-11-26T14:00:00Z" })
    void hoursAreIsoDateTimesOnAWholeUtcHour(String value, String hour) {
        assertThat(range(value, value)).isEqualTo(hours(hour, hour));
    }

    @Test
    void aDateIsItsFirstHourAsStartAndItsLastHourAsEnd() {
        assertThat(range("2026-11-20", "2026-11-21")).isEqualTo(hours("2026-11-20T00:00:00Z", "2026-11-21T23:00:00Z"));
        assertThat(range("2026-11-20", "2026-11-20")).isEqualTo(hours("2026-11-20T00:00:00Z", "2026-11-20T23:00:00Z"));
    }

    @Test
    void todayIsAValidEndDateAllDayButTomorrowOnlyInTheLastHour() {
        assertThat(range("2026-11-26", "2026-11-26")).isEqualTo(hours("2026-11-26T00:00:00Z", "2026-11-26T23:00:00Z"));
        assertRefused("2026-11-26", "2026-11-27", "end",
                "end 2026-11-27T23:00:00Z is more than an hour after the current hour, 2026-11-26T15:00:00Z");
        Clock lastHour = Clock.fixed(Instant.parse("2026-11-26T23:10:00Z"), ZoneOffset.UTC);
        assertThat(HourRange.of("2026-11-27", "2026-11-27", lastHour, RETENTION))
            .isEqualTo(hours("2026-11-27T00:00:00Z", "2026-11-27T23:00:00Z"));
    }

    @Test
    void bothEndsMayBeTheEdgesOfTheWindow() {
        assertThat(range("2026-11-12T15:00:00Z", "2026-11-26T16:00:00Z"))
            .isEqualTo(hours("2026-11-12T15:00:00Z", "2026-11-26T16:00:00Z"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|',
            textBlock = """
                    start | yesterday                 | start must be an ISO-8601 UTC hour (2026-11-26T14:00:00Z) or a date (2026-11-26)
                    end   | 2026-11-26T14             | end must be an ISO-8601 UTC hour (2026-11-26T14:00:00Z) or a date (2026-11-26)
                    start | 2026-11-26 14:00:00Z      | start must be an ISO-8601 UTC hour (2026-11-26T14:00:00Z) or a date (2026-11-26)
                    start | 2026-11-26T14:00:00       | start must be an ISO-8601 UTC hour (2026-11-26T14:00:00Z) or a date (2026-11-26)
                    end   | 2026-02-30                | end must be an ISO-8601 UTC hour (2026-11-26T14:00:00Z) or a date (2026-11-26)
                    start | 1764165600                | start must be an ISO-8601 UTC hour (2026-11-26T14:00:00Z) or a date (2026-11-26)
                    start | 2026-11-26T14:30:00Z      | start must be a whole UTC hour: 2026-11-26T14:30:00Z is not
                    end   | 2026-11-26T14:00:00.5Z    | end must be a whole UTC hour: 2026-11-26T14:00:00.500Z is not
                    start | 2026-11-26T14:00+05:30    | start must be a whole UTC hour: 2026-11-26T08:30:00Z is not
                    """)
    void malformedValuesAndTimesOffTheHourAreRefused(String parameter, String value, String detail) {
        assertRefused(parameter.equals("start") ? value : null, parameter.equals("end") ? value : null, parameter,
                detail);
    }

    @Test
    void aReversedRangeIsRefused() {
        assertRefused("2026-11-26T15:00:00Z", "2026-11-26T14:00:00Z", "start",
                "start 2026-11-26T15:00:00Z is after end 2026-11-26T14:00:00Z");
        assertRefused("2026-11-26T16:00:00Z", null, "start",
                "start 2026-11-26T16:00:00Z is after end 2026-11-26T15:00:00Z");
    }

    @Test
    void aRangeBeforeTheWindowIsRefusedNamingTheWindow() {
        assertRefused("2026-11-12T14:00:00Z", null, "start", "Hourly data reaches back 14 days, to "
                + "2026-11-12T15:00:00Z (pkgpulse.downloads.hourly-retention): start 2026-11-12T14:00:00Z is before it");
        assertRefused("2026-11-12", "2026-11-13", "start", "Hourly data reaches back 14 days, to "
                + "2026-11-12T15:00:00Z (pkgpulse.downloads.hourly-retention): start 2026-11-12T00:00:00Z is before it");
        assertRefused(null, "2026-11-01", "end", "Hourly data reaches back 14 days, to "
                + "2026-11-12T15:00:00Z (pkgpulse.downloads.hourly-retention): end 2026-11-01T23:00:00Z is before it");
        assertThatThrownBy(() -> HourRange.of("2026-11-26T08:00Z", null, CLOCK, Duration.ofHours(6)))
            .hasMessage("Hourly data reaches back 6 hours, to 2026-11-26T09:00:00Z "
                    + "(pkgpulse.downloads.hourly-retention): start 2026-11-26T08:00:00Z is before it");
    }

    @Test
    void anEndMoreThanAnHourAfterTheCurrentHourIsRefused() {
        assertRefused(null, "2026-11-26T17:00:00Z", "end",
                "end 2026-11-26T17:00:00Z is more than an hour after the current hour, 2026-11-26T15:00:00Z");
        assertRefused(null, "+999999999-12-31T23:00:00Z", "end",
                "end +999999999-12-31T23:00:00Z is more than an hour after the current hour, 2026-11-26T15:00:00Z");
    }

    @Test
    void theWindowStartsAtTheFirstWholeHourTheWorkerKeeps() {
        Instant currentHour = Instant.parse("2026-11-26T15:00:00Z");
        assertThat(HourRange.earliest(currentHour, Duration.ofDays(14))).isEqualTo("2026-11-12T15:00:00Z");
        // The worker deletes hours before 13:30, which is 13:00 and earlier.
        assertThat(HourRange.earliest(currentHour, Duration.ofMinutes(90))).isEqualTo("2026-11-26T14:00:00Z");
    }

    @Test
    void theRetentionIsDescribedAsItWasMostLikelyConfigured() {
        assertThat(HourRange.describe(Duration.ofDays(14))).isEqualTo("14 days");
        assertThat(HourRange.describe(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(HourRange.describe(Duration.ofHours(36))).isEqualTo("36 hours");
        assertThat(HourRange.describe(Duration.ofMinutes(90))).isEqualTo("90 minutes");
    }

    private static HourRange range(String start, String end) {
        return HourRange.of(start, end, CLOCK, RETENTION);
    }

    private static HourRange hours(String start, String end) {
        return new HourRange(Instant.parse(start), Instant.parse(end));
    }

    private static void assertRefused(String start, String end, String parameter, String detail) {
        assertThatThrownBy(() -> range(start, end)).isInstanceOfSatisfying(BadRequestException.class, ex -> {
            assertThat(ex.parameter()).isEqualTo(parameter);
            assertThat(ex).hasMessage(detail);
        });
    }

}
