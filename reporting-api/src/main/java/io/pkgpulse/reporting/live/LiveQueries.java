package io.pkgpulse.reporting.live;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads a {@link LiveSnapshot} in one statement: today's row of the daily rollup, the
 * last {@value #HOURS} hours of the hourly one and, for a package, its newest versions'
 * downloads in the last {@value #VERSION_HOURS} hours and whether it is private now. Each
 * part is a range scan of a primary key (package, then day or hour). The live feed calls
 * it once per change of a watched package, the package page once per view.
 */
@Repository
public class LiveQueries {

    public static final int HOURS = 48;

    /**
     * The current hour and the one before: a batch may still bring downloads of the last
     * hour.
     */
    public static final int VERSION_HOURS = 2;

    public static final int VERSIONS = 10;

    private static final String PACKAGE_SQL = """
            SELECT 0, NULL::timestamptz, NULL, 0, coalesce(sum(downloads), 0),
                   coalesce(sum(downloads) FILTER (WHERE NOT mirror), 0)
            FROM daily_downloads WHERE package_id = :package AND day = :day
            UNION ALL
            SELECT 1, hour, NULL, 0, sum(downloads), coalesce(sum(downloads) FILTER (WHERE NOT mirror), 0)
            FROM hourly_downloads WHERE package_id = :package AND hour BETWEEN :first AND :last GROUP BY hour
            UNION ALL
            SELECT 2, hour, version, newest, 0, downloads FROM (
                SELECT d.hour, r.version, sum(d.downloads) AS downloads, dense_rank() OVER (
                       ORDER BY r.major DESC, r.minor DESC, r.micro DESC, r.sort_key DESC, r.id DESC) AS newest
                FROM hourly_release_downloads d
                JOIN releases r ON r.id = d.release_id AND r.package_id = d.package_id
                WHERE d.package_id = :package AND d.hour BETWEEN :versionsFirst AND :last AND NOT d.mirror
                GROUP BY d.hour, r.id, r.version, r.major, r.minor, r.micro, r.sort_key) v
            WHERE newest <= :versions
            UNION ALL
            SELECT 3, NULL, NULL, 0, CASE WHEN is_private THEN 1 ELSE 0 END, 0 FROM packages WHERE id = :package""";

    private static final String ALL_SQL = """
            SELECT 0, NULL::timestamptz, NULL, 0, coalesce(sum(downloads), 0),
                   coalesce(sum(downloads) FILTER (WHERE NOT mirror), 0)
            FROM daily_total_downloads WHERE day = :day
            UNION ALL
            SELECT 1, hour, NULL, 0, sum(downloads), coalesce(sum(downloads) FILTER (WHERE NOT mirror), 0)
            FROM hourly_total_downloads WHERE hour BETWEEN :first AND :last GROUP BY hour""";

    private final JdbcClient jdbc;

    private final Clock clock;

    LiveQueries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The numbers of a package now, or of all packages when {@code packageId} is null.
     */
    public LiveSnapshot read(Long packageId, String name) {
        Instant now = clock.instant();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Instant first = hour.minus(HOURS - 1, ChronoUnit.HOURS);
        Instant versionsFirst = hour.minus(VERSION_HOURS - 1, ChronoUnit.HOURS);
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);

        long[] today = new long[2];
        // A package that is gone counts as hidden: nobody may see it any more.
        boolean[] hidden = { packageId != null };
        long[] withMirrors = new long[HOURS];
        long[] withoutMirrors = new long[HOURS];
        // Version rows: rank (newest first) to name, and per rank the downloads of each
        // hour.
        Map<Integer, String> names = new TreeMap<>();
        Map<Integer, long[]> byRank = new TreeMap<>();
        var statement = jdbc.sql(packageId == null ? ALL_SQL : PACKAGE_SQL)
            .param("day", day)
            .param("first", utc(first))
            .param("last", utc(hour));
        if (packageId != null) {
            statement = statement.param("package", packageId)
                .param("versionsFirst", utc(versionsFirst))
                .param("versions", VERSIONS);
        }
        statement.query(row -> {
            int part = row.getInt(1);
            if (part == 0) {
                today[0] = row.getLong(5);
                today[1] = row.getLong(6);
                return;
            }
            if (part == 3) {
                hidden[0] = row.getLong(5) == 1;
                return;
            }
            Instant rowHour = row.getObject(2, OffsetDateTime.class).toInstant();
            if (part == 1) {
                int index = (int) ChronoUnit.HOURS.between(first, rowHour);
                withMirrors[index] = row.getLong(5);
                withoutMirrors[index] = row.getLong(6);
                return;
            }
            int rank = row.getInt(4);
            names.put(rank, row.getString(3));
            byRank.computeIfAbsent(rank,
                    r -> new long[VERSION_HOURS])[(int) ChronoUnit.HOURS.between(versionsFirst, rowHour)] = row
                        .getLong(6);
        });

        LiveSnapshot.Versions versions = null;
        if (packageId != null) {
            long[][] downloads = new long[VERSION_HOURS][names.size()];
            List<long[]> columns = new ArrayList<>(byRank.values());
            for (int h = 0; h < VERSION_HOURS; h++) {
                for (int v = 0; v < columns.size(); v++) {
                    downloads[h][v] = columns.get(v)[h];
                }
            }
            versions = new LiveSnapshot.Versions(versionsFirst, List.copyOf(names.values()), downloads);
        }
        return new LiveSnapshot(packageId == null ? LiveFeed.ALL : name, day,
                new LiveSnapshot.Counts(today[0], today[1]), hour,
                new LiveSnapshot.Counts(withMirrors[HOURS - 1], withoutMirrors[HOURS - 1]),
                new LiveSnapshot.Hours(first, withMirrors, withoutMirrors), versions, hidden[0]);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
