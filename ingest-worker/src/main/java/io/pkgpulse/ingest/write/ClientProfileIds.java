package io.pkgpulse.ingest.write;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.pkgpulse.ingest.IngestProperties;
import io.pkgpulse.model.downloads.ClientProfile;

/**
 * Ids of client profiles ({@code client_profiles}, unique by the SHA-256 of their
 * fields), registered on first sight with insert-if-absent, committed on their own, and
 * kept in a bounded cache keyed by the fields. Profiles never change or disappear, so a
 * cached id stays right, and a flood of distinct agents only evicts older entries.
 */
@Component
class ClientProfileIds {

    private static final String INSERT = """
            INSERT INTO client_profiles (id, sha256, installer_name, installer_version, python_version,
                implementation_name, implementation_version, system_name, system_release, distro_name, distro_version,
                distro_id, libc_lib, libc_version, cpu, ci, user_agent)
            SELECT nextval('client_profiles_seq'), t.* FROM unnest(?::bytea[], ?::text[], ?::text[], ?::text[],
                ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                ?::text[], ?::boolean[], ?::text[]) AS t(sha256)
            WHERE NOT EXISTS (SELECT 1 FROM client_profiles p WHERE p.sha256 = t.sha256)
            ON CONFLICT (sha256) DO NOTHING""";

    /** The text fields between the hash and {@code ci}, in the INSERT's column order. */
    private static final List<Function<ClientProfile.Fields, String>> TEXT_COLUMNS = List.of(
            ClientProfile.Fields::installerName, ClientProfile.Fields::installerVersion,
            ClientProfile.Fields::pythonVersion, ClientProfile.Fields::implementationName,
            ClientProfile.Fields::implementationVersion, ClientProfile.Fields::systemName,
            ClientProfile.Fields::systemRelease, ClientProfile.Fields::distroName, ClientProfile.Fields::distroVersion,
            ClientProfile.Fields::distroId, ClientProfile.Fields::libcLib, ClientProfile.Fields::libcVersion,
            ClientProfile.Fields::cpu);

    private final JdbcTemplate jdbc;

    private final Cache<ClientProfile.Fields, Integer> ids;

    ClientProfileIds(JdbcTemplate jdbc, IngestProperties properties) {
        this.jdbc = jdbc;
        this.ids = Caffeine.newBuilder().maximumSize(properties.cache().clientProfiles()).build();
    }

    /**
     * The id of every profile in {@code clients}, registering the new ones. An empty
     * profile has none.
     */
    Map<ClientProfile.Fields, Integer> idsOf(Collection<ClientProfile.Fields> clients) {
        Map<ClientProfile.Fields, Integer> found = new HashMap<>();
        TreeMap<ByteBuffer, ClientProfile.Fields> missing = new TreeMap<>(); // by hash:
                                                                             // workers
                                                                             // insert in
                                                                             // one order
        for (ClientProfile.Fields client : clients) {
            if (client.isEmpty()) {
                continue;
            }
            Integer id = ids.getIfPresent(client);
            if (id != null) {
                found.put(client, id);
            }
            else {
                missing.put(ByteBuffer.wrap(client.sha256()), client);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        byte[][] hashes = missing.keySet().stream().map(ByteBuffer::array).toArray(byte[][]::new);
        jdbc.update(con -> {
            var statement = con.prepareStatement(INSERT);
            List<ClientProfile.Fields> rows = new ArrayList<>(missing.values());
            int parameter = 1;
            statement.setArray(parameter++, con.createArrayOf("bytea", hashes));
            for (Function<ClientProfile.Fields, String> text : TEXT_COLUMNS) {
                statement.setArray(parameter++, con.createArrayOf("text", column(rows, text)));
            }
            Boolean[] ci = rows.stream().map(ClientProfile.Fields::ci).toArray(Boolean[]::new);
            statement.setArray(parameter++, con.createArrayOf("boolean", ci));
            statement.setArray(parameter, con.createArrayOf("text", column(rows, ClientProfile.Fields::userAgent)));
            return statement;
        });
        jdbc.query(con -> {
            var statement = con.prepareStatement("""
                    SELECT p.sha256, p.id FROM unnest(?::bytea[]) AS k(sha256)
                    JOIN client_profiles p ON p.sha256 = k.sha256""");
            statement.setArray(1, con.createArrayOf("bytea", hashes));
            return statement;
        }, row -> {
            ClientProfile.Fields client = missing.get(ByteBuffer.wrap(row.getBytes(1)));
            int id = row.getInt(2);
            ids.put(client, id);
            found.put(client, id);
        });
        return found;
    }

    /**
     * How many ids are cached: bounded by {@code pkgpulse.ingest.cache.client-profiles}.
     */
    long cached() {
        ids.cleanUp();
        return ids.estimatedSize();
    }

    private static String[] column(List<ClientProfile.Fields> rows, Function<ClientProfile.Fields, String> field) {
        return rows.stream().map(field).toArray(String[]::new);
    }

}
