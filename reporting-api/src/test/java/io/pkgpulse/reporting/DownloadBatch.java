package io.pkgpulse.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A batch of downloads committed the way the ingest worker commits one: the daily and hourly rollups of each package
 * and release, the all-package totals, and the {@code pkgpulse_changes} notification naming the changed packages per
 * day, all in one transaction. PostgreSQL delivers the notification to the API's change listener on commit.
 */
public final class DownloadBatch {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final List<Row> rows = new ArrayList<>();

    private record Row(long packageId, long releaseId, Instant at, boolean mirror, long n) {
    }

    public DownloadBatch(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** {@code n} downloads of a release at {@code at}. */
    public DownloadBatch add(long packageId, long releaseId, Instant at, boolean mirror, long n) {
        rows.add(new Row(packageId, releaseId, at, mirror, n));
        return this;
    }

    /** Commits the rows and the notification; returns the notification's payload. */
    public String commit() {
        Map<LocalDate, TreeSet<Long>> days = new TreeMap<>();
        rows.forEach(row -> days.computeIfAbsent(LocalDate.ofInstant(row.at(), ZoneOffset.UTC), day -> new TreeSet<>())
                .add(row.packageId()));
        String payload = JSON.writeValueAsString(Map.of("days", days.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(day -> day.getKey().toString(), Map.Entry::getValue))));
        transaction.executeWithoutResult(status -> {
            for (Row row : rows) {
                LocalDate day = LocalDate.ofInstant(row.at(), ZoneOffset.UTC);
                OffsetDateTime hour = row.at().truncatedTo(ChronoUnit.HOURS).atOffset(ZoneOffset.UTC);
                jdbc.update("""
                        INSERT INTO daily_downloads VALUES (?, ?, ?, ?) ON CONFLICT (package_id, day, mirror)
                        DO UPDATE SET downloads = daily_downloads.downloads + EXCLUDED.downloads""",
                        row.packageId(), day, row.mirror(), row.n());
                jdbc.update("""
                        INSERT INTO daily_release_downloads VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (package_id, day, release_id, mirror)
                        DO UPDATE SET downloads = daily_release_downloads.downloads + EXCLUDED.downloads""",
                        row.packageId(), day, row.releaseId(), row.mirror(), row.n());
                jdbc.update("""
                        INSERT INTO daily_total_downloads VALUES (?, ?, ?) ON CONFLICT (day, mirror)
                        DO UPDATE SET downloads = daily_total_downloads.downloads + EXCLUDED.downloads""",
                        day, row.mirror(), row.n());
                jdbc.update("""
                        INSERT INTO hourly_downloads VALUES (?, ?, ?, ?) ON CONFLICT (package_id, hour, mirror)
                        DO UPDATE SET downloads = hourly_downloads.downloads + EXCLUDED.downloads""",
                        row.packageId(), hour, row.mirror(), row.n());
                jdbc.update("""
                        INSERT INTO hourly_release_downloads VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (package_id, hour, release_id, mirror)
                        DO UPDATE SET downloads = hourly_release_downloads.downloads + EXCLUDED.downloads""",
                        row.packageId(), hour, row.releaseId(), row.mirror(), row.n());
                jdbc.update("""
                        INSERT INTO hourly_total_downloads VALUES (?, ?, ?) ON CONFLICT (hour, mirror)
                        DO UPDATE SET downloads = hourly_total_downloads.downloads + EXCLUDED.downloads""",
                        hour, row.mirror(), row.n());
            }
            jdbc.queryForObject("SELECT pg_notify('pkgpulse_changes', ?)::text", String.class, payload);
        });
        rows.clear();
        return payload;
    }
}
