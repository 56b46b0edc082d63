package io.pkgpulse.model.downloads;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Raw download storage settings ({@code pkgpulse.downloads.*}).
 *
 * @param rawRetention how long raw rows are kept; older day partitions are dropped. Daily
 * rollups are kept forever.
 * @param partitionsAhead how many future UTC days get their partition in advance
 * @param hourlyRetention how far back the hourly rollups reach: the worker deletes older
 * hours, and the API refuses hourly ranges that start before
 * {@code now - hourlyRetention} (truncated to the hour)
 * @param archiveDirectory where raw days past retention are written
 * ({@code downloads-YYYY-MM-DD.csv.gz}) before their partition is dropped. Unset: nothing
 * is archived and therefore nothing is dropped; the worker keeps the days past retention
 * and warns once, until a directory is set. Every worker must see the same directory (any
 * of them may archive a day).
 */
@ConfigurationProperties("pkgpulse.downloads")
public record DownloadsProperties(@DefaultValue("180d") Duration rawRetention, @DefaultValue("7") int partitionsAhead,
        @DefaultValue("14d") Duration hourlyRetention, Path archiveDirectory) {

    public DownloadsProperties {
        if (rawRetention.isNegative() || rawRetention.toDays() < 1) {
            throw new IllegalArgumentException("pkgpulse.downloads.raw-retention must be at least one day");
        }
        if (hourlyRetention.isNegative() || hourlyRetention.toHours() < 1) {
            throw new IllegalArgumentException("pkgpulse.downloads.hourly-retention must be at least one hour");
        }
        if (partitionsAhead < 1) {
            throw new IllegalArgumentException("pkgpulse.downloads.partitions-ahead must be at least 1");
        }
    }

    /**
     * The first UTC day the raw retention keeps on {@code today}: days before it are
     * archived and dropped.
     */
    public LocalDate firstRawDay(LocalDate today) {
        return today.minusDays(rawRetention.toDays());
    }

    /**
     * The oldest hour the hourly rollups keep at {@code now}:
     * {@code now - hourlyRetention}, truncated to the UTC hour. The worker counts no
     * event of an earlier hour hourly and deletes earlier hours.
     */
    public Instant firstHourlyHour(Instant now) {
        return now.minus(hourlyRetention).truncatedTo(ChronoUnit.HOURS);
    }
}
