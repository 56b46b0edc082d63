package io.pkgpulse.ingest.write;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.pkgpulse.ingest.events.ImportedLine;

/**
 * Counts each line of a history import once ({@code history_imports},
 * {@code history_import_progress}; the why is in migration V9). For each file and package
 * the database holds the last line counted: a batch counts the lines past it and moves
 * it, in the batch's transaction and only from the value it read, so a file imported
 * again counts nothing and an interrupted import run again counts only what it had not
 * reached. Events of the stream pass through untouched.
 */
@Component
class HistoryImports {

    private static final Logger log = LoggerFactory.getLogger(HistoryImports.class);

    private final JdbcTemplate jdbc;

    /**
     * Imports this process has reported repeated lines of: one warning per file, not one
     * per batch.
     */
    private final Set<String> reportedRepeats = ConcurrentHashMap.newKeySet();

    HistoryImports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A file and a package: the unit whose lines arrive in order (one project, one Kafka
     * partition).
     */
    record FilePackage(String sha256, long packageId) {
    }

    /**
     * How a batch moves one file's mark for one package.
     *
     * @param expected the last line counted, as read before the batch (null: none yet)
     * @param next the last line this batch counts
     */
    record Advance(String sha256, String file, long packageId, Long expected, long next, long counted, long repeated) {
    }

    /**
     * @param counted the batch's events to count, in their order: every stream event, and
     * each import line past its file's mark
     * @param repeated import lines counted before, which are skipped
     */
    record Outcome(List<ResolvedEvent> counted, long repeated, List<Advance> advances) {
    }

    /** Splits a batch's events into those to count and import lines already counted. */
    Outcome filter(List<ResolvedEvent> events) {
        Map<FilePackage, String> files = new LinkedHashMap<>();
        for (ResolvedEvent resolved : events) {
            ImportedLine line = resolved.event().importedLine();
            if (line != null) {
                files.putIfAbsent(new FilePackage(line.sha256(), resolved.packageId()), line.file());
            }
        }
        if (files.isEmpty()) {
            return new Outcome(events, 0, List.of());
        }
        Map<FilePackage, Long> stored = lastLines(files.keySet());
        Map<FilePackage, Long> marks = new HashMap<>(stored);
        Map<FilePackage, long[]> tallies = new HashMap<>(); // counted, repeated
        List<ResolvedEvent> counted = new ArrayList<>(events.size());
        long repeated = 0;
        for (ResolvedEvent resolved : events) {
            ImportedLine line = resolved.event().importedLine();
            if (line == null) {
                counted.add(resolved);
                continue;
            }
            FilePackage key = new FilePackage(line.sha256(), resolved.packageId());
            long[] tally = tallies.computeIfAbsent(key, k -> new long[2]);
            if (line.line() > marks.getOrDefault(key, 0L)) {
                marks.put(key, line.line());
                counted.add(resolved);
                tally[0]++;
            }
            else {
                repeated++;
                tally[1]++;
            }
        }
        List<Advance> advances = new ArrayList<>();
        files.forEach((key, file) -> {
            long[] tally = tallies.get(key);
            Long expected = stored.get(key);
            long next = marks.getOrDefault(key, 0L);
            if (expected != null || next > 0) {
                advances.add(new Advance(key.sha256(), file, key.packageId(), expected, next, tally[0], tally[1]));
            }
            if (tally[1] > 0 && reportedRepeats.add(key.sha256())) {
                log.warn("History import {} ({}): lines counted before arrived again and are skipped, so importing"
                        + " a file again does not count it twice", abbreviated(key.sha256()), file);
            }
        });
        return new Outcome(counted, repeated, advances);
    }

    /**
     * Records the batch's progress, in its transaction: registers new files, then moves
     * each mark from the value {@link #filter} read.
     * @throws StaleOffsetsException if a mark moved since it was read (another consumer
     * counted those lines); the transaction must roll back
     */
    void advance(List<Advance> advances) {
        if (advances.isEmpty()) {
            return;
        }
        Map<String, String> files = new LinkedHashMap<>();
        advances.forEach(a -> files.putIfAbsent(a.sha256(), a.file()));
        Map<String, Integer> ids = importIds(files);
        advances.stream()
            .sorted(Comparator.comparing(Advance::sha256).thenComparingLong(Advance::packageId))
            .forEach(a -> {
                int moved = a.expected() == null
                        ? jdbc.update("""
                                INSERT INTO history_import_progress
                                    (import_id, package_id, last_line, lines_counted, lines_repeated)
                                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", ids.get(a.sha256()), a.packageId(),
                                a.next(), a.counted(), a.repeated())
                        : jdbc.update("""
                                UPDATE history_import_progress SET last_line = ?,
                                    lines_counted = lines_counted + ?, lines_repeated = lines_repeated + ?,
                                    updated_at = now()
                                WHERE import_id = ? AND package_id = ? AND last_line = ?""", a.next(), a.counted(),
                                a.repeated(), ids.get(a.sha256()), a.packageId(), a.expected());
                if (moved != 1) {
                    throw new StaleOffsetsException("The progress of history import " + abbreviated(a.sha256())
                            + " for package " + a.packageId() + " moved under this worker");
                }
            });
    }

    /** The last line counted of each file and package that has one. */
    private Map<FilePackage, Long> lastLines(Set<FilePackage> keys) {
        String[] sha256s = keys.stream().map(FilePackage::sha256).distinct().toArray(String[]::new);
        Long[] packageIds = keys.stream().map(FilePackage::packageId).distinct().toArray(Long[]::new);
        Map<FilePackage, Long> lines = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    SELECT encode(i.sha256, 'hex'), p.package_id, p.last_line
                    FROM history_imports i JOIN history_import_progress p ON p.import_id = i.id
                    WHERE i.sha256 IN (SELECT decode(h, 'hex') FROM unnest(?::text[]) h) AND p.package_id = ANY (?)""");
            statement.setArray(1, connection.createArrayOf("text", sha256s));
            statement.setArray(2, connection.createArrayOf("bigint", packageIds));
            return statement;
        }, row -> {
            FilePackage key = new FilePackage(row.getString(1), row.getLong(2));
            if (keys.contains(key)) {
                lines.put(key, row.getLong(3));
            }
        });
        return lines;
    }

    /** The ids of the files, registering those seen for the first time. */
    private Map<String, Integer> importIds(Map<String, String> files) {
        String[] sha256s = files.keySet().toArray(String[]::new);
        String[] names = files.values().toArray(String[]::new);
        List<String> started = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    """
                            INSERT INTO history_imports (id, sha256, file_name)
                            SELECT nextval('history_imports_seq'), decode(h, 'hex'), f FROM unnest(?::text[], ?::text[]) AS t (h, f)
                            WHERE NOT EXISTS (SELECT 1 FROM history_imports WHERE sha256 = decode(h, 'hex'))
                            ON CONFLICT (sha256) DO NOTHING
                            RETURNING encode(sha256, 'hex')""");
            statement.setArray(1, connection.createArrayOf("text", sha256s));
            statement.setArray(2, connection.createArrayOf("text", names));
            return statement;
        }, (row, n) -> row.getString(1));
        started.forEach(sha256 -> log.info("History import {} ({}) started", abbreviated(sha256), files.get(sha256)));
        Map<String, Integer> ids = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    SELECT encode(sha256, 'hex'), id FROM history_imports
                    WHERE sha256 IN (SELECT decode(h, 'hex') FROM unnest(?::text[]) h)""");
            statement.setArray(1, connection.createArrayOf("text", sha256s));
            return statement;
        }, row -> {
            ids.put(row.getString(1), row.getInt(2));
        });
        return ids;
    }

    /**
     * The first 12 hex digits, as in the replay's summary: enough to tell files apart in
     * a log.
     */
    static String abbreviated(String sha256) {
        return sha256.substring(0, 12);
    }

}
