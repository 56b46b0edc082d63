package io.pkgpulse.model.rollups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.pkgpulse.model.ModelIntegrationTest;
import io.pkgpulse.model.Tables;
import io.pkgpulse.testsupport.TestPostgres;

/**
 * The hourly rollup entities read what the worker writes, and an hour is a UTC hour
 * whatever the session's zone.
 */
@ModelIntegrationTest
class HourlyRollupsTest {

    static final Instant TEN = Instant.parse("2026-11-20T10:00:00Z");
    static final Instant ELEVEN = TEN.plus(Duration.ofHours(1));

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
    void theEntitiesReadRowsByPackageReleaseAndUtcHour() {
        jdbc.update(
                "INSERT INTO hourly_downloads VALUES (7, ?::timestamptz, false, 5), (7, ?::timestamptz, true, 2),"
                        + " (7, ?::timestamptz, false, 1), (8, ?::timestamptz, false, 9)",
                TEN.toString(), TEN.toString(), ELEVEN.toString(), TEN.toString());
        jdbc.update("INSERT INTO hourly_release_downloads VALUES (7, ?::timestamptz, 70, false, 4),"
                + " (7, ?::timestamptz, 71, false, 1)", TEN.toString(), TEN.toString());
        jdbc.update("INSERT INTO hourly_total_downloads VALUES (?::timestamptz, false, 15), (?::timestamptz, true, 2)",
                TEN.toString(), TEN.toString());

        tx.executeWithoutResult(s -> {
            assertThat(entityManager.createQuery("""
                    FROM HourlyDownloads h WHERE h.key.packageId = 7 AND h.key.hour >= :from
                    ORDER BY h.key.hour, h.key.mirror""", HourlyDownloads.class)
                .setParameter("from", TEN)
                .getResultList()).extracting(HourlyDownloads::getKey, HourlyDownloads::getDownloads)
                .containsExactly(tuple(new HourlyDownloads.Key(7, TEN, false), 5L),
                        tuple(new HourlyDownloads.Key(7, TEN, true), 2L),
                        tuple(new HourlyDownloads.Key(7, ELEVEN, false), 1L));
            assertThat(entityManager
                .createQuery("FROM HourlyReleaseDownloads r ORDER BY r.key.releaseId", HourlyReleaseDownloads.class)
                .getResultList()).extracting(HourlyReleaseDownloads::getKey, HourlyReleaseDownloads::getDownloads)
                .containsExactly(tuple(new HourlyReleaseDownloads.Key(7, TEN, 70, false), 4L),
                        tuple(new HourlyReleaseDownloads.Key(7, TEN, 71, false), 1L));
            assertThat(entityManager.find(HourlyTotalDownloads.class, new HourlyTotalDownloads.Key(TEN, false))
                .getDownloads()).isEqualTo(15);
        });
    }

    @Test
    void anHourIsTheStartOfAUtcHourEvenInAHalfHourTimeZone() throws SQLException {
        Instant halfPast = TEN.plus(Duration.ofMinutes(30));
        try (Connection connection = TestPostgres.database().connect()) {
            try (Statement statement = connection.createStatement()) {
                // 10:00 UTC is 15:30 here, and 10:30 UTC is 16:00: a check truncating in
                // this zone gets both wrong.
                statement.execute("SET TimeZone = 'Asia/Kolkata'");
            }
            for (String table : new String[] { "hourly_downloads", "hourly_release_downloads",
                    "hourly_total_downloads" }) {
                insertHour(connection, table, TEN);
                assertThatThrownBy(() -> insertHour(connection, table, halfPast)).as(table)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining(table + "_hour_check");
            }
        }
        assertThat(jdbc.queryForList("SELECT hour FROM hourly_downloads", Instant.class)).containsExactly(TEN);
    }

    private static void insertHour(Connection connection, String table, Instant hour) throws SQLException {
        String sql = switch (table) {
            case "hourly_downloads" -> "INSERT INTO hourly_downloads VALUES (1, ?::timestamptz, false, 1)";
            case "hourly_release_downloads" ->
                "INSERT INTO hourly_release_downloads VALUES (1, ?::timestamptz, 2, false, 1)";
            default -> "INSERT INTO hourly_total_downloads VALUES (?::timestamptz, false, 1)";
        };
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, hour.toString());
            statement.executeUpdate();
        }
    }

}
