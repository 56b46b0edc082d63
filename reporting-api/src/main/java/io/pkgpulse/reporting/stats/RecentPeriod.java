package io.pkgpulse.reporting.stats;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * pypistats' "last day, last week, last month", as the recent endpoint, badges and the
 * dashboard count them: whole UTC days ending yesterday, since today is not over yet.
 */
public enum RecentPeriod {

    DAY(1), WEEK(7), MONTH(30);

    private final int days;

    RecentPeriod(int days) {
        this.days = days;
    }

    /**
     * The name in query parameters and in the recent endpoint's keys ({@code last_day}).
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public DateRange range(LocalDate today) {
        LocalDate yesterday = today.minusDays(1);
        return new DateRange(yesterday.minusDays(days - 1), yesterday);
    }

    public static Optional<RecentPeriod> of(String key) {
        for (RecentPeriod period : values()) {
            if (period.key().equals(key)) {
                return Optional.of(period);
            }
        }
        return Optional.empty();
    }

}
