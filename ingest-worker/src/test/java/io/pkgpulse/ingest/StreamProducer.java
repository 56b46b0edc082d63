package io.pkgpulse.ingest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Produces a steady stream of good events in the background, over several packages, and
 * remembers how many it sent per package: what the database must end up with.
 */
public final class StreamProducer implements AutoCloseable {

    private static final String[] PROJECTS = { "numpy", "pandas", "boto3", "urllib3", "certifi", "idna", "six" };

    private final Map<String, Integer> sent = new HashMap<>();

    private final AtomicInteger total = new AtomicInteger();

    private final Thread thread;

    /**
     * Sends {@code count} events to {@code topic}, {@code perMillisecond} at a time every
     * millisecond or so.
     */
    public StreamProducer(String topic, int count, int perBurst) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.thread = new Thread(() -> {
            try (KafkaProducer<byte[], byte[]> producer = TestKafkaClients.producer()) {
                for (int i = 0; i < count; i++) {
                    String project = PROJECTS[i % PROJECTS.length];
                    producer.send(TestKafkaClients.record(topic, project,
                            TestEvent.download(project, "1." + (i % 3), now.minusSeconds(i % 7200)).bytes()));
                    synchronized (sent) {
                        sent.merge(project, 1, Integer::sum);
                    }
                    total.incrementAndGet();
                    if (i % perBurst == perBurst - 1) {
                        producer.flush();
                        Thread.onSpinWait();
                        java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                    }
                }
                producer.flush();
            }
        }, "stream-producer");
        thread.start();
    }

    public int sentSoFar() {
        return total.get();
    }

    /** Waits for the producer to finish and returns what it sent per package. */
    public Map<String, Long> awaitSent() throws InterruptedException {
        thread.join();
        Map<String, Long> counts = new HashMap<>();
        synchronized (sent) {
            sent.forEach((project, n) -> counts.put(project, (long) n));
        }
        return counts;
    }

    @Override
    public void close() throws InterruptedException {
        thread.join();
    }

}
