package io.pkgpulse.ingest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.pkgpulse.ingest.events.EventJson;

/**
 * A download event for tests, as JSON a producer would send: a pip wheel download with
 * details, which a test changes field by field ({@code with("details.python", "3.11.2")},
 * {@code without("file.version")}).
 */
public final class TestEvent {

    private final Map<String, Object> root = new LinkedHashMap<>();

    private TestEvent() {
    }

    public static TestEvent download(String project, String version, Instant at) {
        TestEvent event = new TestEvent();
        event.with("event_id", UUID.randomUUID().toString())
            .with("timestamp", at.toString())
            .with("country_code", "US")
            .with("url",
                    "/packages/py3/" + project.charAt(0) + "/" + project + "/" + project + "-" + version
                            + "-py3-none-any.whl")
            .with("project", project)
            .with("file.filename", project + "-" + version + "-py3-none-any.whl")
            .with("file.project", project)
            .with("file.version", version)
            .with("file.type", "bdist_wheel")
            .with("details.installer.name", "pip")
            .with("details.installer.version", "24.0")
            .with("details.python", "3.12.1")
            .with("details.implementation.name", "CPython")
            .with("details.implementation.version", "3.12.1")
            .with("details.system.name", "Linux")
            .with("details.system.release", "6.5.0-1016-azure")
            .with("details.cpu", "x86_64")
            .with("details.ci", false)
            .with("tls_protocol", "TLSv1.3")
            .with("tls_cipher", "TLS_AES_128_GCM_SHA256");
        return event;
    }

    /** Sets a field by its dotted path, creating objects on the way. */
    @SuppressWarnings("unchecked")
    public TestEvent with(String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.get(parts[i]);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(parts[i], child);
            }
            node = (Map<String, Object>) child;
        }
        node.put(parts[parts.length - 1], value);
        return this;
    }

    /** Removes a field by its dotted path. */
    @SuppressWarnings("unchecked")
    public TestEvent without(String path) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.get(parts[i]);
        }
        node.remove(parts[parts.length - 1]);
        return this;
    }

    public byte[] bytes() {
        return EventJson.mapper().writeValueAsBytes(root);
    }

    public String json() {
        return EventJson.mapper().writeValueAsString(root);
    }

}
