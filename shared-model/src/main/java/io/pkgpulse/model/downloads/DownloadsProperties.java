package io.pkgpulse.model.downloads;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Raw download storage settings ({@code pkgpulse.downloads.*}).
 *
 * @param rawRetention how long raw rows are kept; older day partitions are dropped. Rollups are kept forever.
 * @param partitionsAhead how many future UTC days get their partition in advance
 */
@ConfigurationProperties("pkgpulse.downloads")
public record DownloadsProperties(@DefaultValue("180d") Duration rawRetention, @DefaultValue("7") int partitionsAhead) {

    public DownloadsProperties {
        if (rawRetention.isNegative() || rawRetention.toDays() < 1) {
            throw new IllegalArgumentException("pkgpulse.downloads.raw-retention must be at least one day");
        }
        if (partitionsAhead < 1) {
            throw new IllegalArgumentException("pkgpulse.downloads.partitions-ahead must be at least 1");
        }
    }
}
