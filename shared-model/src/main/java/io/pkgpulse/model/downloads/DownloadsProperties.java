package io.pkgpulse.model.downloads;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Raw download storage settings ({@code pkgpulse.downloads.*}).
 *
 * @param rawRetention how long raw rows are kept; older day partitions are dropped. Daily rollups are kept forever.
 * @param partitionsAhead how many future UTC days get their partition in advance
 * @param hourlyRetention how far back the hourly rollups reach: the worker deletes older hours, and the API refuses
 *        hourly ranges that start before {@code now - hourlyRetention} (truncated to the hour)
 */
@ConfigurationProperties("pkgpulse.downloads")
public record DownloadsProperties(@DefaultValue("180d") Duration rawRetention, @DefaultValue("7") int partitionsAhead,
        @DefaultValue("14d") Duration hourlyRetention) {

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
     * The oldest hour the hourly rollups keep at {@code now}: {@code now - hourlyRetention}, truncated to the UTC
     * hour. The worker counts no event of an earlier hour hourly and deletes earlier hours.
     */
    public Instant firstHourlyHour(Instant now) {
        return now.minus(hourlyRetention).truncatedTo(ChronoUnit.HOURS);
    }
}
