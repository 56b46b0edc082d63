package io.pkgpulse.reporting.badges;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BadgeSvgTest {

    @ParameterizedTest
    @CsvSource({ "0, 0", "999, 999", "1000, 1.0k", "1234, 1.2k", "9949, 9.9k", "9950, 10k", "45678, 46k",
            "999499, 999k", "999500, 1.0M", "1234567, 1.2M", "3456789012, 3.5G" })
    void numbersAreShortenedAsBadgesShowThem(long n, String shown) {
        assertThat(BadgeSvg.human(n)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource({ "brightgreen, #4c1", "RED, #e05d44", "4c1, #4c1", "#aabbcc, #aabbcc", "javascript:alert(1),", "12345,",
            "<script>," })
    void coloursAreNamesOrHexOnly(String requested, String colour) {
        assertThat(BadgeSvg.colour(requested)).isEqualTo(colour);
    }

}
