package io.pkgpulse.ingest.write;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.pkgpulse.ingest.IngestProperties;
import io.pkgpulse.ingest.events.ValidEvent;
import io.pkgpulse.model.downloads.DownloadsProperties;

/**
 * Writes one batch, resolved by {@link EventIds}, in one database transaction: the lean
 * raw rows (binary COPY, their references to packages and releases checked once per
 * distinct id by {@link ReferenceChecks}), the daily and hourly rollup increments, the
 * change notifications naming what it changed, the progress of history imports
 * ({@link HistoryImports}) and the consumer offsets the batch advances. Imported history
 * older than the raw retention is counted in the rollups only
 * ({@link ResolvedEvent#rawRow()}): its days keep no raw rows, like days already
 * archived. Either all of it is committed or none of it, which is what makes counting
 * exactly-once: a batch whose offsets did not commit is consumed again, one whose offsets
 * did is never. Listeners hear of a batch only once it is committed.
 */
@Component
public class BatchWriter {

    private final DataSource dataSource;

    private final TransactionTemplate transactions;

    private final StoredOffsets offsets;

    private final HistoryImports imports;

    private final CatalogIds catalog;

    private final ReferenceChecks references;

    private final DayPartitions days;

    private final DownloadsProperties downloads;

    private final boolean synchronousCommit;

    /**
     * @param properties {@code synchronous-commit=false} lets a batch's commit return
     * before its WAL reaches the disk. A database crash can then lose the last batches,
     * but their offsets with them, so they are consumed again: counting stays
     * exactly-once and a commit stops waiting for an fsync.
     * @param downloads {@code hourly-retention}: an event of an older hour is counted in
     * the daily rollups only
     */
    BatchWriter(DataSource dataSource, TransactionTemplate transactions, StoredOffsets offsets, HistoryImports imports,
            CatalogIds catalog, ReferenceChecks references, DayPartitions days, IngestProperties properties,
            DownloadsProperties downloads) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.offsets = offsets;
        this.imports = imports;
        this.catalog = catalog;
        this.references = references;
        this.days = days;
        this.downloads = downloads;
        this.synchronousCommit = properties.synchronousCommit();
    }

    /**
     * Where a partition's offset moves in this batch.
     *
     * @param expected the stored offset the writer believes is current (null: none stored
     * yet)
     * @param next the offset after the batch's last record of that partition
     */
    public record OffsetAdvance(Long expected, long next) {
    }

    /**
     * Writes the batch's events, moves its import marks and the offsets {@code advances},
     * or does nothing at all.
     * @throws StaleOffsetsException if a partition's stored offset or an import's mark is
     * not the expected one: another consumer has written this range; nothing was written
     */
    public void write(String group, ResolvedBatch<?> batch, Map<TopicPartition, OffsetAdvance> advances,
            BatchPhases phases) {
        List<ResolvedEvent> events = batch.events();
        List<HistoryImports.Advance> importAdvances = batch.importAdvances();
        Set<LocalDate> eventDays = new HashSet<>();
        TreeSet<Long> packageIds = new TreeSet<>();
        TreeSet<Long> releaseIds = new TreeSet<>();
        RollupIncrements increments = new RollupIncrements(downloads.firstHourlyHour(batch.resolvedAt()));
        List<ResolvedEvent> rows = new ArrayList<>(events.size());
        for (ResolvedEvent resolved : events) {
            ValidEvent event = resolved.event();
            LocalDate day = day(event);
            // Locked for rollup-only history too: rollups have no foreign keys, and a
            // package deleted meanwhile
            // would keep the rows this batch adds.
            packageIds.add(resolved.packageId());
            releaseIds.add(resolved.releaseId());
            if (resolved.rawRow()) {
                rows.add(resolved);
                eventDays.add(day);
            }
            increments.add(event, day, resolved.packageId(), resolved.releaseId());
        }
        phases.mark("aggregate");
        days.ensure(eventDays);
        phases.mark("partitions");

        try {
            transactions.executeWithoutResult(
                    status -> write(group, rows, importAdvances, advances, phases, increments, packageIds, releaseIds));
        }
        catch (MissingReferencesException missing) {
            catalog.forget(missing.packageIds(), missing.releaseIds());
            throw missing;
        }
        phases.mark("offsets-commit");
    }

    private void write(String group, List<ResolvedEvent> rows, List<HistoryImports.Advance> importAdvances,
            Map<TopicPartition, OffsetAdvance> advances, BatchPhases phases, RollupIncrements increments,
            TreeSet<Long> packageIds, TreeSet<Long> releaseIds) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (!synchronousCommit) {
                try (var statement = connection.createStatement()) {
                    statement.execute("SET LOCAL synchronous_commit = off");
                }
            }
            references.lockAndSkipRowChecks(connection, packageIds, releaseIds);
            phases.mark("references");
            copyRows(connection, rows);
            phases.mark("copy");
            // Notifications wait for the commit, so they may go before the rollups: the
            // hot total rows are then
            // locked for a round trip less.
            ChangeNotifications.send(connection, increments.packagesByDay());
            phases.mark("notify");
            RollupWriter.write(connection, increments);
            phases.mark("rollups");
        }
        catch (SQLException ex) {
            throw new DatabaseWriteException("Writing a batch of " + rows.size() + " raw rows and their rollups failed",
                    ex);
        }
        finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        imports.advance(importAdvances);
        advances.entrySet()
            .stream()
            .sorted(Map.Entry.comparingByKey(Comparator.comparing(TopicPartition::toString)))
            .forEach(advance -> {
                if (!offsets.advance(group, advance.getKey(), advance.getValue().expected(),
                        advance.getValue().next())) {
                    throw new StaleOffsetsException(advance.getKey());
                }
            });
    }

    private void copyRows(Connection connection, List<ResolvedEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        long[] ids = DownloadIds.reserve(connection, events.size());
        try (DownloadCopy copy = new DownloadCopy(connection)) {
            int i = 0;
            for (ResolvedEvent resolved : events) {
                copy.add(RawRow.of(ids[i++], resolved));
            }
            copy.finish();
        }
    }

    private static LocalDate day(ValidEvent event) {
        return LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC);
    }

}
