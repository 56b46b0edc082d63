package io.pkgpulse.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.pkgpulse.model.ModelIntegrationTest;
import io.pkgpulse.model.Tables;

@ModelIntegrationTest
class LicenseTest {

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
    void settingALicenseSetsBothSidesAndIsKeyedByItsShortName() {
        tx.executeWithoutResult(s -> {
            License mit = new License("MIT", "MIT License");
            License apache = new License("Apache-2.0", "Apache License 2.0");
            entityManager.persist(mit);
            entityManager.persist(apache);
            Package pkg = new Package("attrs");
            pkg.setLicense(mit);
            assertThat(mit.getPackages()).containsExactly(pkg);

            pkg.setLicense(apache);
            assertThat(mit.getPackages()).isEmpty();
            assertThat(apache.getPackages()).containsExactly(pkg);
            entityManager.persist(pkg);
        });

        assertThat(jdbc.queryForObject("SELECT license_short_name FROM packages", String.class))
            .isEqualTo("Apache-2.0");
        tx.executeWithoutResult(s -> assertThat(entityManager.find(License.class, "Apache-2.0").getPackages())
            .extracting(Package::getNormalizedName)
            .containsExactly("attrs"));
    }

}
