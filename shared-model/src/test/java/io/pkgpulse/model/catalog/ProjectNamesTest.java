package io.pkgpulse.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectNamesTest {

    @ParameterizedTest
    @CsvSource({ "Django, django", "zope.interface, zope-interface", "Zope__Interface, zope-interface",
            "a-_.b, a-b", "typing_extensions, typing-extensions", "PyYAML, pyyaml", "x, x" })
    void normalizesAsPep503(String name, String normalized) {
        assertThat(ProjectNames.requireValidAndNormalize(name)).isEqualTo(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "-leading", "trailing.", "with space", "ümlaut", "semi;colon", "a/b" })
    void rejectsNamesPep508DoesNotAllow(String name) {
        assertThat(ProjectNames.isValid(name)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new Package(name)).withMessageContaining("project name");
    }

    @ParameterizedTest
    @ValueSource(strings = { "requests", "Flask-SQLAlchemy", "zope.interface", "a", "3to2" })
    void acceptsValidNames(String name) {
        assertThat(ProjectNames.isValid(name)).isTrue();
    }
}
