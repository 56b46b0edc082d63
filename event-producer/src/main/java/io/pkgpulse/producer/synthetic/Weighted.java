package io.pkgpulse.producer.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A choice among a few values with given weights (agents, countries, Python versions,
 * wheel tags): a cumulative table and a binary search, so a pick costs one random number
 * and a handful of comparisons.
 */
final class Weighted<T> {

    private final List<T> values;

    private final double[] cumulative;

    private Weighted(List<T> values, double[] cumulative) {
        this.values = values;
        this.cumulative = cumulative;
    }

    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    T pick(SplittableRandom random) {
        return values.get(pickIndex(random));
    }

    /** The index, in the order values were added, of a weighted random value. */
    int pickIndex(SplittableRandom random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
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
        return lo;
    }

    T get(int index) {
        return values.get(index);
    }

    int size() {
        return values.size();
    }

    static final class Builder<T> {

        private final List<T> values = new ArrayList<>();

        private final List<Double> weights = new ArrayList<>();

        Builder<T> add(T value, double weight) {
            if (!(weight > 0)) {
                throw new IllegalArgumentException("weight must be positive: " + weight);
            }
            values.add(value);
            weights.add(weight);
            return this;
        }

        Weighted<T> build() {
            if (values.isEmpty()) {
                throw new IllegalStateException("no values");
            }
            double[] cumulative = new double[weights.size()];
            double sum = 0;
            for (int i = 0; i < cumulative.length; i++) {
                sum += weights.get(i);
                cumulative[i] = sum;
            }
            return new Weighted<>(List.copyOf(values), cumulative);
        }

    }

}
