package io.pkgpulse.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Pep440VersionTest {

    /**
     * Ascending, from packaging's own test suite (tests/test_version.py), plus large and
     * calendar versions.
     */
    static final List<String> ASCENDING = List.of("1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12",
            "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0",
            "1.0+abc.5", "1.0+abc.7", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1", "1.2", "1.2.3.4",
            "1.10", "2.0", "20240101", "1!0.1");

    @Test
    void sortKeysFollowPep440Order() {
        List<String> shuffled = new ArrayList<>(ASCENDING);
        Collections.shuffle(shuffled, new Random(7));

        List<String> sorted = shuffled.stream()
            .sorted(Comparator.comparing(v -> Pep440Version.parse(v).orElseThrow().sortKey()))
            .toList();

        assertThat(sorted).containsExactlyElementsOf(ASCENDING);
    }

    @ParameterizedTest
    @CsvSource({ "1.0, 1.0.0", "1.0-beta2, 1.0b2", "1.0.ALPHA.1, 1.0a1", "v2.0, 2.0", "1.0-1, 1.0.post1",
            "1.0.rev2, 1.0.post2", "1.0c1, 1.0rc1", "1.0.dev, 1.0.dev0", "1.0-preview3, 1.0rc3", " 1.0 , 1.0" })
    void equivalentSpellingsHaveTheSameKey(String spelling, String canonical) {
        assertThat(Pep440Version.parse(spelling)).isEqualTo(Pep440Version.parse(canonical)).isPresent();
    }

    @Test
    void majorMinorMicroComeFromTheReleaseSegment() {
        Pep440Version v = Pep440Version.parse("3.12.4rc1").orElseThrow();
        assertThat(v.major()).isEqualTo(3);
        assertThat(v.minor()).isEqualTo(12);
        assertThat(v.micro()).isEqualTo(4);
        assertThat(v.prerelease()).isTrue();

        Pep440Version short1 = Pep440Version.parse("7").orElseThrow();
        assertThat(List.of(short1.major(), short1.minor(), short1.micro())).containsExactly(7, 0, 0);
    }

    @ParameterizedTest
    @CsvSource({ "1.0, false", "1.0.post1, false", "1.0a1, true", "1.0.dev3, true", "1.0.post1.dev1, true" })
    void prereleaseMeansPreOrDev(String version, boolean prerelease) {
        assertThat(Pep440Version.parse(version).orElseThrow().prerelease()).isEqualTo(prerelease);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "2004d", "latest", "1.0-final-final", "1..0", "99999999999999999999.0" })
    void nonPep440VersionsAreNotParsed(String version) {
        assertThat(Pep440Version.parse(version)).isEmpty();
    }

}
