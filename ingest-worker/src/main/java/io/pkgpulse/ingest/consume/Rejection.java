package io.pkgpulse.ingest.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.pkgpulse.ingest.events.RejectReason;

/**
 * A record bound for the dead-letter topic.
 *
 * @param value the record's original value bytes (null for a tombstone)
 */
record Rejection(ConsumerRecord<byte[], ?> record, byte[] value, RejectReason reason, String detail) {
}
