package io.pkgpulse.ingest.write;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The consumer offsets kept in the database ({@code consumer_offsets}), next to the rows
 * they account for. The offset of a partition only moves from the value the writer last
 * saw, so a worker that lost a partition in a rebalance (and does not know it yet) cannot
 * commit a batch the new owner also writes.
 */
@Component
public class StoredOffsets {

    private final JdbcTemplate jdbc;

    StoredOffsets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The next offset to consume for each of {@code partitions} that has one stored. */
    public Map<TopicPartition, Long> load(String group, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            jdbc.query(
                    "SELECT next_offset FROM consumer_offsets WHERE consumer_group = ? AND topic = ? AND kafka_partition = ?",
                    row -> {
                        offsets.put(partition, row.getLong(1));
                    }, group, partition.topic(), partition.partition());
        }
        return offsets;
    }

    /**
     * Moves a partition's offset from {@code expected} (null: none stored yet) to
     * {@code next}, in the caller's transaction. Returns false, changing nothing, if the
     * stored offset is not {@code expected}.
     */
    public boolean advance(String group, TopicPartition partition, Long expected, long next) {
        if (expected == null) {
            return jdbc.update("""
                    INSERT INTO consumer_offsets (consumer_group, topic, kafka_partition, next_offset)
                    VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""", group, partition.topic(), partition.partition(),
                    next) == 1;
        }
        return jdbc.update("""
                UPDATE consumer_offsets SET next_offset = ?, updated_at = now()
                WHERE consumer_group = ? AND topic = ? AND kafka_partition = ? AND next_offset = ?""", next, group,
                partition.topic(), partition.partition(), expected) == 1;
    }

}
