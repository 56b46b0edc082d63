package io.pkgpulse.reporting.cache;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import com.github.benmanes.caffeine.cache.Cache;

/**
 * A Caffeine cache whose invalidations also reach answers still being made: a value read
 * before an invalidation is not kept after it. Callers take a {@link #stamp()} before
 * reading what they will {@link #put}; every invalidation advances the generation, and a
 * put whose stamp is older is taken back.
 */
public final class GenerationCache<K, V> {

    private final Cache<K, V> cache;

    /**
     * Counts invalidations, so that a value read before one is not remembered after it.
     */
    private final AtomicLong generation = new AtomicLong();

    public GenerationCache(Cache<K, V> cache) {
        this.cache = cache;
    }

    /**
     * The Caffeine cache itself: for metrics, statistics and removals that need no
     * generation.
     */
    public Cache<K, V> cache() {
        return cache;
    }

    public V getIfPresent(K key) {
        return cache.getIfPresent(key);
    }

    /** Taken before the value to be kept is read. */
    public long stamp() {
        return generation.get();
    }

    /**
     * Keeps {@code value}, read since {@code stamp}, unless the cache was invalidated
     * meanwhile.
     */
    public void put(K key, V value, long stamp) {
        put(key, value, stamp, () -> false);
    }

    /**
     * Keeps {@code value}, read since {@code stamp}, unless the cache was invalidated
     * meanwhile or {@code outdated} says so. Checked after the put, so that an
     * invalidation arriving in between is caught by one side or the other.
     */
    public void put(K key, V value, long stamp, BooleanSupplier outdated) {
        cache.put(key, value);
        if (generation.get() != stamp || outdated.getAsBoolean()) {
            cache.invalidate(key);
        }
    }

    public void invalidate(K key) {
        generation.incrementAndGet();
        cache.invalidate(key);
    }

    public void invalidateAll() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }

}
