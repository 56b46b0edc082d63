package io.pkgpulse.ingest.events.useragent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.pkgpulse.ingest.events.CheckedEvent;
import io.pkgpulse.ingest.events.CheckedEvent.Accepted;
import io.pkgpulse.ingest.events.CheckedEvent.Dropped;
import io.pkgpulse.ingest.events.DownloadEvent;
import io.pkgpulse.ingest.events.DownloadEvent.FileInfo;
import io.pkgpulse.ingest.events.DropReason;
import io.pkgpulse.ingest.events.EventJson;
import io.pkgpulse.ingest.events.EventValidator;
import io.pkgpulse.model.downloads.ClientProfile;
import tools.jackson.databind.JsonNode;

/**
 * Every agent of PyPI's own corpus (linehaul's test fixtures and one agent for each entry
 * of its ignore list, in the shared fixture {@code linehaul-ua/fixtures.json}) is stored
 * as linehaul parses it: the same client profile fields, or dropped where linehaul
 * ignores the agent. The comparison is with what the worker stores for an event that has
 * only the agent, not with the parser's intermediate form.
 */
class UserAgentLinehaulCorpusTest {

    static final String CORPUS = "linehaul-ua/fixtures.json";

    /**
     * Agents of the corpus where pkgpulse deliberately differs from linehaul, by agent,
     * with the reason (docs/events.md, "Where the worker differs from linehaul"). Only
     * crawlers may be here: linehaul counts some (Googlebot, bingbot as {@code Browser},
     * Baiduspider as unknown) and pkgpulse drops them. The corpus has none of them today.
     */
    static final Map<String, String> DELIBERATE = Map.of();

    /** linehaul's fields that the client profile has a column for, all compared. */
    static final Set<String> COMPARED = Set.of("installer", "python", "implementation", "distro", "system", "cpu",
            "ci");

    /**
     * linehaul's fields that are checked when sent but not stored (docs/events.md), so
     * not compared.
     */
    static final Set<String> NOT_STORED = Set.of("openssl_version", "setuptools_version", "rustc_version");

    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    final EventValidator validator = new EventValidator(new UserAgentParser(), Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofDays(180), Duration.ofMinutes(5));

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void storedAsLinehaulParsesIt(String agent, String id, JsonNode linehaul) {
        CheckedEvent checked = validator.check(eventWithAgent(agent));

        if (DELIBERATE.containsKey(agent)) {
            assertThat(checked).as("a crawler is dropped").isEqualTo(new Dropped(DropReason.BOT));
            Assumptions.abort(id + " differs from linehaul on purpose: " + DELIBERATE.get(agent));
        }
        if (linehaul.isNull()) {
            assertThat(checked).as("%s %s: linehaul ignores it", id, agent).isEqualTo(new Dropped(DropReason.BOT));
        }
        else {
            assertThat(checked).as("%s %s: linehaul parses it", id, agent).isInstanceOf(Accepted.class);
            assertThat(((Accepted) checked).event().client()).as("%s %s", id, agent)
                .isEqualTo(expected(agent, linehaul));
        }
    }

    @Test
    void theCorpusHoldsOnlyFieldsThatAreComparedOrKnownNotToBeStored() {
        List<String> unexpected = new ArrayList<>();
        for (Arguments arguments : corpus().toList()) {
            JsonNode result = (JsonNode) arguments.get()[2];
            if (!result.isNull()) {
                result.propertyNames()
                    .stream()
                    .filter(name -> !COMPARED.contains(name) && !NOT_STORED.contains(name))
                    .forEach(name -> unexpected.add(arguments.get()[1] + ": " + name));
            }
        }
        assertThat(unexpected).isEmpty();
    }

    @Test
    void everyDeliberateDifferenceNamesAnAgentOfTheCorpus() {
        List<Object> agents = corpus().map(arguments -> arguments.get()[0]).toList();

        assertThat(agents).hasSizeGreaterThan(0).doesNotHaveDuplicates().containsAll(DELIBERATE.keySet());
    }

    @Test
    void aMissingCorpusIsAnErrorNotASkip() {
        assertThatThrownBy(() -> SharedFixtures.file("linehaul-ua/no-such-file.json"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("no-such-file.json");
    }

    /**
     * Agent, case id and linehaul's result (a JSON null where linehaul ignores the
     * agent), one per case.
     */
    static Stream<Arguments> corpus() {
        Path file = SharedFixtures.file(CORPUS);
        JsonNode cases;
        try {
            cases = EventJson.mapper().readTree(Files.readString(file)).get("cases");
        }
        catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        assertThat(cases).as("cases in %s", file).isNotNull();
        List<Arguments> all = new ArrayList<>();
        for (JsonNode c : cases) {
            all.add(arguments(c.get("ua").stringValue(), c.get("id").stringValue(), c.get("result")));
        }
        return all.stream();
    }

    private static DownloadEvent eventWithAgent(String agent) {
        return new DownloadEvent(null, NOW.toString(), null, null, "demo",
                new FileInfo("demo-1.0.tar.gz", "demo", "1.0", "sdist"), null, agent, null, null, null);
    }

    /**
     * The client profile linehaul's parse amounts to (with the raw agent, which is stored
     * as sent).
     */
    private static ClientProfile.Fields expected(String agent, JsonNode result) {
        JsonNode installer = result.path("installer");
        JsonNode implementation = result.path("implementation");
        JsonNode system = result.path("system");
        JsonNode distro = result.path("distro");
        JsonNode libc = distro.path("libc");
        JsonNode ci = result.path("ci");
        return new ClientProfile.Fields(text(installer, "name"), text(installer, "version"), text(result, "python"),
                text(implementation, "name"), text(implementation, "version"), text(system, "name"),
                text(system, "release"), text(distro, "name"), text(distro, "version"), text(distro, "id"),
                text(libc, "lib"), text(libc, "version"), text(result, "cpu"),
                absent(ci) ? null : expect(ci, ci.isBoolean(), "ci").booleanValue(), agent);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return absent(value) ? null : expect(value, value.isString(), name).stringValue();
    }

    private static boolean absent(JsonNode value) {
        return value.isMissingNode() || value.isNull();
    }

    /**
     * A value of another type than linehaul's would be a broken corpus, not a null to
     * compare with.
     */
    private static JsonNode expect(JsonNode value, boolean rightType, String name) {
        if (!rightType) {
            throw new IllegalStateException("the corpus has " + value + " for " + name);
        }
        return value;
    }

}
