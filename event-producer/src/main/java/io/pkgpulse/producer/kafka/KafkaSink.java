package io.pkgpulse.producer.kafka;

import java.util.Map;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

import io.pkgpulse.producer.sink.Acknowledgements;
import io.pkgpulse.producer.sink.EventSink;

/**
 * Sends events to a Kafka topic. One shared callback records every acknowledgement: no
 * per-record allocation beyond the record itself, which matters at hundreds of thousands
 * of events a second.
 */
public final class KafkaSink implements EventSink {

    private final Producer<byte[], byte[]> producer;

    private final String topic;

    private final String description;

    private final Acknowledgements acknowledgements = new Acknowledgements(System::currentTimeMillis);

    private boolean closed;

    private final Callback callback = (metadata, exception) -> {
        if (exception == null) {
            acknowledgements.acknowledged();
        }
        else {
            acknowledgements.failed(exception);
        }
    };

    KafkaSink(Producer<byte[], byte[]> producer, String topic, String description) {
        this.producer = producer;
        this.topic = topic;
        this.description = description;
    }

    /**
     * A producer for {@code topic}, which must exist: its partitions are looked up once
     * now, so that a missing topic or an unreachable broker is reported before the first
     * event rather than as a failure of every send.
     */
    public static KafkaSink open(String bootstrapServers, String topic, Map<String, String> overrides) {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                ProducerSettings.forThroughput(bootstrapServers, overrides));
        try {
            producer.partitionsFor(topic);
        }
        catch (KafkaException ex) {
            producer.close();
            throw new IllegalStateException("cannot send to topic " + topic + " at " + bootstrapServers
                    + " (is the broker up and the topic created?): " + ex.getMessage(), ex);
        }
        return new KafkaSink(producer, topic, "Kafka topic " + topic + " at " + bootstrapServers);
    }

    @Override
    public void send(byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value), callback);
    }

    @Override
    public Acknowledgements acknowledgements() {
        return acknowledgements;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        producer.flush();
        producer.close();
    }

}
