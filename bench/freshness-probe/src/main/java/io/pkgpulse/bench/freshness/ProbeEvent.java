package io.pkgpulse.bench.freshness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One download of the probe package, as a pip install on Linux would report it: the JSON
 * event of docs/events.md (topic {@code pypi.downloads.v1}'s contract, the one
 * event-producer writes), keyed by the PEP 503 normal name. Not a mirror download, not
 * CI, not a bot, a wheel: the worker counts it in {@code with_mirrors} and
 * {@code without_mirrors} alike.
 */
final class ProbeEvent {

    static final String VERSION = "1.0.0";

    private final JsonMapper json;

    private final String project;

    ProbeEvent(JsonMapper json, String project) {
        this.json = json;
        this.project = project;
    }

    byte[] key() {
        return ProjectName.normalize(project).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The event for a download at {@code at}; {@code sequence} only makes the URL's hash
     * differ per probe.
     */
    byte[] value(Instant at, int sequence) {
        String wheel = project.replace('-', '_') + "-" + VERSION + "-py3-none-any.whl";
        String hash = sha256(project + "/" + sequence);
        ObjectNode event = json.createObjectNode();
        event.put("event_id", UUID.randomUUID().toString());
        event.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS)));
        event.put("country_code", "DE");
        event.put("url", "/packages/" + hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/" + hash.substring(4)
                + "/" + wheel);
        event.put("project", project);
        ObjectNode file = event.putObject("file");
        file.put("filename", wheel);
        file.put("project", project);
        file.put("version", VERSION);
        file.put("type", "bdist_wheel");
        ObjectNode details = event.putObject("details");
        details.putObject("installer").put("name", "pip").put("version", "24.3.1");
        details.put("python", "3.12.7");
        details.putObject("implementation").put("name", "CPython").put("version", "3.12.7");
        details.putObject("distro").put("name", "Ubuntu").put("version", "24.04");
        details.putObject("system").put("name", "Linux").put("release", "6.8.0-48-generic");
        details.put("cpu", "x86_64");
        details.put("ci", false);
        event.put("tls_protocol", "TLSv1.3");
        event.put("tls_cipher", "TLS_AES_128_GCM_SHA256");
        return json.writeValueAsBytes(event);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
