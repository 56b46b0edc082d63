package io.pkgpulse.model.rollups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.pkgpulse.model.ModelIntegrationTest;
import io.pkgpulse.model.Tables;

/**
 * The category rollup entities read the dimension codes the worker writes; the codes are
 * fixed and documented.
 */
@ModelIntegrationTest
class CategoryRollupsTest {

    static final LocalDate DAY = LocalDate.parse("2026-11-20");

    @Autowired
    EntityManager entityManager;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void empty() {
        Tables.truncateAll(jdbc);
    }

    @Test
    void theEntitiesReadAndFilterByDimension() {
        // Codes 2 (python_minor), 3 (system) and 7 (ci).
        jdbc.update(
                "INSERT INTO daily_category_downloads VALUES (7, 2, ?, '3.12', false, 5),"
                        + " (7, 2, ?, '3.11', false, 3), (7, 3, ?, 'Linux', false, 8), (8, 2, ?, '3.12', true, 1)",
                DAY, DAY, DAY, DAY);
        jdbc.update("INSERT INTO daily_total_category_downloads VALUES (2, ?, '3.12', false, 5),"
                + " (7, ?, 'true', false, 2)", DAY, DAY);

        tx.executeWithoutResult(s -> {
            assertThat(entityManager.createQuery("""
                    FROM DailyCategoryDownloads c WHERE c.key.packageId = 7 AND c.key.dimension = :dimension
                    ORDER BY c.key.category""", DailyCategoryDownloads.class)
                .setParameter("dimension", Dimension.PYTHON_MINOR)
                .getResultList()).extracting(DailyCategoryDownloads::getKey, DailyCategoryDownloads::getDownloads)
                .containsExactly(
                        tuple(new DailyCategoryDownloads.Key(7, Dimension.PYTHON_MINOR, DAY, "3.11", false), 3L),
                        tuple(new DailyCategoryDownloads.Key(7, Dimension.PYTHON_MINOR, DAY, "3.12", false), 5L));
            assertThat(entityManager
                .find(DailyTotalCategoryDownloads.class,
                        new DailyTotalCategoryDownloads.Key(Dimension.CI, DAY, "true", false))
                .getDownloads()).isEqualTo(2);
        });
    }

    /**
     * Stored rows hold these numbers: changing one would silently move counts to another
     * dimension.
     */
    @Test
    void theCodesAreTheDocumentedOnesAndUnique() {
        assertThat(Arrays.stream(Dimension.values()).map(d -> d.code() + " " + d.pypiName())).containsExactly(
                "1 python_major", "2 python_minor", "3 system", "4 installer", "5 country", "6 file_type", "7 ci");
        assertThat(new HashSet<>(Arrays.stream(Dimension.values()).map(Dimension::code).toList()))
            .hasSize(Dimension.values().length);
        for (Dimension dimension : Dimension.values()) {
            assertThat(Dimension.fromCode(dimension.code())).contains(dimension);
            assertThat(Dimension.fromPypiName(dimension.pypiName())).contains(dimension);
        }
        assertThat(Dimension.fromCode(0)).isEmpty();
        assertThat(Dimension.fromCode(8)).isEmpty();
        assertThat(Dimension.fromCode(-1)).isEmpty();
        assertThatThrownBy(() -> new Dimension.DatabaseConverter().convertToEntityAttribute((short) 9))
            .hasMessageContaining("Unknown dimension code in the database: 9");
    }

}
