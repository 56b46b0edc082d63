package io.pkgpulse.ingest.partitions;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.pkgpulse.model.downloads.DownloadPartitions;
import io.pkgpulse.model.downloads.DownloadsProperties;

/**
 * Keeps day partitions ready ahead of the stream (yesterday to {@code partitions-ahead} days from now), drops raw
 * days older than the raw retention and deletes hourly rollups older than the hourly retention. Runs once at
 * start-up, before any event is consumed, then every hour.
 */
@Component
class PartitionMaintenance implements InitializingBean {

    private final DownloadPartitions partitions;
    private final HourlyRollupRetention hourlyRollups;
    private final DownloadsProperties properties;
    private final Clock clock;

    PartitionMaintenance(DownloadPartitions partitions, HourlyRollupRetention hourlyRollups,
            DownloadsProperties properties, Clock clock) {
        this.partitions = partitions;
        this.hourlyRollups = hourlyRollups;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        maintain();
    }

    @Scheduled(fixedDelayString = "${pkgpulse.downloads.maintenance-interval:1h}",
            initialDelayString = "${pkgpulse.downloads.maintenance-interval:1h}")
    void maintain() {
        LocalDate today = LocalDate.now(clock);
        partitions.create(today.minusDays(1), today.plusDays(properties.partitionsAhead()));
        partitions.dropBefore(today.minusDays(properties.rawRetention().toDays()));
        hourlyRollups.deleteBefore(properties.firstHourlyHour(clock.instant()));
    }
}
