package io.pkgpulse.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.pkgpulse.ingest.TestEvent;

class EventDeserializerTest {

    final EventDeserializer deserializer = new EventDeserializer();

    @Test
    void readsAnEventAndKeepsItsOriginalBytes() {
        byte[] bytes = TestEvent.download("Flask", "3.0.3", Instant.parse("2026-11-20T10:15:30Z"))
            .with("unknown_future_field", "ignored")
            .bytes();

        ReceivedEvent received = deserializer.deserialize("t", bytes);

        assertThat(received.bytes()).isSameAs(bytes);
        assertThat(received.event().project()).isEqualTo("Flask");
        assertThat(received.event().file().version()).isEqualTo("3.0.3");
        assertThat(received.event().details().installer().name()).isEqualTo("pip");
        assertThat(received.event().details().ci()).isFalse();
        assertThat(received.event().tlsProtocol()).isEqualTo("TLSv1.3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            truncated                 | {"project": "requests", "file": {       | not-json
            duplicate key             | {"project": "a", "project": "b"}         | not-json
            trailing data             | {"project": "a"} {}                      | not-json
            JSON null                 | null                                     | not-json
            not JSON at all           | hello                                    | not-json
            number for a string       | {"project": 42}                          | wrong-type
            boolean for a string      | {"project": true}                        | wrong-type
            string for a boolean      | {"details": {"ci": "yes"}}               | wrong-type
            number for a boolean      | {"details": {"ci": 1}}                   | wrong-type
            string for an object      | {"file": "requests.tar.gz"}              | wrong-type
            array for an object       | {"details": []}                          | wrong-type
            array for the event       | [1, 2, 3]                                | wrong-type
            string for the event      | "an event"                               | wrong-type
            """)
    void reportsWhyAValueIsNotAnEvent(String description, String json, String reason) {
        EventFormatException failure = catchThrowableOfType(EventFormatException.class,
                () -> deserializer.deserialize("t", json.getBytes(StandardCharsets.UTF_8)));

        assertThat(failure).as(description).isNotNull();
        assertThat(failure.reason().code()).as(description + ": " + failure.getMessage()).isEqualTo(reason);
    }

    @Test
    void invalidUtf8IsNotJson() {
        byte[] bytes = { '{', '"', 'p', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };

        EventFormatException failure = catchThrowableOfType(EventFormatException.class,
                () -> deserializer.deserialize("t", bytes));

        assertThat(failure.reason()).isEqualTo(RejectReason.NOT_JSON);
    }

    @Test
    void anEmptyValueIsEmptyAndWhiteSpaceOrAByteOrderMarkIsNotJson() {
        assertThat(reasonFor(new byte[0])).isEqualTo(RejectReason.EMPTY_VALUE);
        assertThat(reasonFor("  \n ".getBytes(StandardCharsets.UTF_8))).isEqualTo(RejectReason.NOT_JSON);
        assertThat(reasonFor(
                ("\uFEFF" + TestEvent.download("a", "1", Instant.now()).json()).getBytes(StandardCharsets.UTF_8)))
            .isEqualTo(RejectReason.NOT_JSON);
        assertThat(reasonFor(TestEvent.download("a", "1", Instant.now()).json().getBytes(StandardCharsets.UTF_16LE)))
            .isEqualTo(RejectReason.NOT_JSON);
    }

    private RejectReason reasonFor(byte[] bytes) {
        return catchThrowableOfType(EventFormatException.class, () -> deserializer.deserialize("t", bytes)).reason();
    }

    @Test
    void aTombstoneIsNoEvent() {
        assertThat(deserializer.deserialize("t", null)).isNull();
    }

}
