package io.pkgpulse.ingest.consume;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import io.pkgpulse.ingest.IngestProperties;
import io.pkgpulse.ingest.events.CheckedEvent;
import io.pkgpulse.ingest.events.DropReason;
import io.pkgpulse.ingest.events.EventFormatException;
import io.pkgpulse.ingest.events.EventValidator;
import io.pkgpulse.ingest.events.ReceivedEvent;
import io.pkgpulse.ingest.events.RejectReason;
import io.pkgpulse.ingest.events.ValidEvent;
import io.pkgpulse.ingest.write.BatchPhases;
import io.pkgpulse.ingest.write.BatchWriter;
import io.pkgpulse.ingest.write.BatchWriter.OffsetAdvance;
import io.pkgpulse.ingest.write.EventIds;
import io.pkgpulse.ingest.write.ResolvedBatch;
import io.pkgpulse.ingest.write.StaleOffsetsException;
import io.pkgpulse.ingest.write.StoredOffsets;

/**
 * Consumes download events in batches. For each batch: check every record, resolve the
 * ids of the good ones (which also skips history-import lines counted before;
 * {@link EventIds}), send the bad and the unresolved ones to the dead-letter topic, then
 * write the rest, their rollups and the new offsets in one transaction
 * ({@link BatchWriter}).
 * <p>
 * Offsets live in the database: on assignment the consumer seeks to the stored offset,
 * and each write moves it only from the value this consumer last saw. Records below that
 * value (a batch redelivered after its commit) are skipped. If another consumer moved it,
 * the batch is rolled back and every partition of the batch is sought back to its stored
 * offset. Any other failure is thrown to the error handler, which retries the batch with
 * back-off while the consumer stays paused; nothing is skipped.
 */
@Component
class DownloadEventsListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(DownloadEventsListener.class);

    private static final LogAccessor logAccessor = new LogAccessor(DownloadEventsListener.class);

    private final EventValidator validator;

    private final EventIds ids;

    private final BatchWriter writer;

    private final StoredOffsets storedOffsets;

    private final DeadLetters deadLetters;

    private final IngestMetrics metrics;

    private final String group;

    private final int batchSize;

    /**
     * Next offset per partition as last stored by this process; absent: nothing stored
     * when assigned.
     */
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();

    /**
     * Highest offset per partition already on the dead-letter topic, so a retried batch
     * does not send it again.
     */
    private final Map<TopicPartition, Long> deadLettered = new ConcurrentHashMap<>();

    private final ThreadLocal<ConsumerSeekCallback> seekCallback = new ThreadLocal<>();

    DownloadEventsListener(EventValidator validator, EventIds ids, BatchWriter writer, StoredOffsets storedOffsets,
            DeadLetters deadLetters, IngestMetrics metrics, IngestProperties properties) {
        this.validator = validator;
        this.ids = ids;
        this.writer = writer;
        this.storedOffsets = storedOffsets;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.group = properties.groupId();
        this.batchSize = properties.batchSize();
    }

    @KafkaListener(id = "download-events", topics = "${pkgpulse.ingest.topic:pypi.downloads.v1}",
            groupId = "${pkgpulse.ingest.group-id:pkgpulse-ingest}", batch = "true")
    void onBatch(List<ConsumerRecord<byte[], ReceivedEvent>> records, Acknowledgment acknowledgment) {
        List<ConsumerRecord<byte[], ReceivedEvent>> fresh = records.stream()
            .filter(record -> record.offset() >= positions.getOrDefault(partitionOf(record), 0L))
            .toList();
        for (int from = 0; from < fresh.size(); from += batchSize) {
            List<ConsumerRecord<byte[], ReceivedEvent>> chunk = fresh.subList(from,
                    Math.min(fresh.size(), from + batchSize));
            try {
                process(chunk);
            }
            catch (StaleOffsetsException stale) {
                log.warn("{}; rolled back a batch of {} records and seeking back to the stored offsets",
                        stale.getMessage(), chunk.size());
                seekToStoredOffsets(
                        records.stream().map(DownloadEventsListener::partitionOf).collect(Collectors.toSet()),
                        seekCallback.get());
                return;
            }
            catch (RuntimeException ex) {
                log.warn("Writing a batch of {} records failed: {}; consumption pauses and the batch is retried"
                        + " with back-off", chunk.size(), rootCause(ex), log.isDebugEnabled() ? ex : null);
                throw ex;
            }
        }
        acknowledgment.acknowledge();
    }

    private void process(List<ConsumerRecord<byte[], ReceivedEvent>> records) {
        long started = System.nanoTime();
        BatchPhases phases = new BatchPhases();
        List<Rejection> rejections = new ArrayList<>();
        List<ConsumerRecord<byte[], ReceivedEvent>> acceptedRecords = new ArrayList<>();
        List<ValidEvent> accepted = new ArrayList<>();
        Map<String, Long> dropped = new HashMap<>();
        for (ConsumerRecord<byte[], ReceivedEvent> record : records) {
            if (record.value() == null) {
                rejections.add(unreadable(record));
                continue;
            }
            CheckedEvent checked = validator.check(record.value().event());
            if (checked instanceof CheckedEvent.Accepted ok) {
                acceptedRecords.add(record);
                accepted.add(ok.event());
            }
            else if (checked instanceof CheckedEvent.Rejected bad) {
                rejections.add(new Rejection(record, record.value().bytes(), bad.reason(), bad.detail()));
            }
            else if (checked instanceof CheckedEvent.Dropped drop) {
                dropped.merge(drop.reason().code(), 1L, Long::sum);
            }
        }
        phases.mark("check");
        ResolvedBatch<ConsumerRecord<byte[], ReceivedEvent>> resolved = ids.resolve(acceptedRecords, accepted, phases);
        resolved.unresolved()
            .forEach(
                    u -> rejections.add(new Rejection(u.source(), u.source().value().bytes(), u.reason(), u.detail())));
        if (resolved.repeatedImportLines() > 0) {
            dropped.merge(DropReason.ALREADY_IMPORTED.code(), resolved.repeatedImportLines(), Long::sum);
        }

        deadLetters.publish(rejections.stream()
            .filter(r -> r.record().offset() > deadLettered.getOrDefault(partitionOf(r.record()), -1L))
            .toList());
        rejections.forEach(r -> deadLettered.merge(partitionOf(r.record()), r.record().offset(), Math::max));
        phases.mark("dead-letters");
        writer.write(group, resolved, advances(records), phases);
        records.forEach(record -> positions.merge(partitionOf(record), record.offset() + 1, Math::max));
        metrics.batchWritten(records.size(), resolved.events().size(), rejections, dropped, System.nanoTime() - started,
                phases);
    }

    /**
     * The offsets a batch moves: from what this process last stored (or nothing) to after
     * its last record.
     */
    private Map<TopicPartition, OffsetAdvance> advances(List<ConsumerRecord<byte[], ReceivedEvent>> records) {
        Map<TopicPartition, Long> next = new HashMap<>();
        records.forEach(record -> next.merge(partitionOf(record), record.offset() + 1, Math::max));
        Map<TopicPartition, OffsetAdvance> advances = new HashMap<>();
        next.forEach(
                (partition, offset) -> advances.put(partition, new OffsetAdvance(positions.get(partition), offset)));
        return advances;
    }

    private static Rejection unreadable(ConsumerRecord<byte[], ReceivedEvent> record) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logAccessor);
        if (failure == null) {
            return new Rejection(record, null, RejectReason.EMPTY_VALUE, "the record has no value");
        }
        if (failure.getCause() instanceof EventFormatException format) {
            return new Rejection(record, failure.getData(), format.reason(), format.getMessage());
        }
        return new Rejection(record, failure.getData(), RejectReason.NOT_JSON, String.valueOf(failure.getMessage()));
    }

    /**
     * Positions the consumer where the database says this group stopped, and where it has
     * no offset at the start of the partition: the database, not Kafka's committed
     * offsets, says what has been counted (an emptied database is filled again from the
     * start of the topic).
     */
    private Map<TopicPartition, Long> seekToStoredOffsets(Collection<TopicPartition> partitions,
            ConsumerSeekCallback callback) {
        Map<TopicPartition, Long> stored = storedOffsets.load(group, partitions);
        for (TopicPartition partition : partitions) {
            Long offset = stored.get(partition);
            if (offset != null) {
                positions.put(partition, offset);
                callback.seek(partition.topic(), partition.partition(), offset);
            }
            else {
                positions.remove(partition);
                callback.seekToBeginning(partition.topic(), partition.partition());
            }
        }
        return stored;
    }

    @Override
    public void registerSeekCallback(ConsumerSeekCallback callback) {
        seekCallback.set(callback);
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Map<TopicPartition, Long> stored = seekToStoredOffsets(assignments.keySet(), callback);
        log.info("Assigned {}; resuming from the offsets stored in the database: {}", assignments.keySet(), stored);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        partitions.forEach(positions::remove);
        partitions.forEach(deadLettered::remove);
    }

    private static String rootCause(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == ex ? ex.toString() : ex.getMessage() + " (" + root + ")";
    }

    private static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

}
