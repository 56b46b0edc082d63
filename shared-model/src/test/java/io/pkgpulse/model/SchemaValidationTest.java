package io.pkgpulse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

import io.pkgpulse.testsupport.TestDatabase;
import io.pkgpulse.testsupport.TestPostgres;

/** Flyway creates the schema and Hibernate checks it against the entities at start-up. */
@ModelIntegrationTest
class SchemaValidationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theMigratedSchemaMatchesTheEntities() {
        // The shared context started with ddl-auto=validate, so Hibernate found no
        // difference; Flyway ran first.
        assertThat(jdbc.queryForObject("SELECT max(version) FROM flyway_schema_history", String.class)).isNotNull();
        assertThat(jdbc.queryForObject("SHOW server_version", String.class)).isNotBlank();
    }

    @Test
    void aSchemaThatDiffersFromTheEntitiesStopsTheApplicationAtStartUp() throws Exception {
        TestDatabase database = TestPostgres.newDatabase();
        Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password()).load().migrate();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE releases DROP COLUMN comment");
        }

        SpringApplicationBuilder app = new SpringApplicationBuilder(ModelTestApplication.class).properties(
                Map.of("spring.datasource.url", database.jdbcUrl(), "spring.datasource.username", database.username(),
                        "spring.datasource.password", database.password(), "spring.main.banner-mode", "off"));

        assertThatThrownBy(app::run).rootCause()
            .isInstanceOf(SchemaManagementException.class)
            .hasMessageContaining("missing column [comment]");
    }

}
