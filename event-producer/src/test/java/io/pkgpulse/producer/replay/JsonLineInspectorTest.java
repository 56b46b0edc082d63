package io.pkgpulse.producer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class JsonLineInspectorTest {

    private final JsonLineInspector inspector = new JsonLineInspector();

    private JsonLineInspector.Inspected inspect(String line) {
        return inspector.inspect(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsTheProjectAndFilename() {
        JsonLineInspector.Inspected inspected = inspect("{\"details\":{\"project\":\"nested\"},\"project\":"
                + "\"Zope.Interface\",\"file\":{\"project\":\"x\",\"filename\":\"zope.interface-7.1.1.tar.gz\"}}");
        assertThat(inspected.object()).isTrue();
        assertThat(inspected.project()).isEqualTo("Zope.Interface");
        assertThat(inspected.filename()).isEqualTo("zope.interface-7.1.1.tar.gz");
    }

    @Test
    void anObjectWithoutProjectIsStillAnObject() {
        assertThat(inspect("{\"project\":42}")).isEqualTo(new JsonLineInspector.Inspected(true, null, null));
    }

    @Test
    void anythingButOneObjectIsNot() {
        assertThat(inspect("[1,2]").object()).isFalse();
        assertThat(inspect("\"text\"").object()).isFalse();
        assertThat(inspect("{\"project\":\"a\"").object()).isFalse();
        assertThat(inspect("{\"project\":\"a\"} {}").object()).isFalse();
        assertThat(inspect("not json").object()).isFalse();
        assertThat(inspect("{\"project\":\"a\"} ").object()).isTrue();
    }

}
