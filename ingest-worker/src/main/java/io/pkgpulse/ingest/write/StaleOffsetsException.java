package io.pkgpulse.ingest.write;

import org.apache.kafka.common.TopicPartition;

/**
 * A position this worker stores moved under it: a partition's offset (another consumer
 * owns the partition now) or a history import's progress. Nothing of the batch was
 * written; it is consumed again from the stored offsets.
 */
public class StaleOffsetsException extends RuntimeException {

    private final TopicPartition partition;

    public StaleOffsetsException(TopicPartition partition) {
        super("The stored offset of " + partition + " is not the one this worker expected; another consumer wrote it");
        this.partition = partition;
    }

    StaleOffsetsException(String message) {
        super(message);
        this.partition = null;
    }

    /**
     * The partition whose offset moved, or null when a history import's progress moved.
     */
    public TopicPartition partition() {
        return partition;
    }

}
