package io.pkgpulse.model.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import io.pkgpulse.model.ModelIntegrationTest;
import io.pkgpulse.model.Tables;

@ModelIntegrationTest
class ApiKeyTest {

    @Autowired
    ApiKeyRepository apiKeys;

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    EntityManager entityManager;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    User ada;

    @BeforeEach
    void anAccount() {
        Tables.truncateAll(jdbc);
        ada = users.saveAndFlush(new User("Ada", "ada@example.org", "correct horse battery", passwordEncoder));
    }

    @Test
    void aKeyIsPkpAnd32RandomBytesInBase64urlAndOnlyItsSha256IsStored() {
        NewApiKey created = tx.execute(s -> {
            NewApiKey key = ApiKey.generate(entityManager.find(User.class, ada.getId()), "CI");
            entityManager.persist(key.apiKey());
            return key;
        });

        assertThat(created.key()).matches("pkp_[A-Za-z0-9_-]{43}").hasSize(ApiKey.KEY_LENGTH);
        assertThat(ApiKey.isWellFormed(created.key())).isTrue();
        var row = jdbc
            .queryForMap("SELECT name, prefix, key_sha256, created_at, last_used_at, revoked_at FROM api_keys");
        assertThat(row.get("name")).isEqualTo("CI");
        assertThat(row.get("prefix")).isEqualTo(created.key().substring(0, 12));
        assertThat((byte[]) row.get("key_sha256")).isEqualTo(ApiKey.sha256(created.key())).hasSize(32);
        assertThat(row.get("created_at")).isNotNull();
        assertThat(row.get("last_used_at")).isNull();
        assertThat(row.get("revoked_at")).isNull();
        String everyColumn = jdbc.queryForObject("SELECT api_keys::text FROM api_keys", String.class);
        assertThat(everyColumn).doesNotContain(created.key()).doesNotContain(created.key().substring(12));
        assertThat(created.toString()).doesNotContain(created.key());
        assertThat(created.apiKey().toString()).doesNotContain(created.key());
    }

    @Test
    void keysAreDifferentEveryTime() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            keys.add(ApiKey.generate(ada, "k").key());
        }
        assertThat(keys).hasSize(1000);
    }

    @Test
    void aKeyIsFoundByItsPrefixWithItsUserAndMatchedByItsHash() {
        NewApiKey created = persistKey("laptop");

        var found = apiKeys.findActiveByPrefix(ApiKey.prefixOf(created.key()));

        assertThat(found).singleElement().satisfies(key -> {
            assertThat(key.hashMatches(ApiKey.sha256(created.key()))).isTrue();
            assertThat(key.hashMatches(ApiKey.sha256(created.key() + "x"))).isFalse();
            assertThat(key.getUser().getEmail()).isEqualTo("ada@example.org");
        });
        assertThat(apiKeys.findByUserId(ada.getId())).hasSize(1);
        assertThat(apiKeys.countActiveByUserId(ada.getId())).isEqualTo(1);
    }

    @Test
    void aRevokedKeyIsNotFoundForAuthentication() {
        NewApiKey created = persistKey("laptop");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        tx.executeWithoutResult(s -> apiKeys.findById(created.apiKey().getId()).orElseThrow().revoke(now));

        assertThat(apiKeys.findActiveByPrefix(ApiKey.prefixOf(created.key()))).isEmpty();
        assertThat(apiKeys.findById(created.apiKey().getId()).orElseThrow().getRevokedAt()).isEqualTo(now);
        assertThat(apiKeys.countActiveByUserId(ada.getId())).isZero();
    }

    @Test
    void lastUseIsWrittenAtMostOncePerInterval() {
        long id = persistKey("laptop").apiKey().getId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        assertThat(apiKeys.touch(id, now, now.minus(Duration.ofMinutes(1)))).isEqualTo(1);
        assertThat(apiKeys.touch(id, now.plusSeconds(30), now.plusSeconds(30).minus(Duration.ofMinutes(1)))).isZero();
        assertThat(apiKeys.touch(id, now.plusSeconds(61), now.plusSeconds(61).minus(Duration.ofMinutes(1))))
            .isEqualTo(1);
        assertThat(apiKeys.findById(id).orElseThrow().getLastUsedAt()).isEqualTo(now.plusSeconds(61));
    }

    @Test
    void theDatabaseRejectsTwoKeysWithTheSameHashAndHashesOfTheWrongLength() {
        NewApiKey created = persistKey("laptop");

        assertThatThrownBy(() -> jdbc.update("""
                INSERT INTO api_keys (id, user_id, name, prefix, key_sha256)
                VALUES (nextval('api_keys_seq'), ?, 'copy', ?, ?)""", ada.getId(), "pkp_whatever",
                ApiKey.sha256(created.key())))
            .hasMessageContaining("api_keys_key_sha256_key");
        assertThatThrownBy(() -> jdbc.update("""
                INSERT INTO api_keys (id, user_id, name, prefix, key_sha256)
                VALUES (nextval('api_keys_seq'), ?, 'short', 'pkp_x', '\\x0102'::bytea)""", ada.getId()))
            .hasMessageContaining("api_keys_key_sha256_check");
    }

    @Test
    void keysGoWithTheirUserThroughJpa() {
        persistKey("one");
        persistKey("two");

        tx.executeWithoutResult(s -> {
            User user = entityManager.find(User.class, ada.getId());
            assertThat(user.getApiKeys()).extracting(ApiKey::getName).containsExactly("one", "two");
            entityManager.remove(user);
        });

        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_keys", Long.class)).isZero();
    }

    @Test
    void keysGoWithTheirUserInSql() {
        persistKey("one");

        jdbc.update("DELETE FROM users WHERE id = ?", ada.getId());

        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_keys", Long.class)).isZero();
    }

    @Test
    void malformedKeysAreRecognisedWithoutTheDatabase() {
        String good = ApiKey.generate(ada, "k").key();
        assertThat(ApiKey.isWellFormed(good)).isTrue();
        assertThat(ApiKey.isWellFormed(null)).isFalse();
        assertThat(ApiKey.isWellFormed("")).isFalse();
        assertThat(ApiKey.isWellFormed(good + "A")).isFalse();
        assertThat(ApiKey.isWellFormed("xyz_" + good.substring(4))).isFalse();
        assertThat(ApiKey.isWellFormed(good.substring(0, 20) + "'" + good.substring(21))).isFalse();
        assertThat(ApiKey.isWellFormed("pkp_" + "=".repeat(43))).isFalse();
    }

    private NewApiKey persistKey(String name) {
        return tx.execute(s -> {
            NewApiKey key = ApiKey.generate(entityManager.find(User.class, ada.getId()), name);
            entityManager.persist(key.apiKey());
            return key;
        });
    }

}
