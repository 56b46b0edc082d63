package io.pkgpulse.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.pkgpulse.ingest.events.useragent.UserAgentParser;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published event contract agrees with the worker: every example in
 * {@code docs/events.md} fenced {@code ```json valid} passes
 * {@code docs/download-event.v1.schema.json} and is counted by the worker's own
 * deserializer and validator; every example fenced {@code ```json invalid <reason-code>}
 * fails the schema and is dead-lettered with that reason. Timestamps are moved to the
 * current time first, so the examples never age out of the retention window. Runs from
 * the module directory, as Maven runs tests.
 */
class EventContractTest {

    private static final Path EVENTS_DOC = Path.of("..", "docs", "events.md");

    private static final Path SCHEMA = Path.of("..", "docs", "download-event.v1.schema.json");

    private static final Pattern OPENING_FENCE = Pattern.compile("```json (valid|invalid ([a-z]+(?:-[a-z]+)*))\\s*");

    private static final Pattern TIMESTAMP = Pattern.compile("(\"timestamp\"\\s*:\\s*\")([^\"\\\\]*)(\")");

    /**
     * Reads JSON as strictly as the worker: duplicate keys and trailing data are errors,
     * not schema questions.
     */
    private static final JsonMapper STRICT_JSON = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final EventDeserializer deserializer = new EventDeserializer();

    private final EventValidator validator = new EventValidator(new UserAgentParser(), Clock.systemUTC(),
            Duration.ofDays(180), Duration.ofMinutes(5));

    private Schema eventSchema;

    /**
     * One fenced example of the document.
     *
     * @param reason the expected reject reason code; null for a valid example
     */
    record Example(int line, String reason, String json) {

        boolean valid() {
            return reason == null;
        }

        @Override
        public String toString() {
            return "events.md line " + line + ": " + (valid() ? "valid" : "invalid " + reason);
        }
    }

    static List<Example> examples() throws IOException {
        List<String> lines = Files.readAllLines(EVENTS_DOC, StandardCharsets.UTF_8);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = OPENING_FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            int opening = i;
            StringBuilder json = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                json.append(lines.get(i)).append('\n');
            }
            if (i == lines.size()) {
                fail("The example opened at events.md line %d is never closed", opening + 1);
            }
            examples.add(new Example(opening + 1, fence.group(2), json.toString()));
        }
        return examples;
    }

    @Test
    void theDocumentHasEnoughExamplesOfEachKind() throws IOException {
        List<Example> examples = examples();

        assertThat(examples.stream().filter(Example::valid)).as("valid examples").hasSizeGreaterThanOrEqualTo(5);
        assertThat(examples.stream().filter(e -> !e.valid())).as("invalid examples").hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void theSchemaIsADraft202012Schema() throws IOException {
        JsonNode schema = STRICT_JSON.readTree(Files.readString(SCHEMA, StandardCharsets.UTF_8));
        Schema metaSchema = SCHEMAS.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(schema.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(metaSchema.validate(schema)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theSchemaAndTheWorkerAgreeWithTheExample(Example example) throws IOException {
        List<String> schemaErrors = schemaErrors(example.json());
        String json = withCurrentTimestamps(example);
        Outcome outcome = workerOutcome(json);

        if (example.valid()) {
            assertThat(schemaErrors).as("schema errors of %s", example).isEmpty();
            assertThat(outcome.verdict()).as("what the worker does with %s (%s):%n%s", example, outcome.detail(), json)
                .isEqualTo("accepted");
        }
        else {
            assertThat(schemaErrors).as("schema errors of %s", example).isNotEmpty();
            assertThat(outcome.verdict()).as("what the worker does with %s (%s):%n%s", example, outcome.detail(), json)
                .isEqualTo("rejected " + example.reason());
        }
    }

    /**
     * What the schema says about the example as written; text that is not JSON fails it
     * too.
     */
    private List<String> schemaErrors(String json) throws IOException {
        if (eventSchema == null) {
            eventSchema = SCHEMAS.getSchema(Files.readString(SCHEMA, StandardCharsets.UTF_8), InputFormat.JSON);
        }
        JsonNode node;
        try {
            node = STRICT_JSON.readTree(json);
        }
        catch (JacksonException ex) {
            return List.of("not JSON: " + ex.getOriginalMessage());
        }
        return eventSchema.validate(node).stream().map(Object::toString).toList();
    }

    /**
     * What the worker does with a record value.
     *
     * @param verdict {@code accepted}, {@code rejected <code>} or {@code dropped <code>}
     * @param detail the worker's explanation of a rejection, for failure messages
     */
    record Outcome(String verdict, String detail) {
    }

    /** Runs the worker's own deserializer and validator, as the listener does. */
    private Outcome workerOutcome(String json) {
        ReceivedEvent received;
        try {
            received = deserializer.deserialize("pypi.downloads.v1", json.getBytes(StandardCharsets.UTF_8));
        }
        catch (EventFormatException ex) {
            return new Outcome("rejected " + ex.reason().code(), ex.getMessage());
        }
        CheckedEvent checked = validator.check(received.event());
        if (checked instanceof CheckedEvent.Rejected rejected) {
            return new Outcome("rejected " + rejected.reason().code(), rejected.detail());
        }
        if (checked instanceof CheckedEvent.Dropped dropped) {
            return new Outcome("dropped " + dropped.reason().code(), "not counted");
        }
        return new Outcome("accepted", "counted");
    }

    /**
     * The example with every {@code "timestamp"} value set to the current time, keeping a
     * space separator where the example has one. A valid example must have a timestamp to
     * move.
     */
    private static String withCurrentTimestamps(Example example) {
        String now = OffsetDateTime.now(ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.MILLIS)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        Matcher timestamps = TIMESTAMP.matcher(example.json());
        if (example.valid()) {
            assertThat(timestamps.find()).as("%s has a \"timestamp\" string", example).isTrue();
            timestamps.reset();
        }
        return timestamps.replaceAll(match -> {
            String original = match.group(2);
            String replacement = original.length() > 10 && original.charAt(10) == ' ' ? now.replace('T', ' ') : now;
            return Matcher.quoteReplacement(match.group(1) + replacement + match.group(3));
        });
    }

}
