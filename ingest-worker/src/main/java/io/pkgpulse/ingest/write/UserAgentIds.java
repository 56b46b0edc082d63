package io.pkgpulse.ingest.write;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.pkgpulse.ingest.IngestProperties;
import io.pkgpulse.model.downloads.UserAgent;

/**
 * Ids of distinct raw user agents ({@code user_agents}, unique by SHA-256), registered on first sight with
 * insert-if-absent and kept in a bounded cache keyed by the agent text.
 */
@Component
public class UserAgentIds {

    private final JdbcTemplate jdbc;
    private final Cache<String, Long> ids;

    UserAgentIds(JdbcTemplate jdbc, IngestProperties properties) {
        this.jdbc = jdbc;
        this.ids = Caffeine.newBuilder().maximumSize(properties.cache().userAgents()).build();
    }

    /** The id of every agent in {@code agents}, registering the new ones. */
    public Map<String, Long> idsOf(Collection<String> agents) {
        Map<String, Long> found = new HashMap<>();
        TreeMap<ByteBuffer, String> missing = new TreeMap<>(); // by hash: concurrent workers insert in one order
        for (String agent : agents) {
            Long id = ids.getIfPresent(agent);
            if (id != null) {
                found.put(agent, id);
            }
            else {
                missing.put(ByteBuffer.wrap(UserAgent.sha256(agent)), agent);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        List<byte[]> hashes = new ArrayList<>();
        missing.keySet().forEach(hash -> hashes.add(hash.array()));
        jdbc.update(con -> {
            var statement = con.prepareStatement("""
                    INSERT INTO user_agents (id, sha256, raw)
                    SELECT nextval('user_agents_seq'), t.sha256, t.raw FROM unnest(?::bytea[], ?::text[]) AS t(sha256, raw)
                    ON CONFLICT (sha256) DO NOTHING""");
            statement.setArray(1, con.createArrayOf("bytea", hashes.toArray(new byte[0][])));
            statement.setArray(2, con.createArrayOf("text", missing.values().toArray()));
            return statement;
        });
        jdbc.query(con -> {
            var statement = con.prepareStatement("""
                    SELECT u.sha256, u.id FROM unnest(?::bytea[]) AS k(sha256) JOIN user_agents u ON u.sha256 = k.sha256""");
            statement.setArray(1, con.createArrayOf("bytea", hashes.toArray(new byte[0][])));
            return statement;
        }, row -> {
            String agent = missing.get(ByteBuffer.wrap(row.getBytes(1)));
            long id = row.getLong(2);
            ids.put(agent, id);
            found.put(agent, id);
        });
        return found;
    }
}
