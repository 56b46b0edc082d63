package io.pkgpulse.producer.run;

/**
 * What an event sent is, from the worker's point of view: counted (good), dropped (bot,
 * metadata fetch) or dead-lettered (the bad kinds). The summary counts each, so a
 * benchmark can check the database against it.
 */
public enum RecordKind {

    GOOD("good", false), BOT("bots", false), METADATA("metadata", false), INVALID_JSON("invalid_json", true),
    MISSING_VERSION("missing_version", true), UNKNOWN_FILE_TYPE("unknown_file_type", true),
    FUTURE_TIMESTAMP("future_timestamp", true),
    /** A replayed line that is not a JSON object; sent as is, with no key. */
    NOT_JSON_OBJECT("not_json_object", true),
    /** A replayed JSON object without a valid (PEP 508) {@code project}. */
    INVALID_PROJECT("invalid_project", true);

    private final String jsonName;

    private final boolean bad;

    RecordKind(String jsonName, boolean bad) {
        this.jsonName = jsonName;
        this.bad = bad;
    }

    /** The name in the summary. */
    public String jsonName() {
        return jsonName;
    }

    /** Whether the worker dead-letters it. */
    public boolean isBad() {
        return bad;
    }

}
