package io.pkgpulse.bench.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class CountsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void overallJsonSumsTheRowsWithoutMirrors() {
        String body = """
                {"package": "p", "type": "overall_downloads", "data": [
                  {"category": "with_mirrors", "date": "2026-11-25", "downloads": 9},
                  {"category": "without_mirrors", "date": "2026-11-25", "downloads": 2},
                  {"category": "with_mirrors", "date": "2026-11-26", "downloads": 40},
                  {"category": "without_mirrors", "date": "2026-11-26", "downloads": 31}]}""";
        assertThat(Counts.overallJson(json, body)).hasValue(33);
        assertThat(Counts.overallJson(json, "{\"data\": []}")).hasValue(0);
        assertThat(Counts.overallJson(json, "not json")).isEmpty();
        assertThat(Counts.overallJson(json, "{\"type\": \"x\"}")).isEmpty();
    }

    @Test
    void overallCsvSumsTheRowsWithoutMirrors() {
        String body = "date,category,downloads\r\n2026-11-26,with_mirrors,40\r\n2026-11-26,without_mirrors,31\r\n"
                + "2026-11-25,\"without_mirrors\",2\r\n";
        assertThat(Counts.overallCsv(body)).hasValue(33);
        assertThat(Counts.overallCsv("date,category,downloads\n")).hasValue(0);
        assertThat(Counts.overallCsv("<html>")).isEmpty();
    }

    @Test
    void badgeValueOnlyWhenExact() {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"90\" height=\"20\" role=\"img\" "
                + "aria-label=\"downloads: 121\"><title>downloads: 121</title></svg>";
        assertThat(Counts.badge(svg)).hasValue(121);
        assertThat(Counts.badge(svg.replace("121", "1.2k"))).isEmpty();
        assertThat(Counts.badge(svg.replace("121", "41k/month"))).isEmpty();
        assertThat(Counts.badge("<svg/>")).isEmpty();
    }

    @Test
    void dashboardRangeTotal() {
        String html = "<li><span class=\"label\">All time</span>\n <data class=\"value\" value=\"99\">99</data></li>"
                + "<li><span class=\"label\"><time datetime=\"2026-05-31\">2026-05-31</time> to ...</span>\n"
                + "    <data class=\"value\" id=\"range-total\" value=\"1234\">1,234</data></li>";
        assertThat(Counts.dashboard(html)).hasValue(1234);
        assertThat(Counts.dashboard("<html>not found</html>")).isEmpty();
    }

    @Test
    void liveEventsOfAnyReasonableShape() {
        assertThat(live("{\"package\": \"probe-x\", \"date\": \"2026-11-26\", \"with_mirrors\": 8, "
                + "\"without_mirrors\": 7}"))
            .hasValue(7);
        assertThat(live("{\"package\": \"Probe_X\", \"today\": {\"with_mirrors\": 8, \"without_mirrors\": 7}}"))
            .hasValue(7);
        assertThat(live("{\"counts\": [{\"day\": \"2026-11-26\", \"withoutMirrors\": 5}]}")).hasValue(5);
        assertThat(live("{\"package\": \"probe-x\", \"with_mirrors\": 8}")).hasValue(8);
        assertThat(live("{\"package\": \"probe-x\", \"data\": {\"downloads\": 3}}")).hasValue(3);
    }

    @Test
    void liveEventsOfOtherPackagesOrWithoutCountsAreIgnored() {
        assertThat(live("{\"package\": \"requests\", \"without_mirrors\": 7}")).isEmpty();
        assertThat(live("{\"project\": \"requests\", \"without_mirrors\": 7}")).isEmpty();
        assertThat(live("{\"package\": \"probe-x\"}")).isEmpty();
        assertThat(live("heartbeat")).isEmpty();
        assertThat(live("[1, 2]")).isEmpty();
    }

    private OptionalLong live(String data) {
        return Counts.liveEvent(json, data, "probe-x");
    }

}
