package io.pkgpulse.ingest.write;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

import org.springframework.stereotype.Component;

import io.pkgpulse.model.downloads.DownloadPartitions;

/**
 * Makes sure every day a batch writes to has its partition, so late and backfilled events
 * land in their own day (and leave with it at retention) instead of in the default
 * partition. Known days are remembered; the database is asked only about a day this
 * worker has not seen yet.
 */
@Component
class DayPartitions {

    private final DownloadPartitions partitions;

    private final Set<LocalDate> known = new ConcurrentSkipListSet<>();

    DayPartitions(DownloadPartitions partitions) {
        this.partitions = partitions;
    }

    void ensure(Collection<LocalDate> days) {
        for (LocalDate day : days) {
            if (!known.contains(day)) {
                if (!partitions.days().contains(day)) {
                    partitions.create(day, day);
                }
                known.add(day);
            }
        }
    }

}
