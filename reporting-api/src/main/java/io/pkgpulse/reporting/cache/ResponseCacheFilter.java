package io.pkgpulse.reporting.cache;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Answers a GET for statistics or a badge from memory when the same request (path, query and {@code Accept}) was
 * answered less than {@code ttl} ago, as a caching reverse proxy in front of the API would. Only answers that their
 * controller marked {@code Cache-Control: public} are kept, which a private package's never are; the security
 * filters (authentication, rate limits, headers) run before this one on every request, hits included. Making a
 * package private or public empties the cache once the change is committed.
 *
 * <p>Why: the daily series of popular packages are asked for again and again (package popularity is Zipf-like), each
 * one a database query and up to a few hundred kilobytes of JSON; the rollups change only as fast as the
 * announced {@code max-age} allows clients to notice anyway.
 */
public class ResponseCacheFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ResponseCacheFilter.class);

    private final Cache<String, CachedResponse> cache;
    /** Counts the times the cache was emptied, so that an answer made before that is not stored after it. */
    private final AtomicLong generation = new AtomicLong();
    /** Both Spring and the servlet container destroy a filter bean; the numbers are logged once. */
    private final AtomicBoolean reported = new AtomicBoolean();

    ResponseCacheFilter(ResponseCacheProperties properties) {
        this.cache = Caffeine.newBuilder().expireAfterWrite(properties.ttl())
                .maximumWeight(properties.maxSize().toBytes())
                .<String, CachedResponse>weigher((key, response) -> response.weight(key)).recordStats().build();
    }

    Cache<String, CachedResponse> cache() {
        return cache;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The live stream is never buffered: it is an answer that does not end.
        return !"GET".equals(request.getMethod()) || request.getRequestURI().startsWith("/api/live");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getRequestURI() + '?' + Objects.toString(request.getQueryString(), "") + '\n'
                + Objects.toString(request.getHeader(HttpHeaders.ACCEPT), "");
        CachedResponse hit = cache.getIfPresent(key);
        if (hit != null) {
            hit.writeTo(request, response, System.nanoTime());
            return;
        }
        long started = System.nanoTime();
        long generationAtStart = generation.get();
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, wrapper);
            CachedResponse fresh = CachedResponse.ifPublic(wrapper, started);
            if (fresh != null) {
                cache.put(key, fresh);
                // Made while a package changed visibility: it may show what is now private.
                if (generation.get() != generationAtStart) {
                    cache.invalidate(key);
                }
            }
        }
        finally {
            wrapper.copyBodyToResponse();
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void visibilityChanged(PackageVisibilityChanged event) {
        generation.incrementAndGet();
        cache.invalidateAll();
        log.info("Response cache emptied: package {} is now {}", event.normalizedName(),
                event.isPrivate() ? "private" : "public");
    }

    @Override
    public void destroy() {
        if (reported.getAndSet(true)) {
            return;
        }
        CacheStats stats = cache.stats();
        log.info("Response cache: {} hits, {} misses ({} % hits), {} evicted for size", stats.hitCount(),
                stats.missCount(), Math.round(stats.hitRate() * 1000) / 10.0, stats.evictionCount());
    }
}
