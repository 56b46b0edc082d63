package io.pkgpulse.reporting.cache;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import io.pkgpulse.reporting.changes.ChangeClock;
import io.pkgpulse.reporting.changes.ChangesMissed;
import io.pkgpulse.reporting.changes.DownloadsChanged;

/**
 * Answers a GET for statistics or a badge from memory when the same request (path, query
 * and {@code Accept}) was answered before and nothing it describes has changed since, as
 * a caching reverse proxy in front of the API would if it could be told of every change.
 * Each answer is kept with its {@link AnswerScope} (package and days), and dropped when a
 * change notification touches that scope; the ttl is only a backstop. While notifications
 * are not arriving ({@link ChangeClock#listening()}), nothing is answered from memory or
 * kept.
 *
 * <p>
 * Only answers that their controller marked {@code Cache-Control: public} and scoped
 * through {@link HttpCaching} are kept, which a private package's never are; the security
 * filters (authentication, rate limits, headers) run before this one on every request,
 * hits included. Making a package private or public empties the cache once the change is
 * committed.
 *
 * <p>
 * Why: the series of popular packages are asked for again and again (package popularity
 * is Zipf-like), each one a database query and up to a few hundred kilobytes of JSON,
 * while most of the days they cover are over.
 */
public class ResponseCacheFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ResponseCacheFilter.class);

    private final GenerationCache<String, CachedResponse> cache;

    private final ChangeClock changes;

    private final Clock clock;

    /**
     * Both Spring and the servlet container destroy a filter bean; the numbers are logged
     * once.
     */
    private final AtomicBoolean reported = new AtomicBoolean();

    ResponseCacheFilter(ResponseCacheProperties properties, ChangeClock changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
        this.cache = new GenerationCache<>(Caffeine.newBuilder()
            .expireAfterWrite(properties.ttl())
            .maximumWeight(properties.maxSize().toBytes())
            .<String, CachedResponse>weigher((key, response) -> response.weight(key))
            .recordStats()
            .build());
    }

    Cache<String, CachedResponse> cache() {
        return cache.cache();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The live stream is never buffered: it is an answer that does not end.
        return !"GET".equals(request.getMethod()) || request.getRequestURI().startsWith("/api/live");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!changes.listening()) {
            chain.doFilter(request, response);
            return;
        }
        // The date is in the key: answers about "today" or "last week" mean other days
        // after midnight.
        String key = request.getRequestURI() + '?' + Objects.toString(request.getQueryString(), "") + '\n'
                + Objects.toString(request.getHeader(HttpHeaders.ACCEPT), "") + '\n' + LocalDate.now(clock);
        CachedResponse hit = cache.getIfPresent(key);
        if (hit != null) {
            hit.writeTo(request, response, System.nanoTime(),
                    changes.lastModified(hit.scope().packageId()).orElse(null));
            return;
        }
        long started = System.nanoTime();
        long stamp = cache.stamp();
        long sequenceAtStart = changes.sequence();
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, wrapper);
            CachedResponse fresh = CachedResponse.ifPublic(wrapper,
                    (AnswerScope) request.getAttribute(HttpCaching.SCOPE), started);
            if (fresh != null) {
                // Not kept if a change or a visibility change arrived while the answer
                // was made.
                cache.put(key, fresh, stamp, () -> changes.lastChange(fresh.scope().packageId()) > sequenceAtStart);
            }
        }
        finally {
            wrapper.copyBodyToResponse();
        }
    }

    @EventListener
    void downloadsChanged(DownloadsChanged change) {
        cache.cache().asMap().values().removeIf(answer -> answer.scope().outdatedBy(change));
    }

    @EventListener
    void changesMissed(ChangesMissed missed) {
        cache.invalidateAll();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void visibilityChanged(PackageVisibilityChanged event) {
        cache.invalidateAll();
        log.info("Response cache emptied: package {} is now {}", event.normalizedName(),
                event.isPrivate() ? "private" : "public");
    }

    @Override
    public void destroy() {
        if (reported.getAndSet(true)) {
            return;
        }
        CacheStats stats = cache.cache().stats();
        log.info("Response cache: {} hits, {} misses ({} % hits), {} evicted for size", stats.hitCount(),
                stats.missCount(), Math.round(stats.hitRate() * 1000) / 10.0, stats.evictionCount());
    }

}
