package io.pkgpulse.model.downloads;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Day partitions of {@code downloads}: {@code downloads_pYYYYMMDD} holds one UTC day,
 * {@code downloads_default} whatever has no partition. Creating a day moves that day's
 * rows out of the default partition first, so it works whatever arrived early or late.
 * Raw retention drops days only once they are archived (DownloadArchiver). Changes are
 * serialised between processes with an advisory lock.
 */
@Component
public class DownloadPartitions {

    private static final Logger log = LoggerFactory.getLogger(DownloadPartitions.class);

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

    private static final Pattern DAY_PARTITION = Pattern.compile("^downloads_p(\\d{8})$");

    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('pkgpulse.downloads.partitions'))";

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    DownloadPartitions(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The UTC days that have a partition, in order. */
    public SortedSet<LocalDate> days() {
        SortedSet<LocalDate> days = new TreeSet<>();
        for (String name : jdbc.queryForList("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'downloads'::regclass""", String.class)) {
            Matcher day = DAY_PARTITION.matcher(name);
            if (day.matches()) {
                days.add(LocalDate.parse(day.group(1), SUFFIX));
            }
        }
        return days;
    }

    /**
     * Creates the partitions of {@code from} to {@code to} (inclusive) that do not exist
     * yet; returns the new days.
     */
    public List<LocalDate> create(LocalDate from, LocalDate to) {
        return transactions.execute(tx -> {
            jdbc.execute(LOCK);
            SortedSet<LocalDate> existing = days();
            List<LocalDate> created = new ArrayList<>();
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                if (!existing.contains(day)) {
                    createDay(day);
                    created.add(day);
                }
            }
            if (!created.isEmpty()) {
                log.info("Created download partitions for {} day(s): {} .. {}", created.size(), created.get(0),
                        created.get(created.size() - 1));
            }
            return created;
        });
    }

    /**
     * Drops {@code day}'s partition, if it exists, in the caller's transaction when there
     * is one (so that the drop commits with whatever the caller recorded about the day).
     * Returns whether there was one.
     */
    public boolean drop(LocalDate day) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            jdbc.execute(LOCK);
            if (!days().contains(day)) {
                return false;
            }
            jdbc.execute("DROP TABLE " + partitionName(day));
            log.info("Dropped download partition {}", partitionName(day));
            return true;
        }));
    }

    /** The partition that holds {@code day}'s rows once created. */
    public static String partitionName(LocalDate day) {
        return "downloads_p" + SUFFIX.format(day);
    }

    private void createDay(LocalDate day) {
        String range = "downloaded_at >= " + bound(day) + " AND downloaded_at < " + bound(day.plusDays(1));
        // PostgreSQL refuses a new partition while the default one holds rows of its
        // range: park them meanwhile.
        Boolean parked = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM downloads_default WHERE " + range + ")",
                Boolean.class);
        if (Boolean.TRUE.equals(parked)) {
            jdbc.execute("CREATE TEMPORARY TABLE downloads_moving ON COMMIT DROP AS "
                    + "WITH moved AS (DELETE FROM downloads_default WHERE " + range
                    + " RETURNING *) SELECT * FROM moved");
        }
        jdbc.execute("CREATE TABLE " + partitionName(day) + " PARTITION OF downloads FOR VALUES FROM (" + bound(day)
                + ") TO (" + bound(day.plusDays(1)) + ")");
        if (Boolean.TRUE.equals(parked)) {
            int moved = jdbc.update("INSERT INTO downloads SELECT * FROM downloads_moving");
            jdbc.execute("DROP TABLE downloads_moving");
            log.info("Moved {} row(s) of {} from the default partition into {}", moved, day, partitionName(day));
        }
    }

    /**
     * Midnight UTC of {@code day} as a timestamptz literal; independent of the session's
     * time zone.
     */
    private static String bound(LocalDate day) {
        return "'" + day.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime() + "'::timestamptz";
    }

}
