package io.pkgpulse.producer.replay;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Looks into a JSON line just enough to key and count it: is it one JSON object, and what
 * are its {@code project} and {@code file.filename}? A streaming parse that skips
 * everything else, several times cheaper than binding the line; the line itself is sent
 * unchanged.
 */
final class JsonLineInspector {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * What a line holds.
     *
     * @param object whether the line is exactly one JSON object
     * @param project its top-level {@code project} string, or null
     * @param filename its {@code file.filename} string, or null
     */
    record Inspected(boolean object, String project, String filename) {

        static final Inspected NOT_AN_OBJECT = new Inspected(false, null, null);

    }

    Inspected inspect(byte[] line) {
        try (JsonParser parser = MAPPER.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Inspected.NOT_AN_OBJECT;
            }
            String project = null;
            String filename = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && name.equals("project")) {
                    project = parser.getString();
                }
                else if (value == JsonToken.START_OBJECT && name.equals("file")) {
                    filename = filename(parser);
                }
                else {
                    parser.skipChildren();
                }
            }
            return parser.nextToken() == null ? new Inspected(true, project, filename) : Inspected.NOT_AN_OBJECT;
        }
        catch (JacksonException ex) {
            return Inspected.NOT_AN_OBJECT;
        }
    }

    /** Reads the rest of the {@code file} object, returning its {@code filename}. */
    private static String filename(JsonParser parser) {
        String filename = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING && name.equals("filename")) {
                filename = parser.getString();
            }
            else {
                parser.skipChildren();
            }
        }
        return filename;
    }

}
