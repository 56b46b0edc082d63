package io.pkgpulse.producer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ZipfSamplerTest {

    @Test
    void theHeadIsFarMoreFrequentThanTheTail() {
        ZipfSampler zipf = new ZipfSampler(50_000, 1.1);
        int[] counts = new int[50_001];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            counts[zipf.sample(random)]++;
        }
        // Expected ratio 1000^1.1, about 2000.
        assertThat(counts[1]).isGreaterThan(100 * Math.max(1, counts[1000]));
        assertThat(counts[1]).isGreaterThan(counts[2]).isGreaterThan(counts[10]);
        assertThat(counts[1] / 200_000.0).isCloseTo(zipf.probability(1), within(0.005));
        assertThat(counts[0]).isZero();
    }

    @Test
    void ranksStayInRange() {
        ZipfSampler zipf = new ZipfSampler(3, 0.5);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(zipf.sample(random)).isBetween(1, 3);
        }
        assertThat(zipf.probability(1) + zipf.probability(2) + zipf.probability(3)).isCloseTo(1.0, within(1e-12));
    }

}
