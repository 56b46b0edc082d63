package io.pkgpulse.producer.event;

/**
 * Writes instants as RFC 3339 UTC date-times with milliseconds
 * ({@code 2026-11-21T10:15:30.123Z}), straight into an {@link EventBuffer}:
 * {@code Instant.toString()} plus encoding costs more than the rest of an event.
 */
public final class Rfc3339 {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Rfc3339() {
    }

    public static String format(long epochMillis) {
        EventBuffer buffer = new EventBuffer(24);
        append(buffer, epochMillis);
        return new String(buffer.toByteArray(), java.nio.charset.StandardCharsets.US_ASCII);
    }

    public static void append(EventBuffer out, long epochMillis) {
        long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        long millisOfDay = Math.floorMod(epochMillis, MILLIS_PER_DAY);
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm, proleptic
        // Gregorian).
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

        out.appendPadded(year, 4)
            .append('-')
            .appendPadded(month, 2)
            .append('-')
            .appendPadded(day, 2)
            .append('T')
            .appendPadded(millisOfDay / 3_600_000, 2)
            .append(':')
            .appendPadded(millisOfDay / 60_000 % 60, 2)
            .append(':')
            .appendPadded(millisOfDay / 1000 % 60, 2)
            .append('.')
            .appendPadded(millisOfDay % 1000, 3)
            .append('Z');
    }

}
