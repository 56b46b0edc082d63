package io.pkgpulse.ingest.consume;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.pkgpulse.ingest.write.BatchPhases;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the worker did, as Micrometer meters ({@code pkgpulse.ingest.*}) and as one
 * human-readable log line per interval in which something happened. Consumer lag comes
 * from the Kafka client's own metrics
 * ({@code kafka.consumer.fetch.manager.records.lag.max}), which Spring Boot binds.
 */
@Component
class IngestMetrics {

    private static final Logger log = LoggerFactory.getLogger("io.pkgpulse.ingest");

    private final MeterRegistry registry;

    private final Counter stored;

    private final DistributionSummary batchSize;

    private final Timer batchWrite;

    private final Object lock = new Object();

    private long intervalStarted = System.nanoTime();

    private long intervalBatches;

    private long intervalStored;

    private final Map<String, Long> intervalRejected = new TreeMap<>();

    private final Map<String, Long> intervalDropped = new TreeMap<>();

    private final Map<String, Long> intervalPhases = new java.util.LinkedHashMap<>();

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.stored = Counter.builder("pkgpulse.ingest.events.stored")
            .description("Download events counted and stored")
            .register(registry);
        this.batchSize = DistributionSummary.builder("pkgpulse.ingest.batch.size")
            .description("Records per database transaction")
            .register(registry);
        this.batchWrite = Timer.builder("pkgpulse.ingest.batch.write")
            .description("Time to check, dead-letter and write one batch")
            .register(registry);
    }

    void batchWritten(int records, int storedEvents, List<Rejection> rejections, Map<String, Long> dropped, long nanos,
            BatchPhases phases) {
        stored.increment(storedEvents);
        batchSize.record(records);
        batchWrite.record(nanos, TimeUnit.NANOSECONDS);
        phases.nanos()
            .forEach((phase, n) -> Timer.builder("pkgpulse.ingest.batch.phase")
                .description("Time spent in each phase of a batch")
                .tag("phase", phase)
                .register(registry)
                .record(n, TimeUnit.NANOSECONDS));
        rejections.forEach(r -> rejectedCounter(r.reason().code()).increment());
        dropped.forEach((reason, n) -> droppedCounter(reason).increment(n));
        synchronized (lock) {
            intervalBatches++;
            intervalStored += storedEvents;
            rejections.forEach(r -> intervalRejected.merge(r.reason().code(), 1L, Long::sum));
            phases.nanos().forEach((phase, n) -> intervalPhases.merge(phase, n, Long::sum));
            dropped.forEach((reason, n) -> intervalDropped.merge(reason, n, Long::sum));
        }
    }

    private Counter rejectedCounter(String reason) {
        return Counter.builder("pkgpulse.ingest.events.rejected")
            .description("Records sent to the dead-letter topic")
            .tag("reason", reason)
            .register(registry);
    }

    private Counter droppedCounter(String reason) {
        return Counter.builder("pkgpulse.ingest.events.dropped")
            .description("Well-formed events not counted (bots, non-distribution files)")
            .tag("reason", reason)
            .register(registry);
    }

    @Scheduled(fixedDelayString = "${pkgpulse.ingest.log-interval:30s}")
    void logInterval() {
        String line;
        synchronized (lock) {
            double seconds = (System.nanoTime() - intervalStarted) / 1e9;
            intervalStarted = System.nanoTime();
            if (intervalBatches == 0) {
                return;
            }
            line = String.format(
                    "Stored %,d events in %,d batches in the last %.0f s (%,.0f/s); dead-lettered %s;"
                            + " dropped %s; time per phase %s",
                    intervalStored, intervalBatches, seconds, intervalStored / seconds, describe(intervalRejected),
                    describe(intervalDropped), shares(intervalPhases));
            intervalBatches = 0;
            intervalStored = 0;
            intervalRejected.clear();
            intervalDropped.clear();
            intervalPhases.clear();
        }
        log.info(line);
    }

    /** Each phase's share of the batches' time, e.g. {@code copy 41%}. */
    private static String shares(Map<String, Long> nanos) {
        long total = nanos.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder line = new StringBuilder();
        nanos.forEach((phase, n) -> line.append(line.isEmpty() ? "" : ", ")
            .append(phase)
            .append(' ')
            .append(total == 0 ? 0 : Math.round(100.0 * n / total))
            .append('%'));
        return line.toString();
    }

    private static String describe(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return total + " " + counts;
    }

}
