package io.pkgpulse.ingest.write;

import org.apache.kafka.common.TopicPartition;

/** The stored offset of a partition moved under this worker: another consumer owns it now. */
public class StaleOffsetsException extends RuntimeException {

    private final TopicPartition partition;

    public StaleOffsetsException(TopicPartition partition) {
        super("The stored offset of " + partition + " is not the one this worker expected; another consumer wrote it");
        this.partition = partition;
    }

    public TopicPartition partition() {
        return partition;
    }
}
