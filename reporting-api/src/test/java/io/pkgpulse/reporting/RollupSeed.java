package io.pkgpulse.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;

import io.pkgpulse.model.rollups.Dimension;
import io.pkgpulse.reporting.changes.ChangeClock;

/**
 * Writes packages, releases and rollup rows the way the ingest worker leaves them, for
 * tests of what the API reads. Each count is added to the package's rollup and to the
 * all-package totals. Emptying the tables is announced like a worker's change (so no
 * cached answer outlives it); a test that changes rows after reading them announces that
 * itself ({@link WorkerCommits}).
 */
public final class RollupSeed {

    private final JdbcTemplate jdbc;

    private final ChangeClock changes;

    public RollupSeed(JdbcTemplate jdbc, ChangeClock changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    /** Empties what the seeds write (and accounts, which depend on packages). */
    public void truncate() {
        jdbc.execute("""
                TRUNCATE packages, releases, licenses, downloads, client_profiles, daily_downloads,
                         daily_release_downloads, daily_category_downloads, daily_total_downloads,
                         daily_total_category_downloads, consumer_offsets, maintainers, hourly_downloads,
                         hourly_release_downloads, hourly_total_downloads CASCADE""");
        WorkerCommits.announceEverything(jdbc, changes);
    }

    public long pkg(String name) {
        return jdbc.queryForObject("""
                INSERT INTO packages (id, name, normalized_name) VALUES (nextval('packages_seq'), ?, ?) RETURNING id""",
                Long.class, name, io.pkgpulse.names.ProjectNames.normalize(name));
    }

    public long release(long packageId, String version) {
        var order = io.pkgpulse.model.catalog.Pep440Version.orderOf(version);
        return jdbc.queryForObject("""
                INSERT INTO releases (id, package_id, version, major, minor, micro, sort_key, prerelease)
                VALUES (nextval('releases_seq'), ?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, packageId, version,
                order.major(), order.minor(), order.micro(), order.sortKey(), order.prerelease());
    }

    /**
     * Downloads of a release on a day: the package's and the release's rollups, and the
     * totals.
     */
    public void downloads(long packageId, long releaseId, LocalDate day, boolean mirror, long n) {
        jdbc.update(
                """
                        INSERT INTO daily_downloads VALUES (?, ?, ?, ?)
                        ON CONFLICT (package_id, day, mirror) DO UPDATE SET downloads = daily_downloads.downloads + EXCLUDED.downloads""",
                packageId, day, mirror, n);
        jdbc.update("""
                INSERT INTO daily_release_downloads VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (package_id, day, release_id, mirror)
                DO UPDATE SET downloads = daily_release_downloads.downloads + EXCLUDED.downloads""", packageId, day,
                releaseId, mirror, n);
        jdbc.update(
                """
                        INSERT INTO daily_total_downloads VALUES (?, ?, ?)
                        ON CONFLICT (day, mirror) DO UPDATE SET downloads = daily_total_downloads.downloads + EXCLUDED.downloads""",
                day, mirror, n);
    }

    /**
     * Downloads in one category of a dimension on a day, for the package and the totals.
     */
    public void category(long packageId, Dimension dimension, LocalDate day, String category, boolean mirror, long n) {
        jdbc.update("""
                INSERT INTO daily_category_downloads VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (package_id, dimension, day, category, mirror)
                DO UPDATE SET downloads = daily_category_downloads.downloads + EXCLUDED.downloads""", packageId,
                dimension.code(), day, category, mirror, n);
        jdbc.update("""
                INSERT INTO daily_total_category_downloads VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (dimension, day, category, mirror)
                DO UPDATE SET downloads = daily_total_category_downloads.downloads + EXCLUDED.downloads""",
                dimension.code(), day, category, mirror, n);
    }

    /**
     * Downloads of a release in a UTC hour (its start): the package's and release's
     * hourly rollups, and the totals.
     */
    public void hourly(long packageId, long releaseId, Instant hour, boolean mirror, long n) {
        var at = hour.atOffset(ZoneOffset.UTC);
        jdbc.update(
                """
                        INSERT INTO hourly_downloads VALUES (?, ?, ?, ?)
                        ON CONFLICT (package_id, hour, mirror) DO UPDATE SET downloads = hourly_downloads.downloads + EXCLUDED.downloads""",
                packageId, at, mirror, n);
        jdbc.update("""
                INSERT INTO hourly_release_downloads VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (package_id, hour, release_id, mirror)
                DO UPDATE SET downloads = hourly_release_downloads.downloads + EXCLUDED.downloads""", packageId, at,
                releaseId, mirror, n);
        jdbc.update(
                """
                        INSERT INTO hourly_total_downloads VALUES (?, ?, ?)
                        ON CONFLICT (hour, mirror) DO UPDATE SET downloads = hourly_total_downloads.downloads + EXCLUDED.downloads""",
                at, mirror, n);
    }

}
