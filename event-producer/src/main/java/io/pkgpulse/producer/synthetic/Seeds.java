package io.pkgpulse.producer.synthetic;

/**
 * Derives independent seeds from the run's seed, so that each part (names, versions of
 * project 1234, agents, ...) is the same for a seed whatever order parts are first used
 * in. SplitMix64's finaliser.
 */
final class Seeds {

    private Seeds() {
    }

    static long mix(long seed, long salt) {
        long z = seed + salt * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

}
