package io.pkgpulse.reporting.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.pkgpulse.reporting.cache.ResponseCacheProperties;
import io.pkgpulse.reporting.changes.ChangeClock;
import io.pkgpulse.reporting.changes.ChangesMissed;
import io.pkgpulse.reporting.changes.DownloadsChanged;
import io.pkgpulse.reporting.stats.Series.Row;

/**
 * The last 180 days of recently asked series, so that a request for any window inside
 * them (a dashboard's date range, a 30-day view) is cut from memory instead of being a
 * query of its own. A series is dropped as soon as a change notification names its
 * package (or any package, for the all-package totals) on a day inside it; nothing is
 * kept while notifications are not arriving; the response cache's ttl is only a backstop.
 * Keyed by package id after the caller's access was checked, so a package becoming
 * private needs nothing here. Ranges that reach outside the last 180 days are queried as
 * they are.
 */
@Component
class RecentSeriesCache {

    /**
     * A series: which rollup, which package ({@code null}: all), mirrors, one category;
     * and its first day.
     */
    record Key(String series, Long packageId, Boolean mirrors, String filter, LocalDate windowStart) {
    }

    private final boolean enabled;

    private final Clock clock;

    private final ChangeClock changes;

    private final Cache<Key, List<Row>> cache;

    RecentSeriesCache(ResponseCacheProperties properties, Clock clock, ChangeClock changes, MeterRegistry meters) {
        this.enabled = properties.enabled();
        this.clock = clock;
        this.changes = changes;
        this.cache = Caffeine.newBuilder()
            .expireAfterWrite(properties.ttl())
            .maximumWeight(properties.seriesMaxSize().toBytes())
            // A row is a record, its own date and its own category string: about 120
            // bytes.
            .<Key, List<Row>>weigher((key, rows) -> 128 + 120 * rows.size())
            .recordStats()
            .build();
        CaffeineCacheMetrics.monitor(meters, cache, "pkgpulse.series-cache");
    }

    /**
     * The rows of {@code range}: cut from the cached last 180 days when the range lies
     * inside them, else from {@code query}, which answers any range.
     */
    List<Row> rows(String series, Long packageId, Boolean mirrors, String filter, DateRange range,
            Function<DateRange, List<Row>> query) {
        DateRange window = window();
        if (!covers(range, window)) {
            return query.apply(range);
        }
        Key key = new Key(series, packageId, mirrors, filter, window.start());
        List<Row> rows = cache.getIfPresent(key);
        if (rows == null) {
            long sequenceAtStart = changes.sequence();
            rows = List.copyOf(query.apply(window));
            cache.put(key, rows);
            // Checked after the put, so that a change arriving in between is caught by
            // one side or the other.
            if (changes.lastChange(packageId) > sequenceAtStart) {
                cache.invalidate(key);
            }
        }
        return cut(rows, range, window);
    }

    @EventListener
    void downloadsChanged(DownloadsChanged change) {
        cache.asMap()
            .keySet()
            .removeIf(key -> key.packageId() == null
                    ? change.touchesAny(key.windowStart(), key.windowStart().plusDays(DateRange.DEFAULT_DAYS - 1))
                    : change.touches(key.packageId(), key.windowStart(),
                            key.windowStart().plusDays(DateRange.DEFAULT_DAYS - 1)));
    }

    @EventListener
    void changesMissed(ChangesMissed missed) {
        cache.invalidateAll();
    }

    private static List<Row> cut(List<Row> rows, DateRange range, DateRange window) {
        if (range.equals(window)) {
            return rows;
        }
        return rows.stream()
            .filter(row -> !row.date().isBefore(range.start()) && !row.date().isAfter(range.end()))
            .toList();
    }

    /**
     * The rows of {@code range} if the series is in the cache already, without querying
     * anything. For sums over a few days, which are cheaper to query on their own than a
     * whole series that nobody has asked for yet.
     */
    Optional<List<Row>> ifCached(String series, Long packageId, Boolean mirrors, String filter, DateRange range) {
        DateRange window = window();
        if (!covers(range, window)) {
            return Optional.empty();
        }
        List<Row> rows = cache.getIfPresent(new Key(series, packageId, mirrors, filter, window.start()));
        return Optional.ofNullable(rows).map(all -> cut(all, range, window));
    }

    private boolean covers(DateRange range, DateRange window) {
        return enabled && changes.listening() && !range.start().isBefore(window.start())
                && !range.end().isAfter(window.end());
    }

    private DateRange window() {
        LocalDate today = LocalDate.now(clock);
        return new DateRange(today.minusDays(DateRange.DEFAULT_DAYS - 1), today);
    }

}
