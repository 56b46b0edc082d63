package io.pkgpulse.producer.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectNamesTest {

    @ParameterizedTest
    @CsvSource({"Zope.Interface, zope-interface", "zope_interface, zope-interface", "zope--interface, zope-interface",
            "typing_extensions, typing-extensions", "PyYAML, pyyaml", "a._-b, a-b", "requests, requests"})
    void normalisesAsPep503Says(String name, String normal) {
        assertThat(ProjectNames.normalize(name)).isEqualTo(normal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "A1", "zope.interface", "flask-widget-3921", "py_async_cache", "Django"})
    void acceptsValidNames(String name) {
        assertThat(ProjectNames.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "a-", "a b", "a/b", "é", ".a", "a_"})
    void rejectsInvalidNames(String name) {
        assertThat(ProjectNames.isValid(name)).isFalse();
    }
}
