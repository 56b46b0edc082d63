package io.pkgpulse.bench.freshness;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of latencies in milliseconds; a probe a path never showed
 * counts as infinitely late, so that a percentile that falls on it reads "not seen"
 * instead of looking better than it is.
 */
record Percentiles(int count, int seen, double p50, double p95, double p99, double max) {

    static Percentiles of(double[] latenciesMs) {
        double[] sorted = latenciesMs.clone();
        Arrays.sort(sorted);
        int seen = (int) Arrays.stream(sorted).filter(Double::isFinite).count();
        return new Percentiles(sorted.length, seen, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
    }

    /** The smallest value with at least {@code p} of the values at or below it. */
    static double rank(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
