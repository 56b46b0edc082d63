package io.pkgpulse.producer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CombinedLogParserTest {

    private static final String PIP = "pip/24.3.1 {\\\"ci\\\":null,\\\"cpu\\\":\\\"x86_64\\\","
            + "\\\"installer\\\":{\\\"name\\\":\\\"pip\\\",\\\"version\\\":\\\"24.3.1\\\"},\\\"python\\\":\\\"3.12.7\\\"}";

    private final CombinedLogParser parser = new CombinedLogParser();

    @Test
    void aSuccessfulFileDownloadBecomesAnEvent() {
        LogLine line = parser.parse("203.0.113.7 - - [10/Oct/2026:13:55:36 +0200] \"GET /packages/ab/cd/"
                + "0123456789abcdef/numpy-2.1.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl?x=1 "
                + "HTTP/1.1\" 200 16487325 \"-\" \"" + PIP + "\"");

        assertThat(line).isInstanceOf(LogLine.Download.class);
        LogLine.Download download = (LogLine.Download) line;
        assertThat(Instant.ofEpochMilli(download.epochMillis())).isEqualTo(Instant.parse("2026-10-10T11:55:36Z"));
        assertThat(download.path()).startsWith("/packages/ab/cd/").endsWith(".whl");
        assertThat(download.distribution().project()).isEqualTo("numpy");
        assertThat(download.distribution().version()).isEqualTo("2.1.3");
        assertThat(download.distribution().type()).isEqualTo("bdist_wheel");
        assertThat(download.userAgent()).startsWith("pip/24.3.1 {\"ci\":null,").endsWith("\"3.12.7\"}");

        JsonNode event = JsonMapper.builder().build().readTree(new LogEventWriter().write(download));
        assertThat(event.get("timestamp").stringValue()).isEqualTo("2026-10-10T11:55:36.000Z");
        assertThat(event.get("project").stringValue()).isEqualTo("numpy");
        assertThat(event.get("file").get("filename").stringValue()).startsWith("numpy-2.1.3-cp312");
        assertThat(event.get("user_agent").stringValue()).isEqualTo(download.userAgent());
        assertThat(event.has("country_code")).isFalse();
        assertThat(event.toString()).doesNotContain("203.0.113.7");
    }

    @Test
    void nginxEscapesAndPercentEncodingAreUndone() {
        LogLine line = parser.parse("::1 - alice [01/Feb/2026:00:00:01 +0000] \"GET /root/pypi/+f/1a2/b3c4d5e6/"
                + "torch-2.5.1%2Bcpu-cp312-cp312-linux_x86_64.whl HTTP/2.0\" 200 1024 \"https://example.org/\" "
                + "\"curl/8.5.0 \\x22quoted\\x22\" \"extra\" 0.004");

        LogLine.Download download = (LogLine.Download) line;
        assertThat(download.distribution().project()).isEqualTo("torch");
        assertThat(download.distribution().version()).isEqualTo("2.5.1+cpu");
        assertThat(download.userAgent()).isEqualTo("curl/8.5.0 \"quoted\"");
    }

    @Test
    void anSdistWithADottedName() {
        LogLine.Download download = (LogLine.Download) parser.parse("10.0.0.1 - - [21/Nov/2026:10:15:30 +0000] "
                + "\"GET /packages/source/z/zope.interface/zope.interface-7.1.1.tar.gz HTTP/1.1\" 200 25 \"-\" \"-\"");
        assertThat(download.distribution().project()).isEqualTo("zope.interface");
        assertThat(download.distribution().type()).isEqualTo("sdist");
        assertThat(download.userAgent()).isNull();
    }

    @Test
    void onlyGetsAnswered200Or304AreDownloadsAsPyPICountsThem() {
        String wheel = "/packages/f9/9b/335f9764261e915ed497fcdeb11df5dfd6f7bf257d4a6a2a686d80da4d54/"
                + "requests-2.32.3-py3-none-any.whl";
        assertThat(parser.parse(line("GET", wheel, 200))).isInstanceOf(LogLine.Download.class);
        assertThat(parser.parse(line("GET", wheel, 304))).isInstanceOf(LogLine.Download.class);
        for (int status : new int[] { 206, 201, 204, 301, 302, 303, 307, 308, 400, 403, 404, 416, 500, 502, 503 }) {
            assertThat(parser.parse(line("GET", wheel, status))).as("status %d", status)
                .isEqualTo(new LogLine.Skipped(LogLine.SkipReason.STATUS));
        }
        for (String method : new String[] { "HEAD", "POST", "PUT", "OPTIONS", "get" }) {
            assertThat(parser.parse(line(method, wheel, 200))).as(method)
                .isEqualTo(new LogLine.Skipped(LogLine.SkipReason.METHOD));
        }
        // The method is checked before the status.
        assertThat(parser.parse(line("HEAD", wheel, 404))).isEqualTo(new LogLine.Skipped(LogLine.SkipReason.METHOD));
    }

    @Test
    void indexPagesOtherFilesAndNonRequestsAreSkippedWithTheirReason() {
        assertThat(parser.parse(line("GET", "/simple/requests/", 200)))
            .isEqualTo(new LogLine.Skipped(LogLine.SkipReason.NOT_A_FILE));
        assertThat(parser.parse(line("GET", "/", 304))).isEqualTo(new LogLine.Skipped(LogLine.SkipReason.NOT_A_FILE));
        assertThat(parser.parse(line("GET", "/simple/requests", 200)))
            .isEqualTo(new LogLine.Skipped(LogLine.SkipReason.NOT_A_DISTRIBUTION));
        assertThat(parser.parse(line("GET", "/favicon.ico", 200)))
            .isEqualTo(new LogLine.Skipped(LogLine.SkipReason.NOT_A_DISTRIBUTION));
        assertThat(parser.parse("10.0.0.1 - - [21/Nov/2026:10:15:30 +0000] \"-\" 400 0 \"-\" \"-\""))
            .isEqualTo(new LogLine.Skipped(LogLine.SkipReason.NOT_A_REQUEST));
    }

    private static String line(String method, String path, int status) {
        return "10.0.0.1 - - [21/Nov/2026:10:15:30 +0000] \"" + method + " " + path + " HTTP/1.1\" " + status
                + " 153 \"-\" \"pip/24.2\"";
    }

    @Test
    void malformedLinesAreReportedAsSuch() {
        assertThat(parser.parse("this is not a log line")).isInstanceOf(LogLine.Malformed.class);
        assertThat(parser.parse("")).isInstanceOf(LogLine.Malformed.class);
        assertThat(parser.parse("10.0.0.1 - - [yesterday] \"GET /x.whl HTTP/1.1\" 200 1 \"-\" \"-\""))
            .isInstanceOf(LogLine.Malformed.class);
        assertThat(parser.parse(
                "10.0.0.1 - - [21/Nov/2026:10:15:30 +0000] \"GET /packages/x-1.0.tar.gz HTTP/1.1\" " + "200 1 \"-\""))
            .isInstanceOf(LogLine.Malformed.class);
    }

    @Test
    void aHugeAgentDoesNotOverflowTheStack() {
        String agent = "x".repeat(200_000);
        LogLine line = parser.parse("10.0.0.1 - - [21/Nov/2026:10:15:30 +0000] \"GET /packages/a/b/c/"
                + "requests-2.32.3.tar.gz HTTP/1.1\" 200 1 \"-\" \"" + agent + "\"");
        assertThat(((LogLine.Download) line).userAgent()).hasSize(CombinedLogParser.MAX_USER_AGENT);
    }

}
