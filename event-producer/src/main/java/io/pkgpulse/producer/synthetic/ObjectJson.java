package io.pkgpulse.producer.synthetic;

import io.pkgpulse.producer.event.Json;

/**
 * Writes one JSON object with members in the order given: pip sorts its agent's keys, uv
 * writes them in its struct's order and spells out nulls, and the generator copies both
 * faithfully. Used only while precomputing agents.
 */
final class ObjectJson {

    private final StringBuilder out = new StringBuilder("{");

    private final boolean keepNulls;

    private boolean empty = true;

    private ObjectJson(boolean keepNulls) {
        this.keepNulls = keepNulls;
    }

    /** An object that leaves out null members (pip's style). */
    static ObjectJson withoutNulls() {
        return new ObjectJson(false);
    }

    /** An object that writes null members as {@code null} (uv's style). */
    static ObjectJson withNulls() {
        return new ObjectJson(true);
    }

    ObjectJson put(String name, String value) {
        return raw(name, value == null ? null : Json.quote(value));
    }

    ObjectJson put(String name, Boolean value) {
        return raw(name, value == null ? null : value.toString());
    }

    ObjectJson put(String name, ObjectJson value) {
        return raw(name, value == null ? null : value.toString());
    }

    private ObjectJson raw(String name, String json) {
        if (json == null && !keepNulls) {
            return this;
        }
        if (!empty) {
            out.append(',');
        }
        empty = false;
        Json.appendQuoted(out, name).append(':').append(json == null ? "null" : json);
        return this;
    }

    @Override
    public String toString() {
        return out + "}";
    }

}
