package io.pkgpulse.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectNamesTest {

    @ParameterizedTest
    @CsvSource({ "Django, django", "Zope.Interface, zope-interface", "zope_interface, zope-interface",
            "zope--interface, zope-interface", "Zope__Interface, zope-interface", "a-_.b, a-b",
            "typing_extensions, typing-extensions", "PyYAML, pyyaml", "x, x", "requests, requests" })
    void normalizesAsPep503(String name, String normalized) {
        assertThat(ProjectNames.normalize(name)).isEqualTo(normalized);
        assertThat(ProjectNames.requireValidAndNormalize(name)).isEqualTo(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = { "requests", "Flask-SQLAlchemy", "zope.interface", "a", "A1", "3to2", "py_async_cache" })
    void acceptsValidNames(String name) {
        assertThat(ProjectNames.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "-leading", "trailing.", ".a", "a_", "with space", "ümlaut", "é", "semi;colon", "a/b",
            "\u212Aiwi" })
    void rejectsNamesPep508DoesNotAllow(String name) {
        assertThat(ProjectNames.isValid(name)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> ProjectNames.requireValidAndNormalize(name))
            .withMessageContaining("project name");
    }

    @Test
    void rejectsNullAndNamesLongerThanTheColumn() {
        assertThat(ProjectNames.isValid(null)).isFalse();
        assertThat(ProjectNames.isValid("a".repeat(ProjectNames.MAX_LENGTH))).isTrue();
        assertThat(ProjectNames.isValid("a".repeat(ProjectNames.MAX_LENGTH + 1))).isFalse();
    }

}
