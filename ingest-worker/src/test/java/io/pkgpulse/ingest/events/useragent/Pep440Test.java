package io.pkgpulse.ingest.events.useragent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The answers of Python's packaging (26.2) to linehaul's three version checks, for the
 * same versions.
 */
class Pep440Test {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # version       | >=6   | >=1.4,<6 | >=0.1.22
            6               | true  | false | true
            6.0             | true  | false | true
            6.0.0           | true  | false | true
            6.0rc1          | false | false | true
            6.0.dev1        | false | false | true
            6.0.post1       | true  | false | true
            6.0.post1.dev1  | true  | false | true
            6.0+local       | true  | false | true
            5.9             | false | true  | true
            5.99.99         | false | true  | true
            6.1a1           | true  | false | true
            v23.0           | true  | false | true
            V23.0           | true  | false | true
            1!1.0           | true  | false | true
            0!5.0           | false | true  | true
            23.0-custom     | false | false | false
            23.0-1          | true  | false | true
            abc             | false | false | false
            ''              | false | false | false
            6.              | false | false | false
            1.4             | false | true  | true
            1.4rc1          | false | false | true
            1.4.dev0        | false | false | true
            1.3.99          | false | false | true
            5.0.dev1        | false | true  | true
            6.0a0           | false | false | true
            0.1.22          | false | false | true
            0.1.21          | false | false | false
            0.1.22rc1       | false | false | false
            0.1.22.post0    | false | false | true
            00006           | true  | false | true
            6.0-RC1         | false | false | true
            1.0+abc..def    | false | false | false
            """)
    void answersAsPythonsPackaging(String version, boolean pip6, boolean oldPip, boolean uv) {
        assertThat(Pep440.atLeast(version, "6")).as(">=6").isEqualTo(pip6);
        assertThat(Pep440.inRange(version, "1.4", "6")).as(">=1.4,<6").isEqualTo(oldPip);
        assertThat(Pep440.atLeast(version, "0.1.22")).as(">=0.1.22").isEqualTo(uv);
    }

}
