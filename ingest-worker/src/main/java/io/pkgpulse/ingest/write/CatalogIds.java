package io.pkgpulse.ingest.write;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.pkgpulse.ingest.IngestProperties;
import io.pkgpulse.model.catalog.Pep440Version;

/**
 * Package and release ids by name, from bounded in-memory caches so the hot path does not
 * query per event. Unknown ones are looked up in bulk and, when asked, registered with
 * insert-if-absent statements, each committed on its own: a concurrent worker registering
 * the same package waits for the first insert and then finds it, so there is always one
 * row.
 */
@Component
class CatalogIds {

    private final JdbcTemplate jdbc;

    private final Cache<String, Long> packages;

    private final Cache<ReleaseKey, Long> releases;

    CatalogIds(JdbcTemplate jdbc, IngestProperties properties) {
        this.jdbc = jdbc;
        this.packages = Caffeine.newBuilder().maximumSize(properties.cache().packages()).build();
        this.releases = Caffeine.newBuilder().maximumSize(properties.cache().releases()).build();
    }

    /**
     * A release of a package, by the package's id and the version string as published.
     */
    record ReleaseKey(long packageId, String version) {
    }

    /**
     * Package ids of normalised names. Missing ones are registered (with the spelling
     * given) when {@code register} is set; otherwise they are absent from the result.
     * @param names normalised name to the spelling to register it under
     */
    Map<String, Long> packageIds(Map<String, String> names, boolean register) {
        Map<String, Long> ids = new HashMap<>();
        List<String> missing = new ArrayList<>();
        names.keySet().forEach(name -> {
            Long id = packages.getIfPresent(name);
            if (id != null) {
                ids.put(name, id);
            }
            else {
                missing.add(name);
            }
        });
        if (missing.isEmpty()) {
            return ids;
        }
        findPackages(missing, ids);
        if (register && ids.size() < names.size()) {
            TreeMap<String, String> toInsert = new TreeMap<>(); // sorted: concurrent
                                                                // workers lock in one
                                                                // order
            names.forEach((name, spelling) -> {
                if (!ids.containsKey(name)) {
                    toInsert.put(name, spelling);
                }
            });
            jdbc.update(con -> {
                var statement = con.prepareStatement(
                        """
                                INSERT INTO packages (id, name, normalized_name)
                                SELECT nextval('packages_seq'), spelling, name FROM unnest(?::text[], ?::text[]) AS t(name, spelling)
                                ON CONFLICT (normalized_name) DO NOTHING""");
                statement.setArray(1, con.createArrayOf("text", toInsert.keySet().toArray()));
                statement.setArray(2, con.createArrayOf("text", toInsert.values().toArray()));
                return statement;
            });
            findPackages(new ArrayList<>(toInsert.keySet()), ids);
        }
        return ids;
    }

    /**
     * Release ids. Missing ones are registered (version parsed as PEP 440) when
     * {@code register} is set; otherwise they are absent from the result.
     */
    Map<ReleaseKey, Long> releaseIds(Set<ReleaseKey> keys, boolean register) {
        Map<ReleaseKey, Long> ids = new HashMap<>();
        List<ReleaseKey> missing = new ArrayList<>();
        keys.forEach(key -> {
            Long id = releases.getIfPresent(key);
            if (id != null) {
                ids.put(key, id);
            }
            else {
                missing.add(key);
            }
        });
        if (missing.isEmpty()) {
            return ids;
        }
        findReleases(missing, ids);
        if (register && ids.size() < keys.size()) {
            TreeSet<ReleaseKey> toInsert = new TreeSet<>(
                    Comparator.comparingLong(ReleaseKey::packageId).thenComparing(ReleaseKey::version));
            keys.stream().filter(key -> !ids.containsKey(key)).forEach(toInsert::add);
            try {
                insertReleases(toInsert);
            }
            catch (DataIntegrityViolationException ex) {
                // A package deleted between the check in the insert and the insert
                // itself.
                forgetVanished(toInsert);
                throw ex;
            }
            findReleases(new ArrayList<>(toInsert), ids);
        }
        if (ids.size() < keys.size()) {
            forgetVanished(keys.stream().filter(key -> !ids.containsKey(key)).toList());
        }
        return ids;
    }

    /**
     * The packages of {@code keys} that no longer exist, deleted after their ids were
     * cached: forgotten, and the batch is refused, so that its retry registers them again
     * instead of dead-lettering their new releases.
     * @throws MissingReferencesException if there are any
     */
    private void forgetVanished(Collection<ReleaseKey> keys) {
        Set<Long> vanished = new TreeSet<>(jdbc.query(con -> {
            var statement = con.prepareStatement("""
                    SELECT k.id FROM unnest(?::bigint[]) AS k(id)
                    WHERE NOT EXISTS (SELECT 1 FROM packages p WHERE p.id = k.id)""");
            statement.setArray(1, longs(con, keys.stream().map(ReleaseKey::packageId).distinct().toList()));
            return statement;
        }, (row, n) -> row.getLong(1)));
        if (!vanished.isEmpty()) {
            forget(vanished, Set.of());
            throw new MissingReferencesException(vanished, Set.of());
        }
    }

    /**
     * Forgets cached ids of deleted packages and releases (and the releases of those
     * packages).
     */
    void forget(Set<Long> packageIds, Set<Long> releaseIds) {
        packages.asMap().values().removeIf(packageIds::contains);
        releases.asMap()
            .entrySet()
            .removeIf(
                    entry -> releaseIds.contains(entry.getValue()) || packageIds.contains(entry.getKey().packageId()));
    }

    private void findPackages(List<String> names, Map<String, Long> into) {
        jdbc.query(con -> {
            // A join with unnest, not "= ANY (array)": with thousands of names the latter
            // filters a sequential scan.
            var statement = con.prepareStatement("""
                    SELECT p.normalized_name, p.id FROM unnest(?::text[]) AS k(name)
                    JOIN packages p ON p.normalized_name = k.name""");
            statement.setArray(1, con.createArrayOf("text", names.toArray()));
            return statement;
        }, row -> {
            String name = row.getString(1);
            long id = row.getLong(2);
            packages.put(name, id);
            into.put(name, id);
        });
    }

    private void findReleases(List<ReleaseKey> keys, Map<ReleaseKey, Long> into) {
        jdbc.query(con -> {
            var statement = con.prepareStatement("""
                    SELECT r.package_id, r.version, r.id FROM releases r
                    JOIN unnest(?::bigint[], ?::text[]) AS k(package_id, version)
                      ON r.package_id = k.package_id AND r.version = k.version""");
            statement.setArray(1, longs(con, keys.stream().map(ReleaseKey::packageId).toList()));
            statement.setArray(2, con.createArrayOf("text", keys.stream().map(ReleaseKey::version).toArray()));
            return statement;
        }, row -> {
            ReleaseKey key = new ReleaseKey(row.getLong(1), row.getString(2));
            long id = row.getLong(3);
            releases.put(key, id);
            into.put(key, id);
        });
    }

    private void insertReleases(Collection<ReleaseKey> keys) {
        int n = keys.size();
        Long[] packageIds = new Long[n];
        String[] versions = new String[n];
        Integer[] majors = new Integer[n];
        Integer[] minors = new Integer[n];
        Integer[] micros = new Integer[n];
        String[] sortKeys = new String[n];
        Boolean[] prereleases = new Boolean[n];
        int i = 0;
        for (ReleaseKey key : keys) {
            Pep440Version order = Pep440Version.orderOf(key.version());
            packageIds[i] = key.packageId();
            versions[i] = key.version();
            majors[i] = order.major();
            minors[i] = order.minor();
            micros[i] = order.micro();
            sortKeys[i] = order.sortKey();
            prereleases[i] = order.prerelease();
            i++;
        }
        jdbc.update(con -> {
            var statement = con.prepareStatement(
                    """
                            INSERT INTO releases (id, package_id, version, major, minor, micro, sort_key, prerelease)
                            SELECT nextval('releases_seq'), t.* FROM unnest(?::bigint[], ?::text[], ?::int[], ?::int[], ?::int[],
                                ?::text[], ?::boolean[]) AS t (package_id)
                            WHERE EXISTS (SELECT 1 FROM packages p WHERE p.id = t.package_id)
                            ON CONFLICT (package_id, version) DO NOTHING""");
            statement.setArray(1, con.createArrayOf("bigint", packageIds));
            statement.setArray(2, con.createArrayOf("text", versions));
            statement.setArray(3, con.createArrayOf("integer", majors));
            statement.setArray(4, con.createArrayOf("integer", minors));
            statement.setArray(5, con.createArrayOf("integer", micros));
            statement.setArray(6, con.createArrayOf("text", sortKeys));
            statement.setArray(7, con.createArrayOf("boolean", prereleases));
            return statement;
        });
    }

    private static Array longs(Connection con, List<Long> values) throws SQLException {
        return con.createArrayOf("bigint", values.toArray());
    }

}
