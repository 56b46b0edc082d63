package io.pkgpulse.ingest.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pkgpulse.ingest.IngestDatabase;
import io.pkgpulse.ingest.RunningWorker;
import io.pkgpulse.ingest.TestEvent;
import io.pkgpulse.ingest.TestKafkaClients;
import io.pkgpulse.model.downloads.DownloadPartitions;
import io.pkgpulse.testsupport.TestKafka;

/**
 * History imports through the real worker: lines older than the raw retention count into
 * the daily rollups only; the same file sent again counts nothing; an interrupted import
 * sent again counts exactly the lines it had not reached; a stream event as old is still
 * dead-lettered.
 */
class HistoryImportTest {

    static final String FILE_A = "a1".repeat(32);
    static final String FILE_B = "b2".repeat(32);

    final IngestDatabase database = new IngestDatabase();

    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    final Instant longAgo = now.minus(400, ChronoUnit.DAYS);

    final Instant lastYear = now.minus(300, ChronoUnit.DAYS);

    final Instant yesterday = now.minus(1, ChronoUnit.DAYS);

    @BeforeEach
    void empty() {
        database.truncate();
    }

    /**
     * Lines 1..n of a file: each project gets its share, 3/4 of them past the raw
     * retention.
     */
    record Line(String project, TestEvent event) {
    }

    List<Line> file(String sha256, int lines) {
        List<Line> events = new ArrayList<>();
        for (int line = 1; line <= lines; line++) {
            String project = line % 3 == 0 ? "requests" : "numpy";
            Instant at = switch (line % 4) {
                case 0 -> yesterday;
                case 1 -> longAgo;
                default -> lastYear;
            };
            events.add(new Line(project,
                    TestEvent.download(project, "1." + line % 2, at.plusSeconds(line))
                        .without("event_id")
                        .with("import.sha256", sha256)
                        .with("import.line", line)
                        .with("import.file", "pypi-export.json")));
        }
        return events;
    }

    static void send(KafkaProducer<byte[], byte[]> producer, String topic, List<Line> lines) {
        for (Line line : lines) {
            producer.send(TestKafkaClients.record(topic, line.project(), line.event().bytes()));
        }
        producer.flush();
    }

    long consumed(String group) {
        return database.jdbc()
            .queryForObject("SELECT coalesce(sum(next_offset), 0) FROM consumer_offsets WHERE consumer_group = ?",
                    Long.class, group);
    }

    @Test
    void historyCountsOnceIntoTheRollupsAndKeepsRawRowsOnlyWithinRetention() {
        String topic = TestKafka.uniqueName("history");
        String group = TestKafka.uniqueName("group");
        TestKafkaClients.createTopic(topic, 2);
        List<Line> fileA = file(FILE_A, 400);
        long recent = 100; // lines with line % 4 == 0
        try (RunningWorker worker = RunningWorker.start(topic, group, Map.of());
                KafkaProducer<byte[], byte[]> producer = TestKafkaClients.producer()) {
            send(producer, topic, fileA);
            await().atMost(Duration.ofSeconds(60)).until(() -> consumed(group) == 400);

            assertThat(database.dailyPerPackage())
                .containsExactlyInAnyOrderEntriesOf(Map.of("numpy", 267L, "requests", 133L));
            assertThat(database.rollupSum("daily_total_downloads")).isEqualTo(400);
            assertThat(database.rollupSum("daily_release_downloads")).isEqualTo(400);
            assertThat(database.jdbc()
                .queryForObject("SELECT sum(downloads) FROM daily_downloads WHERE day = ?", Long.class,
                        LocalDate.ofInstant(longAgo, ZoneOffset.UTC)))
                .isEqualTo(100);
            // Raw rows only for the days within retention; no partition was made for the
            // old ones.
            assertThat(database.rawCount()).isEqualTo(recent);
            assertThat(database.jdbc().queryForObject("""
                    SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE c.relname IN (?, ?)""", Long.class, partition(longAgo), partition(lastYear))).isZero();
            assertThat(database.jdbc().queryForObject("SELECT count(*) FROM downloads_default", Long.class)).isZero();

            // The same file again: nothing more is counted.
            send(producer, topic, fileA);
            await().atMost(Duration.ofSeconds(60)).until(() -> consumed(group) == 800);
            assertThat(database.rollupSum("daily_total_downloads")).isEqualTo(400);
            assertThat(database.rollupSum("daily_category_downloads")).isEqualTo(400 * 7);
            assertThat(database.rawCount()).isEqualTo(recent);
            assertThat(database
                .counts("""
                        SELECT p.normalized_name || '|' || g.last_line || '|' || g.lines_counted || '|' || g.lines_repeated, 1
                        FROM history_import_progress g JOIN packages p ON p.id = g.package_id"""))
                .containsOnlyKeys("numpy|400|267|267", "requests|399|133|133");

            // An import interrupted after its first 150 lines, then run again in full:
            // each line once.
            List<Line> fileB = file(FILE_B, 300);
            send(producer, topic, fileB.subList(0, 150));
            await().atMost(Duration.ofSeconds(60)).until(() -> consumed(group) == 950);
            send(producer, topic, fileB);
            await().atMost(Duration.ofSeconds(60)).until(() -> consumed(group) == 1250);
            assertThat(database.rollupSum("daily_total_downloads")).isEqualTo(700);
            assertThat(database.dailyPerPackage())
                .containsExactlyInAnyOrderEntriesOf(Map.of("numpy", 267L + 200, "requests", 133L + 100));
            assertThat(database.rawCount()).isEqualTo(recent + 75);
            assertThat(database.jdbc()
                .queryForList("SELECT encode(sha256, 'hex') FROM history_imports ORDER BY id", String.class))
                .containsExactly(FILE_A, FILE_B);

            // Without an import, an event as old is still refused: the stream has no
            // history.
            producer.send(TestKafkaClients.record(topic, "numpy", TestEvent.download("numpy", "1.0", longAgo).bytes()));
            producer.flush();
            assertThat(TestKafkaClients.readAll(topic + "-dlt", 1)
                .get(0)
                .headers()
                .lastHeader("pkgpulse-reject-reason")
                .value()).asString().isEqualTo("timestamp-too-old");
            assertThat(database.rollupSum("daily_total_downloads")).isEqualTo(700);
        }
    }

    @Test
    void historyOfAPackageDeletedBehindTheWorkersBackIsCountedUnderItsNewRowAndNeverOrphaned() {
        String topic = TestKafka.uniqueName("history-deleted");
        String group = TestKafka.uniqueName("group");
        TestKafkaClients.createTopic(topic, 1);
        // numpy's lines past the retention of version 1.1: after the delete, the worker
        // has both ids cached and no
        // raw row would check them.
        List<Line> all = file(FILE_A, 12);
        List<Line> lines = IntStream.rangeClosed(1, 12)
            .filter(n -> n % 3 != 0 && n % 4 != 0 && n % 2 == 1)
            .mapToObj(n -> all.get(n - 1))
            .toList();
        try (RunningWorker worker = RunningWorker.start(topic, group, Map.of());
                KafkaProducer<byte[], byte[]> producer = TestKafkaClients.producer()) {
            send(producer, topic, lines.subList(0, 1));
            await().atMost(Duration.ofSeconds(30)).until(() -> consumed(group) == 1);
            long firstId = database.jdbc().queryForObject("SELECT id FROM packages", Long.class);

            database.jdbc().update("DELETE FROM packages WHERE id = ?", firstId);
            assertThat(database.rollupSum("daily_downloads")).as("its history went with it").isZero();

            send(producer, topic, lines.subList(1, lines.size()));
            await().atMost(Duration.ofSeconds(30)).until(() -> consumed(group) == lines.size());

            assertThat(database.jdbc().queryForObject("SELECT id FROM packages", Long.class)).isNotEqualTo(firstId);
            assertThat(database.jdbc().queryForObject("""
                    SELECT count(*) FROM daily_downloads d
                    WHERE NOT EXISTS (SELECT 1 FROM packages p WHERE p.id = d.package_id)""", Long.class))
                .as("orphan rollups")
                .isZero();
            assertThat(database.dailyPerPackage()).isEqualTo(Map.of("numpy", (long) lines.size() - 1));
        }
    }

    private static String partition(Instant at) {
        return DownloadPartitions.partitionName(LocalDate.ofInstant(at, ZoneOffset.UTC));
    }

}
