package io.pkgpulse.ingest.events;

import java.util.Locale;

/**
 * Why a record went to the dead-letter topic. The code (e.g. {@code missing-field}) is
 * the value of the {@code pkgpulse-reject-reason} header and of the {@code reason} tag of
 * the rejected-events metric.
 */
public enum RejectReason {

    /**
     * The value is not a JSON object: malformed JSON, invalid UTF-8, duplicate keys,
     * trailing data.
     */
    NOT_JSON,
    /** A field has the wrong JSON type, e.g. a number where a string belongs. */
    WRONG_TYPE,
    /** The record has no value at all (a tombstone). */
    EMPTY_VALUE,
    /**
     * A required field is absent or blank: timestamp, project, file.filename,
     * file.version, file.type.
     */
    MISSING_FIELD,
    /** A field is longer than its limit (see docs/events.md). */
    OVERSIZED_FIELD,
    /**
     * A field has the right type but an impossible value: a bad timestamp, project name,
     * country code, UUID, NUL.
     */
    INVALID_FIELD,
    /** {@code file.type} is not one of PyPI's distribution types. */
    UNKNOWN_FILE_TYPE,
    /** The timestamp is further in the future than the allowed clock skew. */
    TIMESTAMP_IN_FUTURE,
    /**
     * The timestamp is older than the raw retention, so its day no longer exists; in a
     * history import, it is before {@link EventValidator#HISTORY_START}.
     */
    TIMESTAMP_TOO_OLD,
    /** The project is not known and the worker is set to reject unknown packages. */
    UNKNOWN_PACKAGE,
    /**
     * The release is not known and the worker is set to reject unknown packages and
     * releases.
     */
    UNKNOWN_RELEASE;

    /** Kebab-case code, e.g. {@code timestamp-too-old}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

}
