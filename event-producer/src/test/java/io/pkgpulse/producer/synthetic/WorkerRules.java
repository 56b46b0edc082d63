package io.pkgpulse.producer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import io.pkgpulse.names.ProjectNames;
import tools.jackson.databind.JsonNode;

/**
 * The ingest worker's acceptance rules for an event (EventValidator and EventJson in
 * ingest-worker), restated as assertions: a generated good event must pass every one of
 * them. This module does not depend on the worker, so the rules are repeated here; the
 * limits are the worker's.
 */
final class WorkerRules {

    static final Set<String> FILE_TYPES = Set.of("sdist", "bdist_wheel", "bdist_egg", "bdist_wininst", "bdist_msi",
            "bdist_rpm", "bdist_dmg", "bdist_dumb");

    private WorkerRules() {
    }

    /**
     * Asserts that {@code event} is one the worker counts (bots and metadata aside) and
     * returns its timestamp.
     */
    static Instant assertAcceptable(JsonNode event) {
        assertThat(event.isObject()).isTrue();
        String project = text(event, "project", 255, true);
        assertThat(ProjectNames.isValid(project)).as("PEP 508 name %s", project).isTrue();
        JsonNode file = event.get("file");
        assertThat(file).isNotNull();
        assertThat(file.isObject()).isTrue();
        String filename = text(file, "filename", 512, true);
        String version = text(file, "version", 128, true);
        assertThat(version).doesNotContainPattern("\\s");
        assertThat(FILE_TYPES).contains(text(file, "type", 64, true));
        String fileProject = text(file, "project", 255, false);
        if (fileProject != null) {
            assertThat(ProjectNames.normalize(fileProject)).isEqualTo(ProjectNames.normalize(project));
        }
        assertThat(filename).contains(version);
        text(event, "url", 2048, false);
        text(event, "tls_protocol", 256, false);
        text(event, "tls_cipher", 256, false);
        String agent = text(event, "user_agent", 4096, false);
        String eventId = text(event, "event_id", 36, false);
        if (eventId != null) {
            assertThat(eventId).hasSize(36);
            assertThat(UUID.fromString(eventId).toString()).isEqualTo(eventId);
        }
        String country = text(event, "country_code", 2, false);
        if (country != null) {
            assertThat(country).matches("[A-Z]{2}");
        }
        JsonNode details = event.get("details");
        if (details != null && !details.isNull()) {
            assertThat(details.isObject()).isTrue();
            assertThat(details.path("installer").path("name").isString()).isTrue();
            JsonNode ci = details.get("ci");
            assertThat(ci == null || ci.isNull() || ci.isBoolean()).as("ci is a boolean").isTrue();
        }
        else {
            assertThat(agent).as("an event has details or a user agent").isNotNull();
        }
        return OffsetDateTime.parse(text(event, "timestamp", 64, true)).toInstant();
    }

    private static String text(JsonNode node, String field, int maxLength, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            assertThat(required).as("%s is required", field).isFalse();
            return null;
        }
        assertThat(value.isString()).as("%s is a string", field).isTrue();
        String text = value.stringValue();
        assertThat(text).as(field).isNotBlank().hasSizeLessThanOrEqualTo(maxLength);
        return text;
    }

}
