package io.pkgpulse.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A package takes its normal form from the shared project-name rules, and refuses what
 * they refuse.
 */
class PackageNameTest {

    @ParameterizedTest
    @CsvSource({ "Django, django", "Zope__Interface, zope-interface", "PyYAML, pyyaml" })
    void aPackageIsKeyedByItsPep503Name(String name, String normalized) {
        assertThat(new Package(name).getNormalizedName()).isEqualTo(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "-leading", "with space", "ümlaut", "a/b" })
    void aPackageRefusesNamesPep508DoesNotAllow(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Package(name)).withMessageContaining("project name");
    }

}
