package io.pkgpulse.model.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface ApiKeyRepository extends JpaRepository<ApiKey, Long> {

    /**
     * The keys, not revoked, whose prefix is {@code prefix}, with their users (usually
     * one key; compare the hash to pick the right one). Uses the index on prefix.
     */
    @Query("select k from ApiKey k join fetch k.user where k.prefix = :prefix and k.revokedAt is null")
    List<ApiKey> findActiveByPrefix(String prefix);

    /** A user's keys, revoked ones too, oldest first. */
    @Query("select k from ApiKey k where k.user.id = :userId order by k.id")
    List<ApiKey> findByUserId(long userId);

    /** The key {@code id} if it belongs to {@code userId}. */
    @Query("select k from ApiKey k where k.id = :id and k.user.id = :userId")
    Optional<ApiKey> findByIdAndUserId(long id, long userId);

    @Query("select count(k) from ApiKey k where k.user.id = :userId and k.revokedAt is null")
    long countActiveByUserId(long userId);

    /**
     * Records that key {@code id} was used at {@code now}, unless that was already
     * recorded after {@code since}: at most one write per key and interval, however many
     * processes serve the key.
     * @return 1 if the row was updated
     */
    @Transactional
    @Modifying
    @Query("""
            update ApiKey k set k.lastUsedAt = :now
            where k.id = :id and (k.lastUsedAt is null or k.lastUsedAt < :since)""")
    int touch(long id, Instant now, Instant since);

}
