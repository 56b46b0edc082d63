package io.pkgpulse.bench.freshness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProbeTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theEventFollowsTheContract() {
        ProbeEvent event = new ProbeEvent(json, "freshness-probe-1764170000");
        JsonNode node = json.readTree(event.value(Instant.parse("2026-11-26T16:31:28.123456Z"), 7));

        assertThat(new String(event.key(), StandardCharsets.UTF_8)).isEqualTo("freshness-probe-1764170000");
        assertThat(node.path("timestamp").asString()).isEqualTo("2026-11-26T16:31:28.123Z");
        assertThat(node.path("project").asString()).isEqualTo("freshness-probe-1764170000");
        assertThat(node.path("event_id").asString()).matches("[0-9a-f-]{36}");
        assertThat(node.path("file").path("filename").asString())
            .isEqualTo("freshness_probe_1764170000-1.0.0-py3-none-any.whl");
        assertThat(node.path("file").path("type").asString()).isEqualTo("bdist_wheel");
        assertThat(node.path("details").path("installer").path("name").asString()).isEqualTo("pip");
        assertThat(node.path("url").asString()).matches("/packages/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{60}/.*\\.whl");
    }

    @Test
    void percentilesByNearestRankWithUnseenProbesLast() {
        double[] ms = new double[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = i + 1;
        }
        Percentiles p = Percentiles.of(ms);
        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p95()).isEqualTo(95);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.seen()).isEqualTo(100);

        ms[0] = Double.POSITIVE_INFINITY;
        Percentiles missing = Percentiles.of(ms);
        assertThat(missing.seen()).isEqualTo(99);
        assertThat(missing.max()).isInfinite();
        assertThat(Report.ms(missing.max())).isEqualTo("not seen");
        assertThat(Report.ms(1234.4)).isEqualTo("1,234");
        assertThat(Report.ms(3.14)).isEqualTo("3.1");
    }

    @Test
    void settingsHaveDefaultsAndRefuseOtherHosts() {
        Settings s = Settings.parse(new String[] { "--probes=20", "--base-url", "http://127.0.0.1:38080/" });
        assertThat(s.probes()).isEqualTo(20);
        assertThat(s.baseUrl().toString()).isEqualTo("http://127.0.0.1:38080");
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.packageName()).startsWith("freshness-probe-");

        assertThatThrownBy(() -> Settings.parse(new String[] { "--base-url=http://10.0.0.5:8080" }))
            .hasMessageContaining("loopback");
        assertThatThrownBy(() -> Settings.parse(new String[] { "--probes=999" })).hasMessageContaining("998");
        assertThatThrownBy(() -> Settings.parse(new String[] { "--nope=1" })).hasMessageContaining("--nope");
        assertThat(Settings.parse(new String[] { "--package=Probe.X" }).packageName()).isEqualTo("probe-x");
    }

}
