package io.pkgpulse.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import jakarta.persistence.EntityManager;

import org.hibernate.Hibernate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.pkgpulse.model.ModelIntegrationTest;
import io.pkgpulse.model.Tables;
import io.pkgpulse.testsupport.SqlStatementCounter;

import net.ttddyy.dsproxy.QueryCount;

@ModelIntegrationTest
class PackageReleasesTest {

    @Autowired
    EntityManager entityManager;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyTables() {
        Tables.truncateAll(jdbc);
    }

    @Test
    void addingAReleaseThroughThePackageSetsBothSides() {
        Package requests = new Package("requests");
        Release release = requests.addRelease(new Release("2.32.3"));

        assertThat(release.getPackage()).isSameAs(requests);
        assertThat(requests.getReleases()).containsExactly(release);

        requests.removeRelease(release);
        assertThat(release.getPackage()).isNull();
        assertThat(requests.getReleases()).isEmpty();
    }

    @Test
    void aLoadedReleaseLoadsItsPackageOnlyWhenTouchedAndThenWithOneQuery() {
        long releaseId = tx.execute(s -> {
            Package pkg = new Package("Flask");
            Release release = pkg.addRelease(new Release("3.0.3"));
            entityManager.persist(pkg);
            entityManager.flush();
            return release.getId();
        });

        tx.executeWithoutResult(s -> {
            Release release = entityManager.find(Release.class, releaseId);
            assertThat(Hibernate.isInitialized(release.getPackage())).as("package loaded with its release").isFalse();

            SqlStatementCounter.reset();
            assertThat(release.getPackage().getName()).isEqualTo("Flask");
            QueryCount counted = SqlStatementCounter.counted();
            assertThat(counted.getSelect()).as("selects to load the package").isEqualTo(1);
            assertThat(counted.getTotal()).as("statements in all").isEqualTo(1);
        });
    }

    @Test
    void releasesComeBackInVersionOrder() {
        List<String> inOrder = List.of("2004d", "0.9", "1.0.dev1", "1.0a1.dev1", "1.0a1", "1.0a2", "1.0b1", "1.0rc1",
                "1.0", "1.0.post1.dev1", "1.0.post1", "1.0.1", "1.2", "1.10", "1.10.0.1", "2.0.0", "10.0");
        List<String> shuffled = new ArrayList<>(inOrder);
        Collections.shuffle(shuffled, new Random(42));
        tx.executeWithoutResult(s -> {
            Package pkg = new Package("numpy");
            shuffled.forEach(v -> pkg.addRelease(new Release(v)));
            entityManager.persist(pkg);
        });

        List<String> loaded = tx.execute(s -> entityManager
            .createQuery("select p from Package p where p.normalizedName = 'numpy'", Package.class)
            .getSingleResult()
            .getReleases()
            .stream()
            .map(Release::getVersion)
            .toList());

        assertThat(loaded).containsExactlyElementsOf(inOrder);
    }

    @Test
    void deletingAPackageThroughJpaDeletesItsReleases() {
        long packageId = persistPackageWithReleases("django", "5.0", "5.1");

        tx.executeWithoutResult(s -> entityManager.remove(entityManager.find(Package.class, packageId)));

        assertThat(releaseCount(packageId)).isZero();
    }

    @Test
    void deletingAPackageWithPlainSqlDeletesItsReleases() {
        long packageId = persistPackageWithReleases("django", "5.0", "5.1");
        long other = persistPackageWithReleases("flask", "3.0");

        jdbc.update("DELETE FROM packages WHERE id = ?", packageId);

        assertThat(releaseCount(packageId)).isZero();
        assertThat(releaseCount(other)).isEqualTo(1);
    }

    @Test
    void removingAReleaseFromItsPackageDeletesIt() {
        long packageId = persistPackageWithReleases("django", "5.0", "5.1");

        tx.executeWithoutResult(s -> {
            Package pkg = entityManager.find(Package.class, packageId);
            pkg.removeRelease(pkg.getReleases().get(0));
        });

        assertThat(jdbc.queryForList("SELECT version FROM releases WHERE package_id = ?", String.class, packageId))
            .containsExactly("5.1");
    }

    @Test
    void persistingAThousandReleasesIsBatched() {
        SqlStatementCounter.reset();
        tx.executeWithoutResult(s -> {
            Package pkg = new Package("boto3");
            for (int i = 0; i < 1000; i++) {
                pkg.addRelease(new Release("1.34." + i));
            }
            entityManager.persist(pkg);
        });
        QueryCount counted = SqlStatementCounter.counted();

        assertThat(releaseCount(jdbc.queryForObject("SELECT id FROM packages", Long.class))).isEqualTo(1000);
        // 1,001 rows in batches of 50 and ids in blocks of 50: about 21 inserts and 21
        // sequence calls.
        assertThat(counted.getInsert()).as("insert statements for 1,001 rows").isLessThanOrEqualTo(25);
        assertThat(counted.getTotal()).as("statements in all for 1,001 rows").isLessThan(60);
    }

    @Test
    void theDatabaseRejectsASecondReleaseWithTheSameVersion() {
        long packageId = persistPackageWithReleases("django", "5.0");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            entityManager.find(Package.class, packageId).addRelease(new Release("5.0"));
            entityManager.flush();
        })).hasMessageContaining("releases_package_id_version_key");
    }

    private long persistPackageWithReleases(String name, String... versions) {
        return tx.execute(s -> {
            Package pkg = new Package(name);
            for (String version : versions) {
                pkg.addRelease(new Release(version));
            }
            entityManager.persist(pkg);
            return pkg.getId();
        });
    }

    private long releaseCount(long packageId) {
        return jdbc.queryForObject("SELECT count(*) FROM releases WHERE package_id = ?", Long.class, packageId);
    }

}
