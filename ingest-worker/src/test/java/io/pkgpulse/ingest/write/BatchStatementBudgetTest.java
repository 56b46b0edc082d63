package io.pkgpulse.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import io.pkgpulse.ingest.IngestDatabase;
import io.pkgpulse.ingest.events.ValidEvent;
import io.pkgpulse.ingest.write.BatchWriter.OffsetAdvance;
import io.pkgpulse.model.downloads.ClientProfile;
import io.pkgpulse.model.downloads.FileType;
import io.pkgpulse.testsupport.SqlStatementCounter;
import io.pkgpulse.testsupport.TestInfrastructure;
import io.pkgpulse.testsupport.TestKafka;

/**
 * What one ingest batch costs in SQL statements, once its packages, releases, client
 * profiles and days are known (the steady state): a constant per batch, whatever its
 * number of events. The rows themselves go in one COPY stream, which the statement
 * counter does not see (it is not a JDBC statement); every other round trip counts.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
        properties = { "spring.kafka.listener.auto-startup=false", "pkgpulse.ingest.create-topics=false" })
@Import({ TestInfrastructure.class, SqlStatementCounter.class })
class BatchStatementBudgetTest {

    /**
     * Before the transaction nothing: every id is cached and every day's partition known.
     * In it: 2 {@code SET LOCAL} (synchronous_commit, session_replication_role), 2
     * reference locks (packages, releases), 1 id reservation for the raw rows, 1
     * {@code pg_notify} per 8,000-byte payload (one here), 8 rollup upserts (one per
     * table) and 1 offset move per partition (one here).
     */
    static final int BUDGET = 15;

    static final TopicPartition PARTITION = new TopicPartition("budget", 0);

    @Autowired
    EventIds ids;

    @Autowired
    BatchWriter writer;

    @Autowired
    Clock clock;

    final IngestDatabase database = new IngestDatabase();

    String group;

    long nextOffset;

    @BeforeEach
    void emptyDatabase() {
        database.truncate();
        group = TestKafka.uniqueName("budget");
        nextOffset = 0;
    }

    @Test
    void aBatchCostsTheSameFewStatementsWhateverItsNumberOfEvents() {
        write(events(100)); // registers the packages, releases, profiles and days: the
                            // first batch pays for them

        long for500 = statementsOf(events(500));
        long for2000 = statementsOf(events(2_000));

        assertThat(for500).as("statements for 500 events").isLessThanOrEqualTo(BUDGET);
        assertThat(for2000).as("statements for 2,000 events").isEqualTo(for500);
        assertThat(database.rawCount()).isEqualTo(100 + 500 + 2_000);
        assertThat(database.rollupSum("daily_total_downloads")).isEqualTo(100 + 500 + 2_000);
    }

    private long statementsOf(List<ValidEvent> events) {
        SqlStatementCounter.reset();
        write(events);
        return SqlStatementCounter.counted().getTotal();
    }

    /**
     * As the listener does: resolve, then write, on this thread (the counts are per
     * thread).
     */
    private void write(List<ValidEvent> events) {
        BatchPhases phases = new BatchPhases();
        List<Integer> sources = IntStream.range(0, events.size()).boxed().toList();
        ResolvedBatch<Integer> batch = ids.resolve(sources, events, phases);
        assertThat(batch.unresolved()).isEmpty();
        long next = nextOffset + events.size();
        writer.write(group, batch, Map.of(PARTITION, new OffsetAdvance(nextOffset == 0 ? null : nextOffset, next)),
                phases);
        nextOffset = next;
    }

    /**
     * {@code n} events over 4 packages, 3 releases each, 10 clients and 12 instants of
     * the last two hours (maybe two days): the same keys whatever {@code n}, so only the
     * number of events changes.
     */
    private List<ValidEvent> events(int n) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<ValidEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String project = "budget-" + (i % 4);
            ClientProfile.Fields client = new ClientProfile.Fields("pip", "24." + (i % 10), "3.12.1", "CPython",
                    "3.12.1", "Linux", null, null, null, null, null, null, "x86_64", false, null);
            events.add(new ValidEvent(now.minusSeconds((i % 12) * 600L), project, project, "1." + (i % 3),
                    FileType.BDIST_WHEEL, client, i % 5 == 0 ? null : "DE", null, i % 9 == 0, null));
        }
        return events;
    }

}
