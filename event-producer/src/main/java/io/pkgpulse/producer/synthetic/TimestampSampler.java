package io.pkgpulse.producer.synthetic;

import java.util.SplittableRandom;

/**
 * How long before "now" a download happened: spread over the last N days, the most recent
 * day most likely (weights fall linearly to the oldest day, as for a growing index or a
 * backfill that thins out), uniform within a day.
 */
final class TimestampSampler {

    static final long MILLIS_PER_DAY = 86_400_000L;

    private final Weighted<Integer> daysAgo;

    TimestampSampler(int days) {
        if (days < 1) {
            throw new IllegalArgumentException("need at least one day: " + days);
        }
        Weighted.Builder<Integer> builder = Weighted.builder();
        for (int d = 0; d < days; d++) {
            builder.add(d, days - d);
        }
        daysAgo = builder.build();
    }

    /** Milliseconds before now, 0 to days * 24 h. */
    long millisAgo(SplittableRandom random) {
        return daysAgo.pick(random) * MILLIS_PER_DAY + random.nextLong(MILLIS_PER_DAY);
    }

}
