package io.pkgpulse.ingest.partitions;

import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.pkgpulse.model.archive.ArchiveRun;
import io.pkgpulse.model.archive.DownloadArchiver;
import io.pkgpulse.model.downloads.DownloadPartitions;
import io.pkgpulse.model.downloads.DownloadsProperties;

/**
 * Keeps day partitions ready ahead of the stream (yesterday to {@code partitions-ahead}
 * days from now), archives and then drops raw days older than the raw retention
 * ({@link DownloadArchiver}), and deletes hourly rollups older than the hourly retention.
 * Runs once at start-up, before any event is consumed, then every hour.
 * <p>
 * Meters: {@code pkgpulse.downloads.archive.days{result=archived|failed}} counts days
 * archived and dropped, and failed attempts (the day stays and is tried again);
 * {@code pkgpulse.downloads.archive.overdue} is the number of days past retention still
 * in the database after the last run because their archive failed or no archive directory
 * is set (days loaded back on purpose are not counted).
 */
@Component
class PartitionMaintenance implements InitializingBean {

    private final DownloadPartitions partitions;

    private final DownloadArchiver archiver;

    private final HourlyRollupRetention hourlyRollups;

    private final DownloadsProperties properties;

    private final Clock clock;

    private final Counter archived;

    private final Counter failed;

    private final AtomicInteger overdue = new AtomicInteger();

    PartitionMaintenance(DownloadPartitions partitions, DownloadArchiver archiver, HourlyRollupRetention hourlyRollups,
            DownloadsProperties properties, Clock clock, MeterRegistry registry) {
        this.partitions = partitions;
        this.archiver = archiver;
        this.hourlyRollups = hourlyRollups;
        this.properties = properties;
        this.clock = clock;
        this.archived = Counter.builder("pkgpulse.downloads.archive.days")
            .tag("result", "archived")
            .description("Raw days written to their archive file and dropped, or failed attempts to")
            .register(registry);
        this.failed = Counter.builder("pkgpulse.downloads.archive.days")
            .tag("result", "failed")
            .description("Raw days written to their archive file and dropped, or failed attempts to")
            .register(registry);
        Gauge.builder("pkgpulse.downloads.archive.overdue", overdue, AtomicInteger::get)
            .description("Raw days past retention kept because their archive failed or no directory is set")
            .register(registry);
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
        // One day of margin: a worker whose clock lags may still accept an event of the
        // first raw day's eve, which
        // must not land in a day that is archived already.
        ArchiveRun run = archiver.archiveBefore(properties.firstRawDay(today).minusDays(1));
        archived.increment(run.archived().size());
        failed.increment(run.failed().size());
        overdue.set(run.overdue());
        hourlyRollups.deleteBefore(properties.firstHourlyHour(clock.instant()));
    }

}
