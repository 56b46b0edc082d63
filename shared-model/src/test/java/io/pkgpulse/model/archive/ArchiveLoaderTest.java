package io.pkgpulse.model.archive;

import static io.pkgpulse.model.archive.RawDays.CUTOFF;
import static io.pkgpulse.model.archive.RawDays.DAY1;
import static io.pkgpulse.model.archive.RawDays.DAY2;
import static io.pkgpulse.model.archive.RawDays.DAY3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.pkgpulse.model.ModelIntegrationTest;
import io.pkgpulse.model.downloads.DownloadPartitions;

@ModelIntegrationTest
class ArchiveLoaderTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    EntityManager entityManager;

    @Autowired
    DownloadPartitions partitions;

    @Autowired
    ArchiveLoader loader;

    @TempDir
    Path directory;

    RawDays raw;

    DownloadArchiver archiver;

    Path day1File;

    Path day2File;

    @BeforeEach
    void rawDays() {
        raw = new RawDays(jdbc, tx, entityManager, partitions);
        archiver = new DownloadArchiver(dataSource, jdbc, tx, partitions, RawDays.properties(directory));
        day1File = directory.resolve("downloads-2026-03-01.csv.gz");
        day2File = directory.resolve("downloads-2026-03-02.csv.gz");
    }

    @Test
    void loadingAnArchiveBackRestoresExactlyItsRowsAndNoRollup() {
        List<String> day1 = raw.rows(DAY1);
        String rollups = raw.rollups();
        archiver.archiveBefore(CUTOFF);

        ArchiveLoader.Loaded loaded = loader.load(day1File);

        assertThat(loaded).isEqualTo(new ArchiveLoader.Loaded(DAY1, "downloads_p20260301", 3, 3));
        assertThat(raw.rows(DAY1)).isEqualTo(day1);
        assertThat(raw.rows(DAY2)).as("only the file's day").isEmpty();
        assertThat(partitions.days()).containsExactly(DAY1, DAY3);
        assertThat(raw.rollups()).as("rollups count these downloads already").isEqualTo(rollups);
        DownloadArchive archive = loader.archive(DAY1).orElseThrow();
        assertThat(archive.loaded()).isTrue();
        assertThat(archive.loadedRows()).isEqualTo(3);
        assertThat(archive.archivedAt()).isNotNull();
    }

    @Test
    void loadingTwiceIsRefusedAndCountsNothingTwice() {
        archiver.archiveBefore(CUTOFF);
        loader.load(day1File);
        long rows = raw.rawCount();
        String rollups = raw.rollups();

        assertThatThrownBy(() -> loader.load(day1File)).isInstanceOf(ArchiveException.class)
            .hasMessageContaining("day 2026-03-01 was loaded already")
            .hasMessageContaining("3 row(s)")
            .hasMessageContaining("nothing loaded");

        assertThat(raw.rawCount()).isEqualTo(rows);
        assertThat(raw.rollups()).isEqualTo(rollups);
    }

    @Test
    void aFileOfADayWhoseRowsAreInTheDatabaseIsRefused() throws Exception {
        // Day 3 was never archived; a file for it (here, from elsewhere) must not add its
        // rows a second time.
        Path file = directory.resolve("downloads-2026-03-03.csv.gz");
        RawDays.gzip(file,
                RawDays.HEADER + "\n30,2026-03-03 12:00:00+00," + raw.urllib3 + "," + raw.urllib3Release + ",,3,JP\n");
        List<String> day3 = raw.rows(DAY3);

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ArchiveException.class)
            .hasMessageContaining("day 2026-03-03 has rows in downloads_p20260303 already");

        assertThat(raw.rows(DAY3)).isEqualTo(day3);
        assertThat(loader.archive(DAY3)).isEmpty();
    }

    @Test
    void aLoadedDayIsKeptPastRetentionUntilItIsUnloaded() throws Exception {
        archiver.archiveBefore(CUTOFF);
        byte[] file = Files.readAllBytes(day1File);
        loader.load(day1File);

        ArchiveRun run = archiver.archiveBefore(CUTOFF);

        assertThat(run.loaded()).containsExactly(DAY1);
        assertThat(run.archived()).isEmpty();
        assertThat(partitions.days()).containsExactly(DAY1, DAY3);
        assertThat(Files.readAllBytes(day1File)).isEqualTo(file);

        loader.unload(DAY1);

        assertThat(partitions.days()).containsExactly(DAY3);
        assertThat(raw.rows(DAY1)).isEmpty();
        assertThat(loader.archive(DAY1).orElseThrow().loaded()).isFalse();
        assertThat(archiver.archiveBefore(CUTOFF).archived()).isEmpty();
        assertThat(loader.load(day1File).loaded()).as("loadable again").isEqualTo(3);
    }

    @Test
    void unloadingRefusesWhatWouldLoseRows() throws Exception {
        archiver.archiveBefore(CUTOFF);
        assertThatThrownBy(() -> loader.unload(DAY1)).hasMessageContaining("is not loaded");
        assertThatThrownBy(() -> loader.unload(DAY3)).hasMessageContaining("has no archive");

        loader.load(day1File);
        raw.row(13, "2026-03-01 13:00:00+00", raw.urllib3, raw.urllib3Release, null, 2, null); // not
                                                                                               // in
                                                                                               // the
                                                                                               // file
        assertThatThrownBy(() -> loader.unload(DAY1)).isInstanceOf(ArchiveException.class)
            .hasMessageContaining("downloads_p20260301 holds 4 row(s), the load put back 3");
        jdbc.update("DELETE FROM downloads WHERE id = 13");

        Files.delete(day1File);
        assertThatThrownBy(() -> loader.unload(DAY1)).isInstanceOf(ArchiveException.class)
            .hasMessageContaining("cannot read the archive of 2026-03-01");
        assertThat(raw.rows(DAY1)).hasSize(3);
    }

    @Test
    void aFileThatIsNotTheRecordedArchiveOfItsDayIsRefused() throws Exception {
        archiver.archiveBefore(CUTOFF);
        RawDays.gzip(day1File, raw.day1Csv().lines().limit(3).map(l -> l + "\n").reduce("", String::concat));

        assertThatThrownBy(() -> loader.load(day1File)).isInstanceOf(ArchiveException.class)
            .hasMessageContaining("not the archive recorded for 2026-03-01")
            .hasMessageContaining("3 row(s)");

        assertThat(raw.rows(DAY1)).isEmpty();
        assertThat(partitions.days()).as("the partition made for it is rolled back").containsExactly(DAY3);
    }

    @Test
    void rowsOfPackagesDeletedSinceTheArchiveAreSkipped() {
        archiver.archiveBefore(CUTOFF);
        tx.executeWithoutResult(
                s -> entityManager.remove(entityManager.find(io.pkgpulse.model.catalog.Package.class, raw.six)));

        ArchiveLoader.Loaded loaded = loader.load(day1File);

        assertThat(loaded.rows()).isEqualTo(3);
        assertThat(loaded.loaded()).isEqualTo(2);
        assertThat(loaded.skipped()).isEqualTo(1);
        assertThat(raw.rows(DAY1)).extracting(r -> r.substring(0, r.indexOf('|'))).containsExactly("10", "12");
    }

    @Test
    void anArchiveFromElsewhereIsLoadedAndRecorded() throws Exception {
        archiver.archiveBefore(CUTOFF);
        Path elsewhere = Files.createDirectories(directory.resolve("copy")).resolve("downloads-2026-03-02.csv.gz");
        Files.move(day2File, elsewhere);
        jdbc.update("DELETE FROM download_archives WHERE day = ?", DAY2);

        assertThat(loader.load(elsewhere).loaded()).isEqualTo(2);

        DownloadArchive archive = loader.archive(DAY2).orElseThrow();
        assertThat(archive.path()).isEqualTo(elsewhere);
        assertThat(archive.archivedAt()).as("not archived by this database").isNull();
        assertThat(archive.rows()).isEqualTo(2);
        assertThat(archive.sha256()).isEqualTo(ArchiveFiles.sha256(elsewhere));
        assertThatThrownBy(() -> loader.load(elsewhere)).hasMessageContaining("was loaded already");
    }

    @Test
    void whatIsNotAnArchiveIsRefusedWithoutChangingAnything() throws Exception {
        long rows = raw.rawCount();
        Path wrongName = Files.writeString(directory.resolve("downloads.csv.gz"), "x");
        Path notGzip = Files.writeString(directory.resolve("downloads-2026-02-01.csv.gz"), "id,downloaded_at\n");
        Path badHeader = directory.resolve("downloads-2026-02-02.csv.gz");
        RawDays.gzip(badHeader, "id,time,package_id,release_id,client_profile_id,file_type,country_code\n");
        Path badValue = directory.resolve("downloads-2026-02-03.csv.gz");
        RawDays.gzip(badValue, RawDays.HEADER + "\nten,2026-02-03 00:00:00+00,1,1,,1,\n");
        Path otherDay = directory.resolve("downloads-2026-02-04.csv.gz");
        RawDays.gzip(otherDay,
                RawDays.HEADER + "\n1,2026-02-05 00:00:00+00," + raw.urllib3 + "," + raw.urllib3Release + ",,1,\n");
        Path truncated = directory.resolve("downloads-2026-02-06.csv.gz");
        RawDays.gzip(truncated, raw.day1Csv());
        byte[] whole = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 6));

        assertThatThrownBy(() -> loader.load(wrongName)).hasMessageContaining("not an archive file name");
        assertThatThrownBy(() -> loader.load(directory.resolve("downloads-2026-02-07.csv.gz")))
            .hasMessageContaining("no such file");
        assertThatThrownBy(() -> loader.load(notGzip)).hasMessageContaining("Not in GZIP format");
        assertThatThrownBy(() -> loader.load(badHeader)).hasMessageContaining("column name mismatch");
        assertThatThrownBy(() -> loader.load(badValue)).hasMessageContaining("invalid input syntax for type bigint");
        assertThatThrownBy(() -> loader.load(otherDay)).hasMessageContaining("do not fit day 2026-02-04");
        assertThatThrownBy(() -> loader.load(truncated)).isInstanceOf(ArchiveException.class);

        assertThat(raw.rawCount()).isEqualTo(rows);
        assertThat(loader.archives()).isEmpty();
        assertThat(partitions.days()).containsExactly(DAY1, DAY2, DAY3);
    }

}
