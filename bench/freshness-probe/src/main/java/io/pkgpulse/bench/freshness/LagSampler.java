package io.pkgpulse.bench.freshness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Once a second: the topic's end offsets (everything the producers have written) and the
 * worker's consumer group's committed offsets (the worker commits to Kafka after each
 * stored batch, for lag tools; the offsets that count are in PostgreSQL, in the same
 * transaction as the rows). Their difference is the worker's lag in records.
 */
final class LagSampler implements Runnable {

    record Sample(long nanos, long end, long committed) {
        long lag() {
            return Math.max(0, end - committed);
        }
    }

    private final Admin admin;

    private final String topic;

    private final String group;

    private final List<Sample> samples = new ArrayList<>();

    private volatile boolean running = true;

    private volatile String lastError;

    LagSampler(Admin admin, String topic, String group) {
        this.admin = admin;
        this.topic = topic;
        this.group = group;
    }

    @Override
    public void run() {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            while (running) {
                long started = System.nanoTime();
                try {
                    long end = 0;
                    Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest)
                        .all()
                        .get(5, TimeUnit.SECONDS);
                    for (ListOffsetsResultInfo info : ends.values()) {
                        end += info.offset();
                    }
                    long committed = 0;
                    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(5, TimeUnit.SECONDS);
                    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                        if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                            committed += e.getValue().offset();
                        }
                    }
                    synchronized (samples) {
                        samples.add(new Sample(started, end, committed));
                    }
                }
                catch (Exception ex) {
                    if (ex instanceof InterruptedException) {
                        throw (InterruptedException) ex;
                    }
                    lastError = ex.toString();
                }
                long left = 1000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                if (left > 0 && running) {
                    Thread.sleep(left);
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            lastError = ex.toString();
        }
    }

    void stop() {
        running = false;
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    String lastError() {
        return lastError;
    }

}
