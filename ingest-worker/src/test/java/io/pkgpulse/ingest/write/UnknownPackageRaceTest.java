package io.pkgpulse.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.pkgpulse.ingest.IngestDatabase;
import io.pkgpulse.ingest.IngestProperties;
import io.pkgpulse.ingest.write.CatalogIds.ReleaseKey;
import io.pkgpulse.testsupport.TestDatabase;
import io.pkgpulse.testsupport.TestPostgres;

/**
 * Several workers meet the same new package and release at the same moment: one row each,
 * one id for all.
 */
class UnknownPackageRaceTest {

    static final int WORKERS = 8;

    final IngestDatabase database = new IngestDatabase();

    @BeforeEach
    void emptyTables() {
        database.truncate();
    }

    @Test
    void workersRegisteringTheSameNewPackageAtOnceCreateOneRow() throws Exception {
        List<CatalogIds> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            workers.add(newWorkerCatalog()); // each with its own connections and caches
        }
        ExecutorService threads = Executors.newFixedThreadPool(WORKERS);
        try {
            for (int round = 0; round < 20; round++) {
                String name = "brand-new-" + round;
                String spelling = "Brand_New-" + round;
                CyclicBarrier together = new CyclicBarrier(WORKERS);
                List<Future<long[]>> ids = new ArrayList<>();
                for (CatalogIds catalog : workers) {
                    ids.add(threads.submit(() -> {
                        together.await();
                        long packageId = catalog.packageIds(Map.of(name, spelling), true).get(name);
                        ReleaseKey release = new ReleaseKey(packageId, "1.0.0");
                        return new long[] { packageId, catalog.releaseIds(Set.of(release), true).get(release) };
                    }));
                }
                List<Long> packageIds = new ArrayList<>();
                List<Long> releaseIds = new ArrayList<>();
                for (Future<long[]> id : ids) {
                    packageIds.add(id.get()[0]);
                    releaseIds.add(id.get()[1]);
                }
                assertThat(packageIds).as("package ids seen by the workers").containsOnly(packageIds.get(0));
                assertThat(releaseIds).as("release ids seen by the workers").containsOnly(releaseIds.get(0));
                assertThat(database.jdbc()
                    .queryForObject("SELECT count(*) FROM packages WHERE normalized_name = ?", Long.class, name))
                    .isEqualTo(1);
                assertThat(database.jdbc()
                    .queryForObject("SELECT count(*) FROM releases WHERE package_id = ?", Long.class,
                            packageIds.get(0)))
                    .isEqualTo(1);
            }
        }
        finally {
            threads.shutdownNow();
        }
    }

    private static CatalogIds newWorkerCatalog() {
        TestDatabase db = TestPostgres.database();
        IngestProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("pkgpulse.ingest", IngestProperties.class);
        return new CatalogIds(new JdbcTemplate(new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password())),
                properties);
    }

}
