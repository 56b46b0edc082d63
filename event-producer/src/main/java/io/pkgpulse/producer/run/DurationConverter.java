package io.pkgpulse.producer.run;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people type them: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms},
 * {@code 2d}; ISO 8601 ({@code PT10M}) works too.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("p")) {
            try {
                return Duration.parse(value.trim());
            }
            catch (RuntimeException ex) {
                throw new TypeConversionException("'" + value + "' is not a duration");
            }
        }
        if (!WHOLE.matcher(text).matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration like 90s, 10m, 1h30m or 500ms");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        return total;
    }

}
