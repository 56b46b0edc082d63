package io.pkgpulse.reporting.dashboard;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import io.pkgpulse.model.rollups.Dimension;
import io.pkgpulse.reporting.WorkerCommits;
import io.pkgpulse.reporting.changes.ChangeClock;

import io.pkgpulse.model.catalog.Pep440Version;
import io.pkgpulse.names.ProjectNames;

/**
 * Rollup rows as the ingest worker leaves them, for the dashboard tests: a few packages
 * with small exact numbers around today, one private package, and {@value #DEMO}, 180
 * days of plausible traffic for the screenshot and the render-time measurement. Rows are
 * summed in memory and written with one batch per table; every download also counts in
 * the all-package totals, as the worker does it. The last days also have their hourly
 * rollups (the exact packages' downloads of today in the current hour, of the days before
 * at noon UTC), so that the hourly numbers add up to the daily ones.
 */
final class DashboardSeed {

    static final String ALPHA = "Dash_Alpha";
    static final String BETA = "dash-beta";
    static final String SECRET = "dash-secret";
    static final String DEMO = "pulse-demo";

    /**
     * Days before today with hourly rows for {@value #DEMO} (and today up to the current
     * hour).
     */
    static final int DEMO_HOURLY_DAYS = 3;

    /**
     * {@value #DEMO}'s newest release came out this many hours before the current one.
     */
    static final int DEMO_NEW_RELEASE_AGE = 40;

    private final JdbcTemplate jdbc;

    private final ChangeClock changes;

    final LocalDate today;

    /**
     * The start of the current UTC hour (of {@code today}'s last hour if the clock has
     * passed midnight since).
     */
    final Instant hour;

    private final Map<List<Object>, Long> daily = new LinkedHashMap<>();

    private final Map<List<Object>, Long> release = new LinkedHashMap<>();

    private final Map<List<Object>, Long> category = new LinkedHashMap<>();

    private final Map<List<Object>, Long> total = new LinkedHashMap<>();

    private final Map<List<Object>, Long> totalCategory = new LinkedHashMap<>();

    private final Map<List<Object>, Long> hourly = new LinkedHashMap<>();

    private final Map<List<Object>, Long> hourlyRelease = new LinkedHashMap<>();

    private final Map<List<Object>, Long> hourlyTotal = new LinkedHashMap<>();

    private final Map<String, Long> releaseIds = new HashMap<>();

    DashboardSeed(JdbcTemplate jdbc, ChangeClock changes, LocalDate today) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.today = today;
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant lastOfToday = today.atTime(23, 0).toInstant(ZoneOffset.UTC);
        this.hour = now.isAfter(lastOfToday) ? lastOfToday : now;
    }

    /**
     * Empties every table the dashboard reads (other test classes of the module seed
     * their own data).
     */
    DashboardSeed truncate() {
        jdbc.execute("""
                TRUNCATE packages, releases, downloads, client_profiles, daily_downloads, daily_release_downloads,
                         daily_category_downloads, daily_total_downloads, daily_total_category_downloads,
                         hourly_downloads, hourly_release_downloads, hourly_total_downloads, consumer_offsets,
                         maintainers CASCADE""");
        WorkerCommits.announceEverything(jdbc, changes);
        return this;
    }

    /** The exact data set the assertions use, {@value #DEMO} included. */
    DashboardSeed standard(Instant lastBatch) {
        LocalDate t0 = today;
        LocalDate t1 = today.minusDays(1);
        LocalDate t2 = today.minusDays(2);
        jdbc.update("INSERT INTO licenses (short_name, name) VALUES ('MIT', 'MIT License') ON CONFLICT DO NOTHING");

        long alpha = pkg(ALPHA, "Alpha does the first thing", "https://example.org/alpha", "MIT", false);
        release(alpha, "1.0.0");
        release(alpha, "1.1.0");
        release(alpha, "2.0.0");
        Instant h0 = hour;
        Instant h1 = noon(t1);
        Instant h2 = noon(t2);
        at(alpha, "2.0.0", h0, false, 60);
        at(alpha, "1.1.0", h0, false, 40);
        at(alpha, "1.0.0", h0, false, 20);
        at(alpha, "2.0.0", h0, true, 30);
        at(alpha, "2.0.0", h1, false, 70);
        at(alpha, "1.1.0", h1, false, 30);
        at(alpha, "2.0.0", h1, true, 20);
        at(alpha, "1.0.0", h2, false, 80);
        categories(alpha, Dimension.PYTHON_MINOR, t0, false, "3.12", 70, "3.11", 50);
        categories(alpha, Dimension.PYTHON_MINOR, t0, true, "3.12", 30);
        categories(alpha, Dimension.PYTHON_MINOR, t1, false, "3.12", 60, "3.11", 40);
        categories(alpha, Dimension.PYTHON_MINOR, t1, true, "3.12", 20);
        categories(alpha, Dimension.PYTHON_MINOR, t2, false, "3.10", 80);
        categories(alpha, Dimension.SYSTEM, t0, false, "Linux", 100, "Windows", 20);
        categories(alpha, Dimension.SYSTEM, t0, true, "Linux", 30);
        categories(alpha, Dimension.SYSTEM, t1, false, "Linux", 100);
        categories(alpha, Dimension.SYSTEM, t1, true, "Linux", 20);
        categories(alpha, Dimension.SYSTEM, t2, false, "Linux", 80);
        categories(alpha, Dimension.INSTALLER, t0, false, "pip", 90, "uv", 30);
        categories(alpha, Dimension.INSTALLER, t0, true, "bandersnatch", 30);
        categories(alpha, Dimension.INSTALLER, t1, false, "pip", 100);
        categories(alpha, Dimension.INSTALLER, t1, true, "bandersnatch", 20);
        categories(alpha, Dimension.INSTALLER, t2, false, "pip", 80);

        long beta = pkg(BETA, null, null, null, false);
        release(beta, "0.1");
        at(beta, "0.1", h0, false, 50);
        at(beta, "0.1", h0, true, 5);
        at(beta, "0.1", h1, false, 40);

        long secret = pkg(SECRET, "Hidden", null, null, true);
        release(secret, "1.0");
        at(secret, "1.0", h0, false, 1000);

        demo();
        flush();
        jdbc.update(
                """
                        INSERT INTO consumer_offsets (consumer_group, topic, kafka_partition, next_offset, updated_at)
                        VALUES ('pkgpulse-ingest', 'pypi.downloads.v1', 0, 1234, ?), ('pkgpulse-ingest', 'pypi.downloads.v1', 1, 99, ?)""",
                Timestamp.from(lastBatch), Timestamp.from(lastBatch.minusSeconds(3600)));
        // Written by hand, so announced by hand (a stream of a page still open from a
        // test before is read again).
        WorkerCommits.announceEverything(jdbc, changes);
        return this;
    }

    /**
     * {@value #DEMO}: 180 days up to today, growing, quieter at weekends, ten releases
     * that take over from each other, Python minors, systems and installers in
     * proportions like PyPI's, 8% of downloads by mirrors. The last
     * {@value #DEMO_HOURLY_DAYS} days and today (up to the current hour) are made hour by
     * hour, busier in the European and American day, with an eleventh release,
     * {@value #DEMO_NEW_RELEASE_AGE} hours old, taking over.
     */
    private void demo() {
        long demo = pkg(DEMO, "Demo data for the dashboard screenshot", "https://example.org/pulse-demo", "MIT", false);
        String[] versions = { "0.9.0", "1.0.0", "1.1.0", "1.2.0", "1.2.1", "2.0.0", "2.0.1", "2.1.0", "2.2.0", "2.3.0",
                "2.4.0" };
        for (String version : versions) {
            release(demo, version);
        }
        Instant newRelease = hour.minus(DEMO_NEW_RELEASE_AGE, ChronoUnit.HOURS);
        int days = 180;
        for (int i = 0; i < days; i++) {
            LocalDate day = today.minusDays(days - 1 - i);
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            double volume = 2400 * (1 + i / 150.0) * (weekend ? 0.62 : 1) * (1 + 0.06 * Math.sin(i * 1.7));
            long mirrored = Math.round(volume * 0.08);
            long direct = Math.round(volume) - mirrored;
            double[] versionWeights = new double[versions.length];
            for (int v = 0; v < versions.length - 1; v++) {
                int released = v * 17;
                versionWeights[v] = i < released ? 0 : (1 + v * 0.5) * Math.exp(-(i - released) / 110.0);
            }
            if (!day.isBefore(today.minusDays(DEMO_HOURLY_DAYS))) {
                long[] hours = demoHours(demo, versions, versionWeights, day, volume, newRelease);
                direct = hours[0];
                mirrored = hours[1];
            }
            else {
                long[] byVersion = split(direct, versionWeights);
                long[] byVersionMirrored = split(mirrored, versionWeights);
                for (int v = 0; v < versions.length; v++) {
                    downloads(demo, versions[v], day, false, byVersion[v]);
                    downloads(demo, versions[v], day, true, byVersionMirrored[v]);
                }
            }
            double newer = i / (double) days;
            categoryShares(demo, Dimension.PYTHON_MINOR, day, direct,
                    new String[] { "3.13", "3.12", "3.11", "3.10", "3.9", "3.8", "3.14", "null" },
                    new double[] { 0.05 + 0.15 * newer, 0.30, 0.25, 0.17, 0.09 - 0.04 * newer, 0.04 - 0.02 * newer,
                            0.03 * newer, 0.01 });
            categoryShares(demo, Dimension.SYSTEM, day, direct, new String[] { "Linux", "Darwin", "Windows", "null" },
                    new double[] { 0.78, 0.12, 0.09, 0.01 });
            categoryShares(demo, Dimension.INSTALLER, day, direct,
                    new String[] { "pip", "uv", "poetry", "pdm", "requests" },
                    new double[] { 0.72 - 0.12 * newer, 0.16 + 0.12 * newer, 0.08, 0.02, 0.02 });
            categories(demo, Dimension.PYTHON_MINOR, day, true, "null", mirrored);
            categories(demo, Dimension.SYSTEM, day, true, "Linux", mirrored);
            categories(demo, Dimension.INSTALLER, day, true, "bandersnatch", mirrored);
        }
    }

    /**
     * One day of {@value #DEMO} hour by hour (today up to the current hour): the day's
     * volume spread over the hours, the newest release's share growing from its release
     * on. Returns the day's downloads without and with mirrors.
     */
    private long[] demoHours(long demo, String[] versions, double[] dayWeights, LocalDate day, double volume,
            Instant newRelease) {
        long direct = 0;
        long mirroredDay = 0;
        for (int h = 0; h < 24; h++) {
            Instant at = day.atTime(h, 0).toInstant(ZoneOffset.UTC);
            if (at.isAfter(hour)) {
                break;
            }
            double hourVolume = volume * (1 + 0.45 * Math.sin((h - 8) / 24.0 * 2 * Math.PI)) / 24;
            long mirrored = Math.round(hourVolume * 0.08);
            long hourDirect = Math.round(hourVolume) - mirrored;
            double[] weights = dayWeights.clone();
            double age = ChronoUnit.MINUTES.between(newRelease, at) / 60.0;
            if (age >= 0) {
                double share = 0.6 * (1 - Math.exp(-age / 14));
                double others = 0;
                for (double weight : dayWeights) {
                    others += weight;
                }
                weights[versions.length - 1] = others * share / (1 - share);
            }
            long[] byVersion = split(hourDirect, weights);
            long[] byVersionMirrored = split(mirrored, weights);
            for (int v = 0; v < versions.length; v++) {
                at(demo, versions[v], at, false, byVersion[v]);
                at(demo, versions[v], at, true, byVersionMirrored[v]);
            }
            direct += hourDirect;
            mirroredDay += mirrored;
        }
        return new long[] { direct, mirroredDay };
    }

    long pkg(String name, String summary, String homePage, String license, boolean isPrivate) {
        return jdbc.queryForObject("""
                INSERT INTO packages (id, name, normalized_name, summary, home_page, license_short_name, is_private)
                VALUES (nextval('packages_seq'), ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, name,
                ProjectNames.normalize(name), summary, homePage, license, isPrivate);
    }

    void release(long packageId, String version) {
        Pep440Version order = Pep440Version.orderOf(version);
        long id = jdbc.queryForObject("""
                INSERT INTO releases (id, package_id, version, major, minor, micro, sort_key, prerelease)
                VALUES (nextval('releases_seq'), ?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, packageId, version,
                order.major(), order.minor(), order.micro(), order.sortKey(), order.prerelease());
        releaseIds.put(packageId + "/" + version, id);
    }

    void downloads(long packageId, String version, LocalDate day, boolean mirror, long n) {
        if (n == 0) {
            return;
        }
        daily.merge(List.of(packageId, day, mirror), n, Long::sum);
        release.merge(List.of(packageId, day, releaseIds.get(packageId + "/" + version), mirror), n, Long::sum);
        total.merge(List.of(day, mirror), n, Long::sum);
    }

    /**
     * Downloads of a release in the hour starting at {@code at}: its day's rollups and
     * its hour's.
     */
    void at(long packageId, String version, Instant at, boolean mirror, long n) {
        if (n == 0) {
            return;
        }
        downloads(packageId, version, LocalDate.ofInstant(at, ZoneOffset.UTC), mirror, n);
        hourly.merge(List.of(packageId, at, mirror), n, Long::sum);
        hourlyRelease.merge(List.of(packageId, at, releaseIds.get(packageId + "/" + version), mirror), n, Long::sum);
        hourlyTotal.merge(List.of(at, mirror), n, Long::sum);
    }

    /** A package's downloads in the hour starting at {@code at}. */
    long hourly(long packageId, Instant at, boolean withMirrors) {
        return hourly.getOrDefault(List.of(packageId, at, false), 0L)
                + (withMirrors ? hourly.getOrDefault(List.of(packageId, at, true), 0L) : 0);
    }

    long releaseId(long packageId, String version) {
        return releaseIds.get(packageId + "/" + version);
    }

    static Instant noon(LocalDate day) {
        return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    /** Pairs of category and count. */
    void categories(long packageId, Dimension dimension, LocalDate day, boolean mirror, Object... categoryAndCount) {
        for (int i = 0; i < categoryAndCount.length; i += 2) {
            long n = ((Number) categoryAndCount[i + 1]).longValue();
            if (n > 0) {
                category.merge(List.of(packageId, dimension.code(), day, categoryAndCount[i], mirror), n, Long::sum);
                totalCategory.merge(List.of(dimension.code(), day, categoryAndCount[i], mirror), n, Long::sum);
            }
        }
    }

    private void categoryShares(long packageId, Dimension dimension, LocalDate day, long n, String[] names,
            double[] weights) {
        long[] parts = split(n, weights);
        for (int i = 0; i < names.length; i++) {
            categories(packageId, dimension, day, false, names[i], parts[i]);
        }
    }

    /**
     * n split by weights, rounding down, the remainder to the largest weight: the parts
     * add up to n.
     */
    private static long[] split(long n, double[] weights) {
        double sum = 0;
        int largest = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            largest = weights[i] > weights[largest] ? i : largest;
        }
        long[] parts = new long[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            parts[i] = sum == 0 ? 0 : (long) Math.floor(n * weights[i] / sum);
            given += parts[i];
        }
        parts[largest] += n - given;
        return parts;
    }

    /** Downloads of all packages on the days from..to, as the totals table has them. */
    long total(LocalDate from, LocalDate to, boolean withMirrors) {
        return total.entrySet()
            .stream()
            .filter(e -> !((LocalDate) e.getKey().get(0)).isBefore(from)
                    && !((LocalDate) e.getKey().get(0)).isAfter(to))
            .filter(e -> withMirrors || !(Boolean) e.getKey().get(1))
            .mapToLong(Map.Entry::getValue)
            .sum();
    }

    /** A package's downloads on a day. */
    long daily(long packageId, LocalDate day, boolean withMirrors) {
        return daily.getOrDefault(List.of(packageId, day, false), 0L)
                + (withMirrors ? daily.getOrDefault(List.of(packageId, day, true), 0L) : 0);
    }

    long id(String name) {
        return jdbc.queryForObject("SELECT id FROM packages WHERE normalized_name = ?", Long.class,
                ProjectNames.normalize(name));
    }

    private void flush() {
        batch("INSERT INTO daily_downloads (package_id, day, mirror, downloads) VALUES (?, ?, ?, ?)", daily);
        batch("INSERT INTO daily_release_downloads (package_id, day, release_id, mirror, downloads) VALUES (?, ?, ?, ?, ?)",
                release);
        batch("INSERT INTO daily_category_downloads (package_id, dimension, day, category, mirror, downloads)"
                + " VALUES (?, ?, ?, ?, ?, ?)", category);
        batch("INSERT INTO daily_total_downloads (day, mirror, downloads) VALUES (?, ?, ?)", total);
        batch("INSERT INTO daily_total_category_downloads (dimension, day, category, mirror, downloads)"
                + " VALUES (?, ?, ?, ?, ?)", totalCategory);
        batch("INSERT INTO hourly_downloads (package_id, hour, mirror, downloads) VALUES (?, ?, ?, ?)", hourly);
        batch("INSERT INTO hourly_release_downloads (package_id, hour, release_id, mirror, downloads)"
                + " VALUES (?, ?, ?, ?, ?)", hourlyRelease);
        batch("INSERT INTO hourly_total_downloads (hour, mirror, downloads) VALUES (?, ?, ?)", hourlyTotal);
    }

    private void batch(String sql, Map<List<Object>, Long> rows) {
        List<Object[]> args = new ArrayList<>();
        rows.forEach((key, n) -> {
            // PgJDBC binds an OffsetDateTime as timestamptz, not an Instant.
            List<Object> row = new ArrayList<>(key.stream()
                .map(value -> value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value)
                .toList());
            row.add(n);
            args.add(row.toArray());
        });
        jdbc.batchUpdate(sql, args);
    }

}
