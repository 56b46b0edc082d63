package io.pkgpulse.model.archive;

import static io.pkgpulse.model.archive.RawDays.CUTOFF;
import static io.pkgpulse.model.archive.RawDays.DAY1;
import static io.pkgpulse.model.archive.RawDays.DAY2;
import static io.pkgpulse.model.archive.RawDays.DAY3;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.Deflater;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.pkgpulse.model.ModelIntegrationTest;
import io.pkgpulse.model.downloads.DownloadPartitions;
import io.pkgpulse.testsupport.TestPostgres;

@ModelIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class DownloadArchiverTest {

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

    @TempDir
    Path temp;

    RawDays raw;

    Path directory;

    @BeforeEach
    void rawDays() {
        raw = new RawDays(jdbc, tx, entityManager, partitions);
        directory = temp.resolve("archive"); // created by the archiver
    }

    DownloadArchiver archiver(Path archiveDirectory) {
        return new DownloadArchiver(dataSource, jdbc, tx, partitions, RawDays.properties(archiveDirectory));
    }

    @Test
    void eachDayPastRetentionIsWrittenToItsFileWithExactlyItsRowsThenDropped() throws Exception {
        String rollups = raw.rollups();
        List<String> kept = raw.rows(DAY3);

        ArchiveRun run = archiver(directory).archiveBefore(CUTOFF);

        assertThat(run.archived()).containsExactly(DAY1, DAY2);
        assertThat(run.failed()).isEmpty();
        assertThat(run.overdue()).isZero();
        assertThat(RawDays.gunzip(directory.resolve("downloads-2026-03-01.csv.gz"))).isEqualTo(raw.day1Csv());
        assertThat(RawDays.gunzip(directory.resolve("downloads-2026-03-02.csv.gz"))).isEqualTo(raw.day2Csv());
        try (var files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file left")
                .containsExactlyInAnyOrder("downloads-2026-03-01.csv.gz", "downloads-2026-03-02.csv.gz");
        }
        assertThat(partitions.days()).containsExactly(DAY3);
        assertThat(raw.rows(DAY1)).isEmpty();
        assertThat(raw.rows(DAY3)).isEqualTo(kept);
        assertThat(raw.rollups()).as("rollups are kept forever").isEqualTo(rollups);
    }

    @Test
    void eachFileIsRecordedWithItsRowsSizeAndChecksum() throws Exception {
        archiver(directory).archiveBefore(CUTOFF);

        List<DownloadArchive> archives = new DownloadArchives(jdbc).all();
        assertThat(archives).extracting(DownloadArchive::day).containsExactly(DAY1, DAY2);
        DownloadArchive first = archives.get(0);
        Path file = directory.resolve("downloads-2026-03-01.csv.gz");
        assertThat(first.path()).isEqualTo(file);
        assertThat(first.rows()).isEqualTo(3);
        assertThat(first.bytes()).isEqualTo(Files.size(file));
        assertThat(first.sha256()).isEqualTo(ArchiveFiles.sha256(file));
        assertThat(first.archivedAt()).isNotNull();
        assertThat(first.loaded()).isFalse();
        assertThat(archives.get(1).rows()).isEqualTo(2);
    }

    @Test
    void aPastDaysRowsInTheDefaultPartitionAreArchivedInTheirDaysFile() throws Exception {
        LocalDate day0 = DAY1.minusDays(1); // no partition: its row goes to
                                            // downloads_default
        raw.row(5, "2026-02-28 18:00:00+00", raw.urllib3, raw.urllib3Release, null, 2, "IT");
        raw.row(40, "2026-03-04 18:00:00+00", raw.urllib3, raw.urllib3Release, null, 2, "IT"); // not
                                                                                               // past
                                                                                               // retention

        ArchiveRun run = archiver(directory).archiveBefore(CUTOFF);

        assertThat(run.archived()).containsExactly(day0, DAY1, DAY2);
        assertThat(RawDays.gunzip(directory.resolve("downloads-2026-02-28.csv.gz"))).isEqualTo(RawDays.HEADER + "\n"
                + "5,2026-02-28 18:00:00+00," + raw.urllib3 + "," + raw.urllib3Release + ",,2,IT\n");
        assertThat(jdbc.queryForList("SELECT id FROM downloads_default", Long.class)).containsExactly(40L);
        assertThat(partitions.days()).containsExactly(DAY3);
    }

    @Test
    void anEmptyDayGetsAFileWithItsHeaderOnly() throws Exception {
        jdbc.update("DELETE FROM downloads WHERE id = 20 OR id = 21");

        archiver(directory).archiveBefore(CUTOFF);

        assertThat(RawDays.gunzip(directory.resolve("downloads-2026-03-02.csv.gz"))).isEqualTo(RawDays.HEADER + "\n");
        assertThat(partitions.days()).containsExactly(DAY3);
    }

    @Test
    void aFailedWriteLeavesThePartitionsAndSaysWhy(CapturedOutput output) throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("archive-file"), "in the way");
        List<String> day1 = raw.rows(DAY1);

        ArchiveRun run = archiver(notADirectory).archiveBefore(CUTOFF);

        assertThat(run.archived()).isEmpty();
        assertThat(run.failed()).containsOnlyKeys(DAY1, DAY2);
        assertThat(run.failed().get(DAY1)).contains(notADirectory.toString(), "not a directory");
        assertThat(run.overdue()).isEqualTo(2);
        assertThat(partitions.days()).containsExactly(DAY1, DAY2, DAY3);
        assertThat(raw.rows(DAY1)).isEqualTo(day1);
        assertThat(new DownloadArchives(jdbc).all()).isEmpty();
        assertThat(output).contains("ERROR")
            .contains("Could not archive raw day 2026-03-01 to " + notADirectory.resolve("downloads-2026-03-01.csv.gz"))
            .contains("not a directory")
            .contains("Its partition downloads_p20260301 stays");
    }

    @Test
    void anExistingFileWithOtherRowsIsNeverOverwritten(CapturedOutput output) throws Exception {
        Files.createDirectories(directory);
        Path existing = directory.resolve("downloads-2026-03-01.csv.gz");
        RawDays.gzip(existing, RawDays.HEADER + "\n1,2026-03-01 00:00:00+00,1,1,,1,\n");
        byte[] before = Files.readAllBytes(existing);

        ArchiveRun run = archiver(directory).archiveBefore(CUTOFF);

        assertThat(run.archived()).containsExactly(DAY2);
        assertThat(run.failed()).containsOnlyKeys(DAY1);
        assertThat(run.failed().get(DAY1)).contains("exists already and holds other rows", "not overwritten");
        assertThat(Files.readAllBytes(existing)).isEqualTo(before);
        assertThat(directory.resolve("downloads-2026-03-01.csv.gz.tmp")).doesNotExist();
        assertThat(partitions.days()).containsExactly(DAY1, DAY3);
        assertThat(output).contains("Could not archive raw day 2026-03-01");
    }

    @Test
    void anExistingFileWithTheSameRowsIsKeptAndRecorded() throws Exception {
        // As an attempt leaves it whose file was renamed into place but whose transaction
        // did not commit.
        Files.createDirectories(directory);
        Path existing = directory.resolve("downloads-2026-03-01.csv.gz");
        RawDays.gzip(existing, raw.day1Csv(), Deflater.BEST_SPEED);
        byte[] before = Files.readAllBytes(existing);

        ArchiveRun run = archiver(directory).archiveBefore(CUTOFF);

        assertThat(run.archived()).containsExactly(DAY1, DAY2);
        assertThat(Files.readAllBytes(existing)).isEqualTo(before);
        assertThat(new DownloadArchives(jdbc).find(DAY1).orElseThrow().sha256())
            .isEqualTo(ArchiveFiles.sha256(existing));
    }

    @Test
    void withoutADirectoryPastDaysAreKeptAndThatIsSaidOnce(CapturedOutput output) {
        DownloadArchiver unconfigured = archiver(null);

        ArchiveRun first = unconfigured.archiveBefore(CUTOFF);
        ArchiveRun second = unconfigured.archiveBefore(CUTOFF);

        assertThat(first.unconfigured()).containsExactly(DAY1, DAY2);
        assertThat(second.overdue()).isEqualTo(2);
        assertThat(partitions.days()).containsExactly(DAY1, DAY2, DAY3);
        assertThat(output.getOut().split("archive-directory is not set", -1)).as("warned once").hasSize(2);
        assertThat(output).contains("WARN").contains("raw days before 2026-03-03 (2 day(s) from 2026-03-01) are kept");
    }

    @Test
    void whileAnotherProcessArchivesAPassLeavesTheDaysToIt() throws Exception {
        try (Connection other = TestPostgres.database().connect(); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("SELECT pg_advisory_xact_lock(" + DownloadArchiver.LOCK_KEY + ")");

            ArchiveRun run = archiver(directory).archiveBefore(CUTOFF);

            assertThat(run.archived()).isEmpty();
            assertThat(run.failed()).isEmpty();
            other.rollback();
        }
        assertThat(partitions.days()).containsExactly(DAY1, DAY2, DAY3);
        assertThat(archiver(directory).archiveBefore(CUTOFF).archived()).containsExactly(DAY1, DAY2);
    }

    @Test
    void aDayArchivedAlreadyWhosePartitionCameBackEmptyIsDropped() {
        archiver(directory).archiveBefore(CUTOFF);
        partitions.create(DAY1, DAY1);

        ArchiveRun run = archiver(directory).archiveBefore(CUTOFF);

        assertThat(run.failed()).isEmpty();
        assertThat(partitions.days()).containsExactly(DAY3);
    }

}
