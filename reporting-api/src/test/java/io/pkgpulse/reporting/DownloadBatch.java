package io.pkgpulse.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.pkgpulse.reporting.changes.ChangeClock;

/**
 * A batch of downloads committed the way the ingest worker commits one: the daily and
 * hourly rollups of each package and release, the all-package totals, and the
 * {@code pkgpulse_changes} notification naming the changed packages per day, all in one
 * transaction. PostgreSQL delivers the notification to the API's change listener on
 * commit.
 */
public final class DownloadBatch {

    private final JdbcTemplate jdbc;

    private final RollupSeed seed;

    private final TransactionTemplate transaction;

    private final List<Row> rows = new ArrayList<>();

    private record Row(long packageId, long releaseId, Instant at, boolean mirror, long n) {
    }

    public DownloadBatch(JdbcTemplate jdbc, ChangeClock changes, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.seed = new RollupSeed(jdbc, changes);
        this.transaction = new TransactionTemplate(transactions);
    }

    /** {@code n} downloads of a release at {@code at}. */
    public DownloadBatch add(long packageId, long releaseId, Instant at, boolean mirror, long n) {
        rows.add(new Row(packageId, releaseId, at, mirror, n));
        return this;
    }

    /** Commits the rows and the notification; returns the notification's payload. */
    public String commit() {
        Map<LocalDate, Set<Long>> days = new TreeMap<>();
        rows.forEach(row -> days.computeIfAbsent(LocalDate.ofInstant(row.at(), ZoneOffset.UTC), day -> new TreeSet<>())
            .add(row.packageId()));
        String payload = WorkerCommits.payload(days);
        transaction.executeWithoutResult(status -> {
            for (Row row : rows) {
                seed.downloads(row.packageId(), row.releaseId(), LocalDate.ofInstant(row.at(), ZoneOffset.UTC),
                        row.mirror(), row.n());
                seed.hourly(row.packageId(), row.releaseId(), row.at().truncatedTo(ChronoUnit.HOURS), row.mirror(),
                        row.n());
            }
            jdbc.queryForObject("SELECT pg_notify('pkgpulse_changes', ?)::text", String.class, payload);
        });
        rows.clear();
        return payload;
    }

}
