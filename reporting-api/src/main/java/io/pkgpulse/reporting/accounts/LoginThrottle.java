package io.pkgpulse.reporting.accounts;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.stereotype.Component;

import io.pkgpulse.reporting.security.AccountsProperties;

/**
 * Limits password guessing: every login attempt takes a token from the e-mail address's
 * bucket and from the client address's bucket
 * ({@code pkgpulse.accounts.login-failures-per-email} and {@code -per-address} per
 * {@code login-failure-window}, refilled continuously); a successful login gives them
 * back and clears the e-mail address's count, so only failures add up. While either
 * bucket is empty, login answers 429 without checking the password. Also limits how many
 * reset e-mails one address receives. Counts live in this process's memory.
 */
@Component
class LoginThrottle {

    private final AccountsProperties properties;

    private final Cache<String, Bucket> buckets;

    LoginThrottle(AccountsProperties properties) {
        this.properties = properties;
        Duration longest = properties.loginFailureWindow().compareTo(Duration.ofHours(1)) > 0
                ? properties.loginFailureWindow() : Duration.ofHours(1);
        this.buckets = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(longest).build();
    }

    /**
     * Counts an attempt; empty if it may go ahead, else how long until the next attempt
     * may.
     */
    Optional<Duration> tryAttempt(String email, String clientAddress) {
        Bucket byEmail = byEmail(email);
        ConsumptionProbe probe = byEmail.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
        ConsumptionProbe byAddress = byAddress(clientAddress).tryConsumeAndReturnRemaining(1);
        if (!byAddress.isConsumed()) {
            byEmail.addTokens(1);
            return Optional.of(Duration.ofNanos(byAddress.getNanosToWaitForRefill()));
        }
        return Optional.empty();
    }

    /**
     * A successful login: its attempt does not count, and the account's earlier failures
     * are forgotten.
     */
    void succeeded(String email, String clientAddress) {
        buckets.invalidate(emailKey(email));
        byAddress(clientAddress).addTokens(1);
    }

    /** Forgets an account's failures (after a password reset). */
    void clear(String email) {
        buckets.invalidate(emailKey(email));
    }

    /** Whether another reset e-mail may go to this address now; counts it if so. */
    boolean tryPasswordReset(String email) {
        int perHour = properties.passwordResetsPerEmailPerHour();
        return buckets.get("reset:" + normalize(email), key -> bucket(perHour, Duration.ofHours(1))).tryConsume(1);
    }

    /** Forgets everything (tests). */
    void reset() {
        buckets.invalidateAll();
    }

    private Bucket byEmail(String email) {
        return buckets.get(emailKey(email),
                key -> bucket(properties.loginFailuresPerEmail(), properties.loginFailureWindow()));
    }

    private Bucket byAddress(String clientAddress) {
        return buckets.get("address:" + clientAddress,
                key -> bucket(properties.loginFailuresPerAddress(), properties.loginFailureWindow()));
    }

    private static String emailKey(String email) {
        return "email:" + normalize(email);
    }

    private static String normalize(String email) {
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return normalized.length() > 254 ? normalized.substring(0, 254) : normalized;
    }

    private static Bucket bucket(long capacity, Duration period) {
        return Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
            .build();
    }

}
