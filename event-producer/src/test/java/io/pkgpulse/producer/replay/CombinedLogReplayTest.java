package io.pkgpulse.producer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pkgpulse.producer.EventProducer;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code replay --format combined} through the command line, on an nginx access log as
 * nginx writes it ({@code \x22} for quotes in the agent) with a real pip user agent: what
 * PyPI counts as a download, what is skipped and why, what the summary says, and
 * countries from a GeoIP database made by the test.
 */
class CombinedLogReplayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Every client address in the log; none may appear in an event, the summary or a
     * message.
     */
    private static final List<String> ADDRESSES = List.of("8.8.8.8", "2001:4860:4860::8888", "1.1.1.1", "81.2.69.160",
            "192.0.2.", "198.51.100.", "2001:db8::17");

    /**
     * The pip agent in the log (shared/fixtures/pip-user-agent.txt), as nginx escapes it
     * there.
     */
    private static final String PIP = "pip/23.2.1 {\"ci\":null,\"cpu\":\"x86_64\",\"distro\":{\"id\":\"bookworm\",\"libc\":{\"lib"
            + "\":\"glibc\",\"version\":\"2.36\"},\"name\":\"Debian GNU/Linux\",\"version\":\"12\"},\"imp"
            + "lementation\":{\"name\":\"CPython\",\"version\":\"3.11.7\"},\"installer\":{\"name\":\"pip\""
            + ",\"version\":\"23.2.1\"},\"openssl_version\":\"OpenSSL 3.0.19 27 Jan 2026\",\"python\":\"3"
            + ".11.7\",\"setuptools_version\":\"65.5.0\",\"system\":{\"name\":\"Linux\",\"release\":\"6.1"
            + "8.44-fc-v669\"}}";

    @TempDir
    Path dir;

    private Path log;

    private String out;

    private String err;

    @BeforeEach
    void copyTheLog() throws Exception {
        log = dir.resolve("access.log");
        try (InputStream in = getClass().getResourceAsStream("/replay/nginx-combined-access.txt")) {
            Files.copy(in, log);
        }
    }

    @Test
    void onlyGetsAnswered200Or304AreSentAndEverySkippedLineHasItsReason() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Path summaryFile = dir.resolve("summary.json");

        int exit = run("replay", "--format", "combined", "--file", log.toString(), "--output", events.toString(),
                "--quiet", "--summary-json", summaryFile.toString());

        assertThat(exit).isZero();
        List<JsonNode> sent = read(events);
        assertThat(sent).extracting(e -> e.get("file").get("filename").stringValue())
            .containsExactly("requests-2.32.3-py3-none-any.whl",
                    "numpy-2.1.3-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "requests-2.32.3.tar.gz", // 304:
                                                                                                                        // counted,
                                                                                                                        // as
                                                                                                                        // PyPI
                                                                                                                        // does
                    "requests-2.32.3-py3-none-any.whl.metadata"); // sent; the worker
                                                                  // drops it
        assertThat(sent).allSatisfy(event -> assertThat(event.get("user_agent").stringValue()).isEqualTo(PIP));
        assertThat(sent).allSatisfy(event -> assertThat(event.has("country_code")).isFalse());

        JsonNode summary = JSON.readTree(summaryFile.toFile());
        assertThat(summary.get("downloads_sent").asLong()).isEqualTo(3);
        assertThat(summary.has("good")).isFalse();
        assertThat(summary.has("bots")).isFalse();
        assertThat(summary.get("metadata").asLong()).isEqualTo(1);
        assertThat(summary.get("sent").asLong()).isEqualTo(4);
        assertThat(summary.get("lines").asLong()).isEqualTo(19);
        assertThat(summary.get("skipped").asLong()).isEqualTo(14);
        assertThat(JSON.convertValue(summary.get("skipped_by_reason"), Map.class)).containsExactly(
                Map.entry("blank", 1), Map.entry("not_a_request", 1), Map.entry("method", 2), Map.entry("status", 8),
                Map.entry("not_a_file", 1), Map.entry("not_a_distribution", 1));
        assertThat(summary.get("unparsed").asLong()).isEqualTo(1);
        assertThat(summary.has("downloads_with_country")).isFalse();
        assertThat(JSON.convertValue(summary.get("per_project"), Map.class)).containsExactly(Map.entry("requests", 2),
                Map.entry("numpy", 1));
        assertThat(summary.get("lines").asLong()).isEqualTo(
                summary.get("sent").asLong() + summary.get("skipped").asLong() + summary.get("unparsed").asLong());

        assertThat(this.out).contains("downloads sent       3 over 2 distinct projects")
            .contains("the worker still drops crawler/bot agents")
            .contains("skipped lines        14 (blank 1, not a request 1, method 2, status 8, not a file 1, "
                    + "not a distribution 1)")
            .doesNotContain("good")
            .doesNotContain("bots ");
        assertThat(this.err)
            .contains("line 19 not parsed (not in the combined log format): <address> - <user> "
                    + "[04/Dec/2026:17:28:14 +0000] \"GET /packages/f9/9b/")
            .doesNotContain("alice");
        assertNoAddressIn(Files.readString(events), Files.readString(summaryFile), this.out, this.err);
    }

    @Test
    void countriesComeFromTheGeoIpDatabaseInEitherLayout() throws Exception {
        for (Path database : List.of(GeoIpDatabases.ipLocationDb(dir), GeoIpDatabases.maxMind(dir))) {
            Path events = dir.resolve("events-" + database.getFileName() + ".jsonl");
            Path summaryFile = dir.resolve("summary-" + database.getFileName() + ".json");

            int exit = run("replay", "--format", "combined", "--geoip", database.toString(), "--file", log.toString(),
                    "--output", events.toString(), "--quiet", "--summary-json", summaryFile.toString());

            assertThat(exit).as(this.err).isZero();
            List<JsonNode> sent = read(events);
            assertThat(sent).extracting(e -> e.path("country_code").stringValue())
                .as(database.toString())
                .containsExactly("US", "IE", "AU", "GB");
            JsonNode summary = JSON.readTree(summaryFile.toFile());
            assertThat(summary.get("downloads_with_country").asLong()).isEqualTo(3);
            assertThat(this.out).contains("with a country       3");
            assertNoAddressIn(Files.readString(events), Files.readString(summaryFile), this.out, this.err);
        }
    }

    @Test
    void aDatabaseThatCannotBeUsedStopsTheReplayBeforeAnythingIsSent() throws Exception {
        Path notADatabase = Files.writeString(dir.resolve("GeoLite2-Country.mmdb"), "not a database\n");
        Map<Path, String> problems = Map.of(dir.resolve("missing.mmdb"), "missing.mmdb: no such file", notADatabase,
                "is not a MaxMind DB (.mmdb) file", GeoIpDatabases.asn(dir),
                "has no country data: database type 'GeoLite2-ASN'");
        for (Map.Entry<Path, String> problem : problems.entrySet()) {
            Path events = dir.resolve("events.jsonl");

            int exit = run("replay", "--format", "combined", "--geoip", problem.getKey().toString(), "--file",
                    log.toString(), "--output", events.toString(), "--quiet");

            assertThat(exit).as(problem.getValue()).isEqualTo(2);
            assertThat(this.err).contains("--geoip").contains(problem.getValue());
            assertThat(events).doesNotExist();
        }

        int exit = run("replay", "--format", "jsonl", "--geoip", GeoIpDatabases.ipLocationDb(dir).toString(), "--file",
                log.toString(), "--output", dir.resolve("events.jsonl").toString(), "--quiet");
        assertThat(exit).isEqualTo(2);
        assertThat(this.err).contains("--geoip applies to --format combined only");
        assertThat(dir.resolve("events.jsonl")).doesNotExist();
    }

    @Test
    void addressesAreMaskedInMessages() {
        assertThat(CombinedLogReplay.masked("2001:db8::17 - bob [04/Dec/2026:17:28:14 +0000] \"GET / HTTP/1.1\""))
            .isEqualTo("<address> - <user> [04/Dec/2026:17:28:14 +0000] \"GET / HTTP/1.1\"");
        assertThat(CombinedLogReplay.masked("pypi.example.org 192.0.2.7 - - [04/Dec/2026:17:28:14 +0000] \"GET"))
            .isEqualTo("<address> <address> - - [04/Dec/2026:17:28:14 +0000] \"GET");
        assertThat(CombinedLogReplay.masked("host-192-0-2-7.example.net garbage")).isEqualTo("<address> garbage");
        assertThat(CombinedLogReplay
            .masked("x \"198.51.100.7, 10.0.0.1:8080\" - [::1]:443 fe80::1%eth0 " + "1:2:3:4:5:6:7:8 ::ffff:192.0.2.1"))
            .isEqualTo("<address> \"<address>, <address>\" - [<address>]:443 <address>%eth0 <address> <address>");
        assertThat(CombinedLogReplay.masked("- - - [04/Dec/2026:17:28:14 +0000] \"GET /packages/foo-1.2.3.4.tar.gz "
                + "HTTP/1.1\" 200 1 \"-\" \"pip/24.2\" 0.004"))
            .isEqualTo("<address> - - [04/Dec/2026:17:28:14 +0000] \"GET /packages/foo-1.2.3.4.tar.gz "
                    + "HTTP/1.1\" 200 1 \"-\" \"pip/24.2\" 0.004");
        assertThat(CombinedLogReplay.masked("")).isEmpty();
    }

    private int run(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        StringWriter usage = new StringWriter();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            CommandLine commandLine = EventProducer.commandLine();
            commandLine.setErr(new PrintWriter(usage, true));
            return commandLine.execute(args);
        }
        finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            this.out = stdout.toString(StandardCharsets.UTF_8);
            this.err = stderr.toString(StandardCharsets.UTF_8) + usage;
            originalOut.print(this.out);
            originalErr.print(this.err);
        }
    }

    private static List<JsonNode> read(Path events) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    private static void assertNoAddressIn(String... texts) {
        for (String text : texts) {
            for (String address : ADDRESSES) {
                assertThat(text).doesNotContain(address);
            }
        }
    }

}
