package io.pkgpulse.model.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.pkgpulse.model.ModelIntegrationTest;
import io.pkgpulse.model.Tables;
import io.pkgpulse.model.catalog.Package;
import io.pkgpulse.model.catalog.Release;

@ModelIntegrationTest
class DownloadPartitionsTest {

    static final LocalDate DAY1 = LocalDate.of(2026, 3, 1);
    static final LocalDate DAY2 = DAY1.plusDays(1);
    static final LocalDate DAY3 = DAY1.plusDays(2);

    @Autowired
    DownloadPartitions partitions;

    @Autowired
    EntityManager entityManager;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    long releaseId;

    @BeforeEach
    void aReleaseAndNoDayPartitions() {
        Tables.truncateAll(jdbc);
        partitions.days().forEach(partitions::drop);
        releaseId = tx.execute(s -> {
            Package pkg = new Package("urllib3");
            Release release = pkg.addRelease(new Release("2.2.1"));
            entityManager.persist(pkg);
            return release.getId();
        });
    }

    @Test
    void rowsLandInTheirDaysPartitionAndTheRestInTheDefaultOne() {
        assertThat(partitions.create(DAY1, DAY2)).containsExactly(DAY1, DAY2);

        download(DAY1.atStartOfDay(ZoneOffset.UTC).toInstant()); // first instant of the
                                                                 // day
        download(DAY1.atTime(23, 59, 59).toInstant(ZoneOffset.UTC));
        download(DAY2.atTime(12, 0).toInstant(ZoneOffset.UTC));
        download(DAY3.atStartOfDay(ZoneOffset.UTC).toInstant()); // no partition for day 3

        assertThat(rowsPerPartition()).containsExactlyInAnyOrderEntriesOf(
                Map.of("downloads_p20260301", 2L, "downloads_p20260302", 1L, "downloads_default", 1L));
        assertThat(partitions.days()).containsExactly(DAY1, DAY2);
    }

    @Test
    void creatingADayMovesItsRowsOutOfTheDefaultPartition() {
        download(DAY3.atTime(8, 0).toInstant(ZoneOffset.UTC));
        download(DAY3.atTime(9, 0).toInstant(ZoneOffset.UTC));
        assertThat(rowsPerPartition()).containsExactlyEntriesOf(Map.of("downloads_default", 2L));

        partitions.create(DAY2, DAY3);

        assertThat(rowsPerPartition()).containsExactlyEntriesOf(Map.of("downloads_p20260303", 2L));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM downloads", Long.class)).isEqualTo(2);
    }

    @Test
    void creatingExistingDaysAgainChangesNothing() {
        partitions.create(DAY1, DAY2);

        assertThat(partitions.create(DAY1, DAY3)).containsExactly(DAY3);
        assertThat(partitions.days()).containsExactly(DAY1, DAY2, DAY3);
    }

    @Test
    void droppingADayRemovesOnlyThatDaysRows() {
        partitions.create(DAY1, DAY2);
        download(DAY1.atTime(10, 0).toInstant(ZoneOffset.UTC));
        download(DAY2.atTime(10, 0).toInstant(ZoneOffset.UTC));
        download(DAY2.atTime(11, 0).toInstant(ZoneOffset.UTC));
        download(DAY1.minusDays(5).atTime(10, 0).toInstant(ZoneOffset.UTC)); // old, in
                                                                             // the
                                                                             // default
                                                                             // partition
        download(DAY3.atTime(10, 0).toInstant(ZoneOffset.UTC)); // new, in the default
                                                                // partition

        assertThat(partitions.drop(DAY1)).isTrue();
        assertThat(partitions.drop(DAY3)).as("a day without a partition").isFalse();

        assertThat(partitions.days()).containsExactly(DAY2);
        assertThat(rowsPerPartition())
            .containsExactlyInAnyOrderEntriesOf(Map.of("downloads_p20260302", 2L, "downloads_default", 2L));
        assertThat(jdbc.queryForList("SELECT downloaded_at::date::text FROM downloads ORDER BY 1", String.class))
            .containsExactly("2026-02-24", "2026-03-02", "2026-03-02", "2026-03-03");
    }

    private void download(Instant at) {
        tx.executeWithoutResult(s -> {
            Download download = new Download(entityManager.find(Release.class, releaseId), FileType.BDIST_WHEEL, at);
            download.setCountryCode("DE");
            entityManager.persist(download);
        });
    }

    private Map<String, Long> rowsPerPartition() {
        List<Map<String, Object>> rows = jdbc
            .queryForList("SELECT tableoid::regclass::text AS partition, count(*) AS n FROM downloads GROUP BY 1");
        return rows.stream()
            .collect(java.util.stream.Collectors.toMap(r -> (String) r.get("partition"),
                    r -> ((Number) r.get("n")).longValue()));
    }

}
