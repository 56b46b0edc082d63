package io.pkgpulse.ingest.write;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.pkgpulse.ingest.events.ValidEvent;
import io.pkgpulse.model.rollups.Dimension;

/**
 * A batch's contribution to every daily and hourly rollup, counted in memory so that each
 * rollup row is written once per batch. Keys come out sorted (each in its table's key
 * order), so concurrent workers lock rollup rows in the same order and cannot deadlock.
 * This runs for every event, seven dimensions each, so keys compare without lambdas.
 */
final class RollupIncrements {

    record PackageDay(long packageId, LocalDate day, boolean mirror) implements Comparable<PackageDay> {

        @Override
        public int compareTo(PackageDay o) {
            int c = Long.compare(packageId, o.packageId);
            c = c != 0 ? c : day.compareTo(o.day);
            return c != 0 ? c : Boolean.compare(mirror, o.mirror);
        }
    }

    record ReleaseDay(long packageId, LocalDate day, long releaseId, boolean mirror) implements Comparable<ReleaseDay> {

        @Override
        public int compareTo(ReleaseDay o) {
            int c = Long.compare(packageId, o.packageId);
            c = c != 0 ? c : day.compareTo(o.day);
            c = c != 0 ? c : Long.compare(releaseId, o.releaseId);
            return c != 0 ? c : Boolean.compare(mirror, o.mirror);
        }
    }

    record CategoryDay(long packageId, Dimension dimension, LocalDate day, String category,
            boolean mirror) implements Comparable<CategoryDay> {

        @Override
        public int compareTo(CategoryDay o) {
            int c = Long.compare(packageId, o.packageId);
            c = c != 0 ? c : Short.compare(dimension.code(), o.dimension.code());
            c = c != 0 ? c : day.compareTo(o.day);
            c = c != 0 ? c : category.compareTo(o.category);
            return c != 0 ? c : Boolean.compare(mirror, o.mirror);
        }
    }

    record TotalDay(LocalDate day, boolean mirror) implements Comparable<TotalDay> {

        @Override
        public int compareTo(TotalDay o) {
            int c = day.compareTo(o.day);
            return c != 0 ? c : Boolean.compare(mirror, o.mirror);
        }
    }

    record TotalCategoryDay(Dimension dimension, LocalDate day, String category,
            boolean mirror) implements Comparable<TotalCategoryDay> {

        @Override
        public int compareTo(TotalCategoryDay o) {
            int c = Short.compare(dimension.code(), o.dimension.code());
            c = c != 0 ? c : day.compareTo(o.day);
            c = c != 0 ? c : category.compareTo(o.category);
            return c != 0 ? c : Boolean.compare(mirror, o.mirror);
        }
    }

    record PackageHour(long packageId, Instant hour, boolean mirror) implements Comparable<PackageHour> {

        @Override
        public int compareTo(PackageHour o) {
            int c = Long.compare(packageId, o.packageId);
            c = c != 0 ? c : hour.compareTo(o.hour);
            return c != 0 ? c : Boolean.compare(mirror, o.mirror);
        }
    }

    record ReleaseHour(long packageId, Instant hour, long releaseId,
            boolean mirror) implements Comparable<ReleaseHour> {

        @Override
        public int compareTo(ReleaseHour o) {
            int c = Long.compare(packageId, o.packageId);
            c = c != 0 ? c : hour.compareTo(o.hour);
            c = c != 0 ? c : Long.compare(releaseId, o.releaseId);
            return c != 0 ? c : Boolean.compare(mirror, o.mirror);
        }
    }

    record TotalHour(Instant hour, boolean mirror) implements Comparable<TotalHour> {

        @Override
        public int compareTo(TotalHour o) {
            int c = hour.compareTo(o.hour);
            return c != 0 ? c : Boolean.compare(mirror, o.mirror);
        }
    }

    private static final Dimension[] DIMENSIONS = Dimension.values();

    private final Map<PackageDay, Long> packages = new HashMap<>();

    private final Map<ReleaseDay, Long> releases = new HashMap<>();

    private final Map<CategoryDay, Long> categories = new HashMap<>();

    private final Map<TotalDay, Long> totals = new HashMap<>();

    private final Map<TotalCategoryDay, Long> totalCategories = new HashMap<>();

    private final Map<PackageHour, Long> packageHours = new HashMap<>();

    private final Map<ReleaseHour, Long> releaseHours = new HashMap<>();

    private final Map<TotalHour, Long> totalHours = new HashMap<>();

    private final Categories categoryNames = new Categories();

    private final Instant firstHour;

    /**
     * @param firstHour the oldest hour the hourly rollups keep: an earlier event is
     * counted in the daily rollups only (its hour is about to be deleted, and reports no
     * longer show it)
     */
    RollupIncrements(Instant firstHour) {
        this.firstHour = firstHour;
    }

    void add(ValidEvent event, LocalDate day, long packageId, long releaseId) {
        boolean mirror = event.mirror();
        packages.merge(new PackageDay(packageId, day, mirror), 1L, Long::sum);
        releases.merge(new ReleaseDay(packageId, day, releaseId, mirror), 1L, Long::sum);
        totals.merge(new TotalDay(day, mirror), 1L, Long::sum);
        for (Dimension dimension : DIMENSIONS) {
            String category = categoryNames.of(dimension, event);
            categories.merge(new CategoryDay(packageId, dimension, day, category, mirror), 1L, Long::sum);
            totalCategories.merge(new TotalCategoryDay(dimension, day, category, mirror), 1L, Long::sum);
        }
        // Instants truncate in UTC: the start of the event's UTC hour.
        Instant hour = event.timestamp().truncatedTo(ChronoUnit.HOURS);
        if (!hour.isBefore(firstHour)) {
            packageHours.merge(new PackageHour(packageId, hour, mirror), 1L, Long::sum);
            releaseHours.merge(new ReleaseHour(packageId, hour, releaseId, mirror), 1L, Long::sum);
            totalHours.merge(new TotalHour(hour, mirror), 1L, Long::sum);
        }
    }

    TreeMap<PackageDay, Long> packages() {
        return new TreeMap<>(packages);
    }

    TreeMap<ReleaseDay, Long> releases() {
        return new TreeMap<>(releases);
    }

    TreeMap<CategoryDay, Long> categories() {
        return new TreeMap<>(categories);
    }

    TreeMap<TotalDay, Long> totals() {
        return new TreeMap<>(totals);
    }

    TreeMap<TotalCategoryDay, Long> totalCategories() {
        return new TreeMap<>(totalCategories);
    }

    TreeMap<PackageHour, Long> packageHours() {
        return new TreeMap<>(packageHours);
    }

    TreeMap<ReleaseHour, Long> releaseHours() {
        return new TreeMap<>(releaseHours);
    }

    TreeMap<TotalHour, Long> totalHours() {
        return new TreeMap<>(totalHours);
    }

    /**
     * The packages the batch changed, by UTC day, in order: what its change notifications
     * name.
     */
    TreeMap<LocalDate, TreeSet<Long>> packagesByDay() {
        TreeMap<LocalDate, TreeSet<Long>> changed = new TreeMap<>();
        for (PackageDay key : packages.keySet()) {
            changed.computeIfAbsent(key.day(), day -> new TreeSet<>()).add(key.packageId());
        }
        return changed;
    }

}
