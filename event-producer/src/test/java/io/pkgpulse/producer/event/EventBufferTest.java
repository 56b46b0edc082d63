package io.pkgpulse.producer.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class EventBufferTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void jsonStringsSurviveARoundTrip() {
        String[] texts = { "plain", "quote \" and backslash \\", "control \u0000\u0001\n\t\r\u001f", "é ü 中文",
                "emoji \uD83D\uDE00", "pip/24.2 {\"ci\":null}" };
        for (String text : texts) {
            byte[] json = new EventBuffer(4).appendJsonString(text).toByteArray();
            assertThat(JSON.readTree(json).stringValue()).isEqualTo(text);
            assertThat(JSON.readTree(Json.quote(text)).stringValue()).isEqualTo(text);
        }
    }

    @Test
    void anUnpairedSurrogateIsEscapedRatherThanMangled() {
        String json = new String(new EventBuffer(4).appendJsonString("a\uD800b").toByteArray(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("\"a\\ud800b\"");
    }

    @Test
    void numbersAndHex() {
        EventBuffer buffer = new EventBuffer(2).appendPadded(7, 3)
            .append(' ')
            .appendPadded(12345, 2)
            .append(' ')
            .appendHex(0xABCDEFL, 8);
        assertThat(new String(buffer.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("007 12345 00abcdef");
    }

    @Test
    void timestampsAreRfc3339WithMilliseconds() {
        assertThat(Rfc3339.format(Instant.parse("2026-11-21T10:15:30.123Z").toEpochMilli()))
            .isEqualTo("2026-11-21T10:15:30.123Z");
        assertThat(Rfc3339.format(0)).isEqualTo("1970-01-01T00:00:00.000Z");
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            long millis = random.nextLong(-2_000_000_000_000L, 5_000_000_000_000L);
            Instant instant = Instant.ofEpochMilli(millis);
            assertThat(Instant.parse(Rfc3339.format(millis))).isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS));
        }
    }

}
