package io.pkgpulse.producer.synthetic;

import java.util.SplittableRandom;

/**
 * Ranks 1..n with Zipf's law, P(k) proportional to 1 / k^s: how downloads spread over
 * projects (a handful of projects get most of them, a long tail gets a few). A
 * precomputed cumulative table and a binary search make a sample one random number and
 * ~16 comparisons for 50,000 projects, with no {@code pow} per sample; the table costs 8
 * bytes per project.
 */
public final class ZipfSampler {

    private final double[] cumulative;

    public ZipfSampler(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one rank: " + n);
        }
        if (!(exponent > 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("the exponent must be positive: " + exponent);
        }
        cumulative = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += Math.pow(k, -exponent);
            cumulative[k - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        cumulative[n - 1] = 1.0;
    }

    /** A rank, 1 (most likely) to n. */
    public int sample(SplittableRandom random) {
        double u = random.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            }
            else {
                lo = mid + 1;
            }
        }
        return lo + 1;
    }

    /** The probability of {@code rank}. */
    public double probability(int rank) {
        return cumulative[rank - 1] - (rank == 1 ? 0 : cumulative[rank - 2]);
    }

    public int size() {
        return cumulative.length;
    }

}
