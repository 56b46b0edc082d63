-- Where each consumer group stands in each Kafka partition. The ingest worker writes a batch's rows, its rollup
-- increments and the new offsets in one transaction, and seeks to these offsets when it is assigned a partition:
-- that, not Kafka's own committed offsets, is what makes counting exactly-once.
CREATE TABLE consumer_offsets (
    consumer_group varchar(255) NOT NULL,
    topic          varchar(255) NOT NULL,
    kafka_partition integer      NOT NULL CHECK (kafka_partition >= 0),
    next_offset    bigint       NOT NULL CHECK (next_offset >= 0),
    updated_at     timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT consumer_offsets_pkey PRIMARY KEY (consumer_group, topic, kafka_partition)
);
