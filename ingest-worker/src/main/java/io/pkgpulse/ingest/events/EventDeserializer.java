package io.pkgpulse.ingest.events;

import org.apache.kafka.common.serialization.Deserializer;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Reads a record value as a {@link DownloadEvent}. Meant to be wrapped by Spring Kafka's
 * {@code ErrorHandlingDeserializer}: a value that is not an event makes it throw
 * {@link EventFormatException}, which the wrapper turns into a null value plus a header
 * holding the original bytes and the reason.
 */
public class EventDeserializer implements Deserializer<ReceivedEvent> {

    private static final ObjectReader READER = EventJson.mapper().readerFor(DownloadEvent.class);

    @Override
    public ReceivedEvent deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0) {
            throw new EventFormatException(RejectReason.EMPTY_VALUE, "the record value is empty");
        }
        if (!looksLikeUtf8Json(data)) {
            throw new EventFormatException(RejectReason.NOT_JSON,
                    "the value is not UTF-8 JSON (a byte order mark, UTF-16/32, or only white space)");
        }
        DownloadEvent event;
        try (JsonParser parser = READER.createParser(data)) {
            event = READER.readValue(parser);
            if (parser.nextToken() != null) {
                throw new EventFormatException(RejectReason.NOT_JSON, "there is more after the event's JSON object");
            }
        }
        catch (MismatchedInputException ex) {
            throw new EventFormatException(RejectReason.WRONG_TYPE, ex.getOriginalMessage() + at(ex));
        }
        catch (JacksonException ex) {
            throw new EventFormatException(RejectReason.NOT_JSON, ex.getOriginalMessage());
        }
        if (event == null) {
            throw new EventFormatException(RejectReason.NOT_JSON, "the value is JSON null, not an event object");
        }
        return new ReceivedEvent(data, event);
    }

    /**
     * The contract says UTF-8 without a byte order mark; Jackson would also detect UTF-16
     * and UTF-32 by their NUL bytes, so those are refused up front, as is a value with
     * nothing but white space.
     */
    private static boolean looksLikeUtf8Json(byte[] data) {
        if (data.length >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB && (data[2] & 0xFF) == 0xBF) {
            return false;
        }
        for (int i = 0; i < Math.min(4, data.length); i++) {
            if (data[i] == 0) {
                return false;
            }
        }
        for (byte b : data) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return true;
            }
        }
        return false;
    }

    /** The JSON path of the offending field, e.g. {@code " (at file.version)"}. */
    private static String at(JacksonException ex) {
        String path = ex.getPath()
            .stream()
            .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
            .reduce((a, b) -> a + "." + b)
            .orElse("");
        return path.isEmpty() ? "" : " (at " + path + ")";
    }

}
