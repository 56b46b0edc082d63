package io.pkgpulse.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.pkgpulse.ingest.IngestDatabase;
import io.pkgpulse.ingest.IngestProperties;
import io.pkgpulse.model.downloads.ClientProfile;
import io.pkgpulse.testsupport.TestDatabase;
import io.pkgpulse.testsupport.TestPostgres;

/**
 * Each distinct client is stored once and its id remembered, in a cache that a flood of
 * new agents cannot grow.
 */
class ClientProfileIdsTest {

    final IngestDatabase database = new IngestDatabase();

    @BeforeEach
    void noProfiles() {
        database.truncate();
    }

    @Test
    void aFloodOfDistinctAgentsIsStoredWhileTheCacheStaysBounded() {
        ClientProfileIds profiles = profileIds(50);
        List<ClientProfile.Fields> clients = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            clients.add(agent("scanner/" + i));
        }

        Map<ClientProfile.Fields, Integer> ids = new java.util.HashMap<>();
        for (int from = 0; from < clients.size(); from += 200) {
            ids.putAll(profiles.idsOf(clients.subList(from, from + 200)));
            assertThat(profiles.cached()).isLessThanOrEqualTo(50);
        }

        assertThat(new HashSet<>(ids.values())).hasSize(2_000);
        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM client_profiles", Long.class)).isEqualTo(2_000);
        // Evicted ones are found again, under the same id.
        assertThat(profiles.idsOf(clients.subList(0, 10))).isEqualTo(Map
            .copyOf(clients.subList(0, 10).stream().collect(java.util.stream.Collectors.toMap(c -> c, ids::get))));
    }

    @Test
    void theSameClientSeenByTwoWorkersIsOneProfileAndAClientThatSaidNothingHasNone() {
        ClientProfile.Fields pip = new ClientProfile.Fields("pip", "24.0", "3.12.2", "CPython", "3.12.2", "Linux",
                "6.1", "Ubuntu", "24.04", "noble", "glibc", "2.39", "x86_64", false, "pip/24.0 {...}");
        ClientProfile.Fields nothing = new ClientProfile.Fields(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);

        Integer first = profileIds(10).idsOf(List.of(pip, nothing)).get(pip);
        Map<ClientProfile.Fields, Integer> second = profileIds(10).idsOf(List.of(pip, nothing));

        assertThat(second).containsOnlyKeys(pip).containsEntry(pip, first);
        assertThat(database.jdbc().queryForList("""
                SELECT installer_name || ' ' || distro_id || ' ' || libc_version || ' ' || ci || ' ' || user_agent
                FROM client_profiles""", String.class)).containsExactly("pip noble 2.39 false pip/24.0 {...}");
    }

    private static ClientProfile.Fields agent(String agent) {
        return new ClientProfile.Fields(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, agent);
    }

    private static ClientProfileIds profileIds(int cacheSize) {
        TestDatabase db = TestPostgres.database();
        IngestProperties properties = new Binder(new MapConfigurationPropertySource(
                Map.of("pkgpulse.ingest.cache.client-profiles", Integer.toString(cacheSize))))
            .bindOrCreate("pkgpulse.ingest", IngestProperties.class);
        return new ClientProfileIds(
                new JdbcTemplate(new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password())), properties);
    }

}
