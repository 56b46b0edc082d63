package io.pkgpulse.producer.synthetic;

import io.pkgpulse.producer.run.RecordKind;

/**
 * One synthetic record.
 *
 * @param projectRank the project's rank in the universe (1 = most popular)
 * @param key the PEP 503 normalised project name, UTF-8 (shared between events: do not
 * modify)
 * @param value the event JSON, or a deliberately broken version of it
 * @param epochDay the UTC day of the event's timestamp (days since 1970-01-01)
 */
public record GeneratedEvent(RecordKind kind, int projectRank, byte[] key, byte[] value, long epochDay) {
}
