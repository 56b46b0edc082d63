package io.pkgpulse.producer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pkgpulse.names.ProjectNames;
import io.pkgpulse.producer.replay.Pep440;
import io.pkgpulse.producer.run.RecordKind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SyntheticEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final long NOW = Instant.parse("2026-11-21T10:15:30.123Z").toEpochMilli();

    private static SyntheticEvents events(long seed, double badShare) {
        return new SyntheticEvents(new SyntheticSettings(50_000, 1.1, 7, seed, 0.8, badShare), () -> NOW);
    }

    private static List<GeneratedEvent> generate(SyntheticEvents events, int n) {
        List<GeneratedEvent> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(events.next());
        }
        return list;
    }

    @Test
    void theSameSeedGivesTheSameEvents() {
        List<GeneratedEvent> first = generate(events(7, 0.1), 5_000);
        List<GeneratedEvent> second = generate(events(7, 0.1), 5_000);
        List<GeneratedEvent> other = generate(events(8, 0.1), 5_000);

        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).value()).isEqualTo(first.get(i).value());
            assertThat(second.get(i).key()).isEqualTo(first.get(i).key());
            assertThat(second.get(i).kind()).isEqualTo(first.get(i).kind());
        }
        assertThat(other.get(0).value()).isNotEqualTo(first.get(0).value());
    }

    @Test
    void everyGoodEventIsOneTheWorkerAccepts() {
        SyntheticEvents events = events(42, 0);
        Instant oldest = Instant.ofEpochMilli(NOW).minus(Duration.ofDays(7));
        int withDetails = 0;
        for (GeneratedEvent event : generate(events, 20_000)) {
            if (event.kind() != RecordKind.GOOD) {
                continue;
            }
            JsonNode json = JSON.readTree(event.value());
            Instant timestamp = WorkerRules.assertAcceptable(json);
            assertThat(timestamp).isBetween(oldest, Instant.ofEpochMilli(NOW));
            assertThat(json.get("timestamp").stringValue())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

            String project = json.get("project").stringValue();
            assertThat(new String(event.key(), StandardCharsets.UTF_8)).isEqualTo(ProjectNames.normalize(project))
                .isEqualTo(events.universe().key(event.projectRank()));
            assertThat(Pep440.isValid(json.get("file").get("version").stringValue())).isTrue();
            String filename = json.get("file").get("filename").stringValue();
            assertThat(filename).matches(".+-.+(-.+-.+-.+\\.whl|\\.tar\\.gz)");
            assertThat(json.get("url").stringValue()).matches("/packages/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{60}/.+")
                .endsWith("/" + filename);
            if (json.has("details")) {
                withDetails++;
            }
        }
        assertThat(withDetails / 20_000.0).isCloseTo(0.2, within(0.02));
    }

    @Test
    void wheelsAndSdistsComeInTheExpectedMix() {
        int wheels = 0;
        int sdists = 0;
        for (GeneratedEvent event : generate(events(3, 0), 20_000)) {
            String type = JSON.readTree(event.value()).get("file").get("type").stringValue();
            if (type.equals("bdist_wheel")) {
                wheels++;
            }
            else if (type.equals("sdist")) {
                sdists++;
            }
        }
        assertThat(wheels / (double) (wheels + sdists)).isCloseTo(0.85, within(0.02));
    }

    @Test
    void botsMetadataFetchesAndBadRecordsComeInTheSharesAsked() {
        List<GeneratedEvent> events = generate(events(11, 0.1), 100_000);
        Map<RecordKind, Integer> counts = new EnumMap<>(RecordKind.class);
        events.forEach(event -> counts.merge(event.kind(), 1, Integer::sum));

        int bad = counts.getOrDefault(RecordKind.INVALID_JSON, 0) + counts.getOrDefault(RecordKind.MISSING_VERSION, 0)
                + counts.getOrDefault(RecordKind.UNKNOWN_FILE_TYPE, 0)
                + counts.getOrDefault(RecordKind.FUTURE_TIMESTAMP, 0);
        assertThat(bad / 100_000.0).isCloseTo(0.1, within(0.006));
        assertThat(counts.get(RecordKind.INVALID_JSON) / (double) bad).isCloseTo(0.25, within(0.03));
        assertThat(counts.get(RecordKind.BOT) / 90_000.0).isCloseTo(0.005, within(0.0012));
        assertThat(counts.get(RecordKind.METADATA) / 90_000.0).isCloseTo(0.005, within(0.0012));
    }

    @Test
    void badRecordsAreBadInTheWayTheyClaim() {
        for (GeneratedEvent event : generate(events(5, 0.5), 4_000)) {
            switch (event.kind()) {
                case INVALID_JSON ->
                    assertThatThrownBy(() -> JSON.readTree(event.value())).isInstanceOf(JacksonException.class);
                case MISSING_VERSION -> {
                    JsonNode file = JSON.readTree(event.value()).get("file");
                    assertThat(file.has("version")).isFalse();
                    assertThat(file.has("filename")).isTrue();
                }
                case UNKNOWN_FILE_TYPE -> assertThat(WorkerRules.FILE_TYPES)
                    .doesNotContain(JSON.readTree(event.value()).get("file").get("type").stringValue());
                case FUTURE_TIMESTAMP ->
                    assertThat(Instant.parse(JSON.readTree(event.value()).get("timestamp").stringValue()))
                        .isAfter(Instant.ofEpochMilli(NOW).plus(Duration.ofMinutes(30)));
                case BOT -> assertThat(JSON.readTree(event.value()).get("user_agent").stringValue())
                    .containsIgnoringCase("bot");
                case METADATA -> assertThat(JSON.readTree(event.value()).get("file").get("filename").stringValue())
                    .endsWith(".whl.metadata");
                default -> WorkerRules.assertAcceptable(JSON.readTree(event.value()));
            }
        }
    }

    @Test
    void newerVersionsOfAProjectAreDownloadedMore() {
        ProjectUniverse universe = new ProjectUniverse(100, 1);
        Project project = new Project(1, universe.name(1), universe.key(1), false, 99);
        int[] counts = new int[project.versions.length];
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < 50_000; i++) {
            counts[project.pickVersion(random)]++;
        }
        int newestFinal = project.versions.length - 1;
        while (VersionHistory.isPrerelease(new String(project.versions[newestFinal], StandardCharsets.US_ASCII))) {
            newestFinal--;
        }
        assertThat(counts[newestFinal]).isGreaterThan(counts[0] * 5);
    }

}
