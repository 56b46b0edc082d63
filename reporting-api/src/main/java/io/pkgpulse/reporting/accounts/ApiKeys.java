package io.pkgpulse.reporting.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.pkgpulse.model.accounts.ApiKey;
import io.pkgpulse.model.accounts.ApiKeyRepository;
import io.pkgpulse.model.accounts.NewApiKey;
import io.pkgpulse.model.accounts.User;
import io.pkgpulse.model.accounts.UserRepository;
import io.pkgpulse.reporting.problems.ApiProblem;
import io.pkgpulse.reporting.security.AccountPrincipal;
import io.pkgpulse.reporting.security.AccountsProperties;
import io.pkgpulse.reporting.security.ApiKeyAuthenticator;

/**
 * A user's API keys: created (shown once), listed without the key, revoked; and
 * {@code X-API-Key} authentication.
 */
@Service
class ApiKeys implements ApiKeyAuthenticator {

    static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    private final ApiKeyRepository repository;

    private final UserRepository users;

    private final Clock clock;

    private final AccountsProperties properties;

    /**
     * Keys whose last use this process recorded in the past minute: no statement at all
     * for those.
     */
    private final Cache<Long, Boolean> recentlyTouched = Caffeine.newBuilder()
        .maximumSize(100_000)
        .expireAfterWrite(LAST_USE_PRECISION)
        .build();

    ApiKeys(ApiKeyRepository repository, UserRepository users, Clock clock, AccountsProperties properties) {
        this.repository = repository;
        this.users = users;
        this.clock = clock;
        this.properties = properties;
    }

    @Transactional
    CreatedApiKey create(AccountPrincipal principal, String name) {
        if (principal.viaApiKey()) {
            throw ApiProblem.sessionRequired();
        }
        if (repository.countActiveByUserId(principal.userId()) >= properties.maxApiKeysPerUser()) {
            throw ApiProblem.tooManyApiKeys(properties.maxApiKeysPerUser());
        }
        NewApiKey created = ApiKey.generate(users.getReferenceById(principal.userId()), name.trim());
        repository.saveAndFlush(created.apiKey());
        ApiKey key = created.apiKey();
        return new CreatedApiKey(key.getId(), key.getName(), key.getPrefix(), created.key());
    }

    @Transactional(readOnly = true)
    List<ApiKeyView> list(long userId) {
        return repository.findByUserId(userId).stream().map(ApiKeyView::of).toList();
    }

    /**
     * Revokes one of the user's keys; another user's key is answered like one that does
     * not exist.
     */
    @Transactional
    void revoke(long userId, long keyId) {
        ApiKey key = repository.findByIdAndUserId(keyId, userId).orElseThrow(ApiProblem::unknownApiKey);
        key.revoke(clock.instant());
    }

    /**
     * The caller a key authenticates: found by its prefix, then compared by hash in
     * constant time. Malformed, unknown and revoked keys are all empty. Records the key's
     * last use at most once a minute.
     */
    @Override
    public Optional<AccountPrincipal> authenticate(String key) {
        if (!ApiKey.isWellFormed(key)) {
            return Optional.empty();
        }
        byte[] hash = ApiKey.sha256(key);
        for (ApiKey candidate : repository.findActiveByPrefix(ApiKey.prefixOf(key))) {
            if (candidate.hashMatches(hash)) {
                touch(candidate.getId());
                User user = candidate.getUser();
                return Optional.of(new AccountPrincipal(user.getId(), user.getEmail(), true));
            }
        }
        return Optional.empty();
    }

    private void touch(long keyId) {
        if (recentlyTouched.asMap().putIfAbsent(keyId, Boolean.TRUE) == null) {
            Instant now = clock.instant();
            repository.touch(keyId, now, now.minus(LAST_USE_PRECISION));
        }
    }

    /**
     * The answer to creating a key: the only time the key itself is shown. Never printed
     * by toString.
     */
    record CreatedApiKey(long id, String name, String prefix, String key) {

        @Override
        public String toString() {
            return "CreatedApiKey[id=" + id + ", prefix=" + prefix + "]";
        }
    }

    /** A key as listed: never the key, only its prefix. */
    record ApiKeyView(long id, String name, String prefix, @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("last_used_at") Instant lastUsedAt, @JsonProperty("revoked_at") Instant revokedAt) {

        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(key.getId(), key.getName(), key.getPrefix(), key.getCreatedAt(), key.getLastUsedAt(),
                    key.getRevokedAt());
        }
    }

}
