package io.pkgpulse.model.rollups;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Rollup rows, daily and hourly, live and die with their package and release, although
 * the rollup tables have no foreign keys.
 */
@ModelIntegrationTest
class RollupLifecycleTest {

    @Autowired
    EntityManager entityManager;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    long packageId;

    long keptReleaseId;

    long deletedReleaseId;

    long otherPackageId;

    @BeforeEach
    void twoPackagesWithRollups() {
        Tables.truncateAll(jdbc);
        tx.executeWithoutResult(s -> {
            Package pkg = new Package("attrs");
            Release kept = pkg.addRelease(new Release("24.2.0"));
            Release deleted = pkg.addRelease(new Release("23.1.0"));
            Package other = new Package("cattrs");
            other.addRelease(new Release("24.1.2"));
            entityManager.persist(pkg);
            entityManager.persist(other);
            entityManager.flush();
            packageId = pkg.getId();
            keptReleaseId = kept.getId();
            deletedReleaseId = deleted.getId();
            otherPackageId = other.getId();
        });
        for (long id : new long[] { packageId, otherPackageId }) {
            jdbc.update("INSERT INTO daily_downloads VALUES (?, DATE '2026-11-20', false, 5)", id);
            jdbc.update("INSERT INTO daily_category_downloads VALUES (?, ?, DATE '2026-11-20', 'Linux', false, 5)", id,
                    Dimension.SYSTEM.code());
            jdbc.update("INSERT INTO hourly_downloads VALUES (?, TIMESTAMPTZ '2026-11-20 10:00Z', false, 5)", id);
        }
        jdbc.update("INSERT INTO daily_release_downloads VALUES (?, DATE '2026-11-20', ?, false, 3)", packageId,
                keptReleaseId);
        jdbc.update("INSERT INTO daily_release_downloads VALUES (?, DATE '2026-11-20', ?, false, 2)", packageId,
                deletedReleaseId);
        jdbc.update("INSERT INTO hourly_release_downloads VALUES (?, TIMESTAMPTZ '2026-11-20 10:00Z', ?, false, 3)",
                packageId, keptReleaseId);
        jdbc.update("INSERT INTO hourly_release_downloads VALUES (?, TIMESTAMPTZ '2026-11-20 10:00Z', ?, false, 2)",
                packageId, deletedReleaseId);
        jdbc.update("INSERT INTO hourly_total_downloads VALUES (TIMESTAMPTZ '2026-11-20 10:00Z', false, 10)");
    }

    @Test
    void deletingAPackageWithSqlDeletesItsRollupRowsOnly() {
        jdbc.update("DELETE FROM packages WHERE id = ?", packageId);

        assertThat(rollupRows(packageId)).isZero();
        assertThat(rollupRows(otherPackageId)).isEqualTo(2);
    }

    @Test
    void deletingAPackageWithSqlDeletesItsHourlyRowsOnly() {
        jdbc.update("DELETE FROM packages WHERE id = ?", packageId);

        assertThat(hourlyRows(packageId)).isZero();
        assertThat(hourlyRows(otherPackageId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM hourly_total_downloads", Long.class))
            .as("all-package totals keep past downloads, as the daily ones do")
            .isEqualTo(1);
    }

    @Test
    void deletingAPackageThroughJpaDeletesItsRollupRows() {
        tx.executeWithoutResult(s -> entityManager.remove(entityManager.find(Package.class, packageId)));

        assertThat(rollupRows(packageId)).isZero();
        assertThat(hourlyRows(packageId)).isZero();
    }

    @Test
    void deletingAReleaseDeletesItsReleaseRollupRowsOnly() {
        jdbc.update("DELETE FROM releases WHERE id = ?", deletedReleaseId);

        assertThat(jdbc.queryForList("SELECT release_id FROM daily_release_downloads", Long.class))
            .containsExactly(keptReleaseId);
        assertThat(rollupRows(packageId)).as("package rollups stay").isEqualTo(3);
    }

    @Test
    void deletingAReleaseDeletesItsHourlyReleaseRowsOnly() {
        jdbc.update("DELETE FROM releases WHERE id = ?", deletedReleaseId);

        assertThat(jdbc.queryForList("SELECT release_id FROM hourly_release_downloads", Long.class))
            .containsExactly(keptReleaseId);
        assertThat(hourlyRows(packageId)).as("the package's hourly row stays").isEqualTo(2);
    }

    @Test
    void removingAReleaseThroughJpaDeletesItsHourlyReleaseRows() {
        tx.executeWithoutResult(s -> entityManager.find(Package.class, packageId)
            .removeRelease(entityManager.find(Release.class, deletedReleaseId)));

        assertThat(jdbc.queryForList("SELECT release_id FROM hourly_release_downloads", Long.class))
            .containsExactly(keptReleaseId);
    }

    private long rollupRows(long id) {
        return jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM daily_downloads WHERE package_id = ?)
                     + (SELECT count(*) FROM daily_category_downloads WHERE package_id = ?)
                     + (SELECT count(*) FROM daily_release_downloads WHERE package_id = ?)""", Long.class, id, id, id);
    }

    private long hourlyRows(long id) {
        return jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM hourly_downloads WHERE package_id = ?)
                     + (SELECT count(*) FROM hourly_release_downloads WHERE package_id = ?)""", Long.class, id, id);
    }

}
