package io.pkgpulse.ingest.partitions;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Applies {@code pkgpulse.downloads.hourly-retention}: deletes the hourly rollup rows of
 * hours before the window. They are deleted, not partitioned away: an hour has one row
 * per package and release downloaded in it, far fewer than raw rows, and the index on
 * {@code hour} finds them. Each table's delete commits on its own, so its row locks are
 * not held while the next table is done.
 */
@Component
class HourlyRollupRetention {

    private static final Logger log = LoggerFactory.getLogger(HourlyRollupRetention.class);

    private static final List<String> TABLES = List.of("hourly_downloads", "hourly_release_downloads",
            "hourly_total_downloads");

    private final JdbcTemplate jdbc;

    HourlyRollupRetention(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Deletes the rows of hours before {@code firstHour} from every hourly table; returns
     * how many.
     */
    int deleteBefore(Instant firstHour) {
        OffsetDateTime cutoff = firstHour.atOffset(ZoneOffset.UTC);
        int deleted = 0;
        for (String table : TABLES) {
            deleted += jdbc.update("DELETE FROM " + table + " WHERE hour < ?", cutoff);
        }
        if (deleted > 0) {
            log.info("Hourly retention: deleted {} hourly rollup row(s) of hours before {}", deleted, firstHour);
        }
        return deleted;
    }

}
