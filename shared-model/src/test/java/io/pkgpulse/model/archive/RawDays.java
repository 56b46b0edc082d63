package io.pkgpulse.model.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import jakarta.persistence.EntityManager;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.pkgpulse.model.Tables;
import io.pkgpulse.model.catalog.Package;
import io.pkgpulse.model.catalog.Release;
import io.pkgpulse.model.downloads.DownloadPartitions;
import io.pkgpulse.model.downloads.DownloadsProperties;

/**
 * Raw days for the archive tests: two packages with a release each, rows on three days
 * (the first two past a cut, the third not) with every kind of value, and daily rollups
 * that archiving and loading must not touch.
 */
final class RawDays {

    static final LocalDate DAY1 = LocalDate.of(2026, 3, 1);
    static final LocalDate DAY2 = DAY1.plusDays(1);
    static final LocalDate DAY3 = DAY1.plusDays(2);

    /** Days before it are past retention. */
    static final LocalDate CUTOFF = DAY3;

    static final String HEADER = "id,downloaded_at,package_id,release_id,client_profile_id,file_type,country_code";

    private final JdbcTemplate jdbc;

    long urllib3;

    long urllib3Release;

    long six;

    long sixRelease;

    RawDays(JdbcTemplate jdbc, TransactionTemplate tx, EntityManager entityManager, DownloadPartitions partitions) {
        this.jdbc = jdbc;
        Tables.truncateAll(jdbc);
        partitions.days().forEach(partitions::drop);
        tx.executeWithoutResult(s -> {
            Package first = new Package("urllib3");
            Release firstRelease = first.addRelease(new Release("2.2.1"));
            Package second = new Package("six");
            Release secondRelease = second.addRelease(new Release("1.16.0"));
            entityManager.persist(first);
            entityManager.persist(second);
            entityManager.flush();
            urllib3 = first.getId();
            urllib3Release = firstRelease.getId();
            six = second.getId();
            sixRelease = secondRelease.getId();
        });
        partitions.create(DAY1, DAY3);
        // Day 1: three rows, one of them of "six", out of id order, with and without
        // profile and country.
        row(12, "2026-03-01 23:59:59.999999+00", urllib3, urllib3Release, 7, 2, "DE");
        row(10, "2026-03-01 00:00:00+00", urllib3, urllib3Release, null, 1, null);
        row(11, "2026-03-01 10:15:30.5+00", six, sixRelease, 8, 2, "US");
        // Day 2: two rows.
        row(20, "2026-03-02 08:00:00+00", urllib3, urllib3Release, 7, 2, "FR");
        row(21, "2026-03-02 09:00:00.000001+00", urllib3, urllib3Release, 7, 2, "FR");
        // Day 3: within retention.
        row(30, "2026-03-03 12:00:00+00", urllib3, urllib3Release, null, 3, "JP");
        for (LocalDate day : List.of(DAY1, DAY2, DAY3)) {
            jdbc.update("INSERT INTO daily_downloads VALUES (?, ?, false, 1000)", urllib3, day);
            jdbc.update("INSERT INTO daily_total_downloads (day, mirror, downloads) VALUES (?, false, 1000)", day);
        }
    }

    /** Day 1's file, exactly: ordered by id, times in UTC, empty fields for nulls. */
    String day1Csv() {
        return HEADER + "\n" + "10,2026-03-01 00:00:00+00," + urllib3 + "," + urllib3Release + ",,1,\n"
                + "11,2026-03-01 10:15:30.5+00," + six + "," + sixRelease + ",8,2,US\n"
                + "12,2026-03-01 23:59:59.999999+00," + urllib3 + "," + urllib3Release + ",7,2,DE\n";
    }

    String day2Csv() {
        return HEADER + "\n" + "20,2026-03-02 08:00:00+00," + urllib3 + "," + urllib3Release + ",7,2,FR\n"
                + "21,2026-03-02 09:00:00.000001+00," + urllib3 + "," + urllib3Release + ",7,2,FR\n";
    }

    void row(long id, String at, long packageId, long releaseId, Integer profile, int fileType, String country) {
        jdbc.update("INSERT INTO downloads VALUES (?, ?::timestamptz, ?, ?, ?, ?, ?)", id, at, packageId, releaseId,
                profile, fileType, country);
    }

    /** Every raw row of a day, as text, by id: what must come back exactly. */
    List<String> rows(LocalDate day) {
        return jdbc.queryForList("""
                SELECT concat_ws('|', id, to_char(downloaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'),
                                 package_id, release_id, coalesce(client_profile_id::text, '-'), file_type,
                                 coalesce(country_code, '-'), tableoid::regclass)
                FROM downloads WHERE downloaded_at >= ?::date::timestamp AT TIME ZONE 'UTC'
                                 AND downloaded_at < (?::date + 1)::timestamp AT TIME ZONE 'UTC'
                ORDER BY id""", String.class, day, day);
    }

    long rawCount() {
        return jdbc.queryForObject("SELECT count(*) FROM downloads", Long.class);
    }

    /** The rollups, summed: archiving and loading leave them as they are. */
    String rollups() {
        return jdbc.queryForObject("""
                SELECT (SELECT count(*) || '/' || sum(downloads) FROM daily_downloads) || ' '
                    || (SELECT count(*) || '/' || sum(downloads) FROM daily_total_downloads)""", String.class);
    }

    static DownloadsProperties properties(Path archiveDirectory) {
        return new DownloadsProperties(java.time.Duration.ofDays(180), 7, java.time.Duration.ofDays(14),
                archiveDirectory);
    }

    static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Writes {@code text} gzip-compressed at {@code level}: the same content can be made
     * of other bytes.
     */
    static void gzip(Path file, String text, int level) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(level);
            }
        }) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(file, bytes.toByteArray());
    }

    static void gzip(Path file, String text) throws IOException {
        gzip(file, text, Deflater.DEFAULT_COMPRESSION);
    }

}
