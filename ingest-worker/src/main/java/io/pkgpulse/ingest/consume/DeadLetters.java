package io.pkgpulse.ingest.consume;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import io.pkgpulse.ingest.IngestProperties;

/**
 * Publishes rejected records to the dead-letter topic: the original key and value bytes,
 * the original headers, the reason ({@value #REASON_HEADER}, e.g. {@code missing-field})
 * and a human-readable detail ({@value #DETAIL_HEADER}), where it came from as text
 * ({@value #ORIGIN_HEADER}: {@code topic/partition/offset}), plus Spring Kafka's standard
 * {@code kafka_dlt-original-*} headers. A record keeps its partition number when the
 * dead-letter topic has that partition.
 */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    static final String REASON_HEADER = "pkgpulse-reject-reason";
    static final String DETAIL_HEADER = "pkgpulse-reject-detail";

    /**
     * Where the record came from, as text ({@code topic/partition/offset}), for people
     * and scripts.
     */
    static final String ORIGIN_HEADER = "pkgpulse-origin";

    /**
     * On a value cut short because the dead-letter topic would not take it whole: the
     * original size in bytes.
     */
    static final String TRUNCATED_HEADER = "pkgpulse-truncated-from";

    private static final int TRUNCATED_BYTES = 64 * 1024;

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<byte[], byte[]> kafka;

    private final String topic;

    private volatile int partitions = -1;

    DeadLetters(KafkaTemplate<byte[], byte[]> kafka, IngestProperties properties) {
        this.kafka = kafka;
        this.topic = properties.deadLetterTopic();
    }

    String topic() {
        return topic;
    }

    /**
     * Sends every rejection and waits until the broker has them all; a failure is thrown
     * so that the batch is retried rather than its offsets stored without its dead
     * letters.
     */
    void publish(List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        List<Rejection> tooLarge = new ArrayList<>();
        List<CompletableFuture<?>> sent = new ArrayList<>(rejections.size());
        for (Rejection rejection : rejections) {
            sent.add(send(toDeadLetter(rejection, rejection.value())));
        }
        for (int i = 0; i < sent.size(); i++) {
            if (await(sent.get(i), rejections.size()) instanceof RecordTooLargeException) {
                tooLarge.add(rejections.get(i));
            }
        }
        // A value the dead-letter topic cannot hold must not block the stream: it goes
        // there cut short, with its
        // original size in a header.
        for (Rejection rejection : tooLarge) {
            byte[] value = rejection.value();
            ProducerRecord<byte[], byte[]> letter = toDeadLetter(rejection,
                    Arrays.copyOf(value, Math.min(value.length, TRUNCATED_BYTES)));
            letter.headers().add(TRUNCATED_HEADER, Integer.toString(value.length).getBytes(StandardCharsets.UTF_8));
            log.warn(
                    "The {} record at {}/{}/{} ({} bytes) is too large for {}; its dead letter keeps its first {} bytes",
                    rejection.reason().code(), rejection.record().topic(), rejection.record().partition(),
                    rejection.record().offset(), value.length, topic, TRUNCATED_BYTES);
            Throwable failure = await(send(letter), 1);
            if (failure != null) {
                throw new DeadLetterException("Could not send a cut-short dead letter to " + topic, failure);
            }
        }
    }

    /**
     * Sends a letter; a failure the producer reports at once (a record too large) comes
     * back as a failed future.
     */
    private CompletableFuture<?> send(ProducerRecord<byte[], byte[]> letter) {
        try {
            return kafka.send(letter);
        }
        catch (KafkaException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /**
     * Null when sent; the cause when the record is too large; throws for any other
     * failure.
     */
    private Throwable await(CompletableFuture<?> send, int batch) {
        try {
            send.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DeadLetterException("Interrupted while sending " + batch + " dead letters", ex);
        }
        catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            while (cause != null && !(cause instanceof RecordTooLargeException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RecordTooLargeException tooLarge) {
                return tooLarge;
            }
            throw new DeadLetterException("Could not send " + batch + " dead letters to " + topic, ex);
        }
        catch (TimeoutException ex) {
            throw new DeadLetterException("Could not send " + batch + " dead letters to " + topic, ex);
        }
    }

    private ProducerRecord<byte[], byte[]> toDeadLetter(Rejection rejection, byte[] value) {
        var original = rejection.record();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : original.headers()) {
            if (!header.key().startsWith(SerializationUtils.DESERIALIZER_EXCEPTION_HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        headers.add(REASON_HEADER, rejection.reason().code().getBytes(StandardCharsets.UTF_8));
        headers.add(DETAIL_HEADER, rejection.detail().getBytes(StandardCharsets.UTF_8));
        headers.add(ORIGIN_HEADER, (original.topic() + "/" + original.partition() + "/" + original.offset())
            .getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, original.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(original.partition()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(original.offset()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(original.timestamp()).array());
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, rejection.detail().getBytes(StandardCharsets.UTF_8));
        Integer partition = original.partition() < partitions() ? original.partition() : null;
        return new ProducerRecord<>(topic, partition, null, original.key(), value, headers);
    }

    private int partitions() {
        if (partitions < 0) {
            partitions = kafka.partitionsFor(topic).size();
        }
        return partitions;
    }

}
