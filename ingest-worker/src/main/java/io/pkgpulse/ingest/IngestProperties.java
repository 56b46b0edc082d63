package io.pkgpulse.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ingest worker ({@code pkgpulse.ingest.*}). Kafka client settings stay
 * under {@code spring.kafka.*}: the poll size is
 * {@code spring.kafka.consumer.max-poll-records}, the number of consumers per process
 * {@code spring.kafka.listener.concurrency}. Raw retention is
 * {@code pkgpulse.downloads.raw-retention}.
 *
 * @param topic the topic download events arrive on
 * @param deadLetterTopic where bad records go; defaults to the topic name plus
 * {@code -dlt}
 * @param groupId the consumer group; its offsets are stored in the database table
 * {@code consumer_offsets}
 * @param topicPartitions partitions of the topic (and of its dead-letter topic) when the
 * worker creates them
 * @param topicReplicas replication factor when the worker creates the topics
 * @param createTopics whether the worker creates missing topics at start-up
 * @param batchSize most events written in one database transaction (a poll larger than
 * this is split)
 * @param unknownPackages whether unknown packages and releases are registered or
 * dead-lettered
 * @param maxFutureSkew how far ahead of the worker's clock an event may be dated
 * @param synchronousCommit whether a batch's commit waits for its WAL to reach disk; off
 * is safe here because the offsets are in the same transaction (a lost commit is consumed
 * again)
 * @param retry back-off while the database or the dead-letter topic is unreachable (never
 * gives up)
 * @param cache sizes of the in-memory id caches
 * @param referenceChecks how the raw rows' foreign keys to packages and releases are
 * checked: {@code batch} (once per distinct id and batch, then the per-row triggers are
 * skipped; needs the right to set {@code session_replication_role}) or {@code row}
 * (PostgreSQL's trigger per row)
 */
@ConfigurationProperties("pkgpulse.ingest")
public record IngestProperties(@DefaultValue("pypi.downloads.v1") String topic, String deadLetterTopic,
        @DefaultValue("pkgpulse-ingest") String groupId, @DefaultValue("6") int topicPartitions,
        @DefaultValue("1") short topicReplicas, @DefaultValue("true") boolean createTopics,
        @DefaultValue("20000") int batchSize, @DefaultValue("register") UnknownPackagePolicy unknownPackages,
        @DefaultValue("5m") Duration maxFutureSkew, @DefaultValue("false") boolean synchronousCommit,
        @DefaultValue Retry retry, @DefaultValue Cache cache, @DefaultValue("batch") ReferenceCheck referenceChecks) {

    public IngestProperties {
        if (deadLetterTopic == null || deadLetterTopic.isBlank()) {
            deadLetterTopic = topic + "-dlt";
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("pkgpulse.ingest.batch-size must be at least 1");
        }
    }

    public enum UnknownPackagePolicy {

        /** Insert the package or release on first sight (race-safe between workers). */
        REGISTER,
        /**
         * Send the event to the dead-letter topic with reason unknown-package or
         * unknown-release.
         */
        REJECT

    }

    public enum ReferenceCheck {

        /**
         * Lock the batch's distinct packages and releases in one statement each; skip the
         * per-row triggers.
         */
        BATCH,
        /** Leave the checks to PostgreSQL's foreign-key trigger, row by row. */
        ROW

    }

    public record Retry(@DefaultValue("500ms") Duration initialInterval, @DefaultValue("30s") Duration maxInterval) {
    }

    /**
     * @param packages package ids kept in memory
     * @param releases release ids kept in memory
     * @param clientProfiles client-profile ids kept in memory
     */
    public record Cache(@DefaultValue("200000") long packages, @DefaultValue("1000000") long releases,
            @DefaultValue("100000") long clientProfiles) {
    }
}
