package io.pkgpulse.producer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AgentPoolTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AgentPool pool = new AgentPool(42);

    @Test
    void pipAgentsHaveTheRealFormat() throws Exception {
        Agent pip = pool.all().stream().filter(agent -> agent.raw().startsWith("pip/")).findFirst().orElseThrow();
        String version = pip.raw().substring(4, pip.raw().indexOf(' '));
        JsonNode json = JSON.readTree(pip.raw().substring(pip.raw().indexOf(' ') + 1));

        assertThat(List.copyOf(json.propertyNames())).isSorted()
            .contains("ci", "cpu", "implementation", "installer", "python", "system");
        assertThat(json.get("installer").get("name").stringValue()).isEqualTo("pip");
        assertThat(json.get("installer").get("version").stringValue()).isEqualTo(version);

        // The shape of a real agent: the shared fixture, next to the checkout (../shared
        // from the repository root).
        Path fixture = Path.of("..", "..", "shared", "fixtures", "pip-user-agent.txt");
        assertThat(fixture).as("the shared fixtures beside the checkout").isRegularFile();
        String real = Files.readString(fixture, StandardCharsets.UTF_8).strip();
        JsonNode realJson = JSON.readTree(real.substring(real.indexOf(' ') + 1));
        assertThat(List.copyOf(realJson.propertyNames())).isSorted();
        assertThat(realJson.get("ci").isNull()).isTrue();
    }

    @Test
    void detailsSayWhatTheRawAgentSays() {
        for (Agent agent : pool.all()) {
            String details = new String(agent.detailsMember(), StandardCharsets.UTF_8);
            assertThat(details).startsWith("\"details\":{");
            JsonNode json = JSON.readTree(details.substring("\"details\":".length()));
            String installer = json.get("installer").get("name").stringValue();
            if (agent.raw().startsWith("pip/") || agent.raw().startsWith("uv/")) {
                assertThat(agent.raw()).endsWith(" " + details.substring("\"details\":".length()));
            }
            if (!installer.equals("Browser") && !installer.equals("devpi") && !installer.equals("requests")) {
                assertThat(agent.raw()).startsWith(installer + "/");
            }
        }
    }

    @Test
    void theMixIsMostlyPipThenUv() {
        SplittableRandom random = new SplittableRandom(1);
        int pip = 0;
        int uv = 0;
        for (int i = 0; i < 20_000; i++) {
            String raw = pool.pick(random).raw();
            pip += raw.startsWith("pip/") ? 1 : 0;
            uv += raw.startsWith("uv/") ? 1 : 0;
        }
        assertThat(pip / 20_000.0).isBetween(0.67, 0.73);
        assertThat(uv / 20_000.0).isBetween(0.13, 0.17);
        assertThat(pool.pickBot(random).raw()).containsIgnoringCase("bot");
    }

}
