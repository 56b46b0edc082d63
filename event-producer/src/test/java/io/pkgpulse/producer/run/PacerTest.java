package io.pkgpulse.producer.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void spreadsEventsAtTheRate() {
        Pacer pacer = Pacer.of(2_000);
        long start = System.nanoTime();
        for (int i = 0; i <= 200; i++) {
            pacer.await(i);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(seconds).isBetween(0.095, 0.5);
    }

    @Test
    void zeroMeansNoWaiting() {
        Pacer pacer = Pacer.of(0);
        long start = System.nanoTime();
        for (int i = 0; i < 1_000_000; i++) {
            pacer.await(i);
        }
        assertThat(pacer.isUnlimited()).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

}
