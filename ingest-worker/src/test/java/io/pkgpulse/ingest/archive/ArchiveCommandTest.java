package io.pkgpulse.ingest.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.pkgpulse.ingest.IngestDatabase;
import io.pkgpulse.testsupport.TestDatabase;
import io.pkgpulse.testsupport.TestPostgres;

/**
 * The worker jar's archive commands, run as {@code main} runs them: a context of their
 * own against this run's database, the outcome on standard output and error, and an exit
 * status.
 */
class ArchiveCommandTest {

    static final String DAY = "2025-01-15";

    final IngestDatabase database = new IngestDatabase();

    final JdbcTemplate jdbc = database.jdbc();

    @TempDir
    Path directory;

    Path archive;

    long packageId;

    long releaseId;

    @BeforeEach
    void anArchiveFileOfADayNotInTheDatabase() throws IOException {
        database.truncate();
        jdbc.execute("DROP TABLE IF EXISTS downloads_p20250115");
        packageId = jdbc.queryForObject(
                """
                        INSERT INTO packages (id, name, normalized_name) VALUES (nextval('packages_seq'), 'requests', 'requests')
                        RETURNING id""",
                Long.class);
        releaseId = jdbc.queryForObject("""
                INSERT INTO releases (id, package_id, version, major, minor, micro, sort_key, prerelease)
                VALUES (nextval('releases_seq'), ?, '2.32.3', 2, 32, 3, '', false) RETURNING id""", Long.class,
                packageId);
        archive = directory.resolve("downloads-" + DAY + ".csv.gz");
        gzip(archive,
                "id,downloaded_at,package_id,release_id,client_profile_id,file_type,country_code\n" + "1," + DAY
                        + " 01:00:00+00," + packageId + "," + releaseId + ",,2,DE\n" + "2," + DAY + " 02:00:00.25+00,"
                        + packageId + "," + releaseId + ",,1,\n");
    }

    @Test
    void loadsAnArchiveOnceAndRefusesItTheSecondTime() throws IOException {
        Path notAnArchive = Files.writeString(directory.resolve("downloads-2025-01-16.csv.gz"), "plain text");

        Result first = run("load-archive", archive.toString(), notAnArchive.toString());

        assertThat(first.status()).as("one of the files was refused").isEqualTo(1);
        assertThat(first.out()).contains("Loaded " + archive + ": 2 row(s) of " + DAY + " into downloads_p20250115",
                "Rollups unchanged");
        assertThat(first.err()).contains("load-archive: " + notAnArchive + ": refused: cannot read " + notAnArchive,
                "not a gzip file");
        assertThat(rows()).containsExactly("1|2025-01-15 01:00:00+00|DE", "2|2025-01-15 02:00:00.25+00|-");

        Result second = run("load-archive", archive.toString());

        assertThat(second.status()).isEqualTo(1);
        assertThat(second.out()).isEmpty();
        assertThat(second.err()).contains("refused: day " + DAY + " was loaded already", "nothing loaded");
        assertThat(rows()).as("nothing counted twice").hasSize(2);
        assertThat(database.rollupSum("daily_downloads")).as("loading touches no rollup").isZero();

        Result list = run("list-archives");

        assertThat(list.status()).isZero();
        assertThat(list.out()).contains(DAY + "  loaded        2  " + archive);

        Result unload = run("unload-archive", DAY);

        assertThat(unload.status()).isZero();
        assertThat(unload.out()).contains("Unloaded " + DAY);
        assertThat(rows()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT to_regclass('downloads_p20250115') IS NULL", Boolean.class)).isTrue();
    }

    @Test
    void aMissingFileOrAWrongNameExitsNonZeroWithTheReason() {
        Result result = run("load-archive", directory.resolve("downloads-2025-01-17.csv.gz").toString(),
                directory.resolve("dump.sql").toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("refused: no such file: " + directory.resolve("downloads-2025-01-17.csv.gz"))
            .contains("refused: not an archive file name: expected downloads-YYYY-MM-DD.csv.gz, got 'dump.sql'");
        assertThat(rows()).isEmpty();
    }

    @Test
    void usageErrorsExitWithTwoBeforeConnecting() {
        Result nothing = ArchiveCommandTest.runRaw("load-archive");
        Result badDay = ArchiveCommandTest.runRaw("unload-archive", "15/01/2025");

        assertThat(nothing.status()).isEqualTo(2);
        assertThat(nothing.err()).contains("load-archive: nothing to do", "usage:");
        assertThat(badDay.status()).isEqualTo(2);
        assertThat(badDay.err()).contains("not a day: '15/01/2025' (expected YYYY-MM-DD)");
    }

    @Test
    void anUnreachableDatabaseExitsNonZeroWithTheReason() {
        Result result = runRaw("list-archives", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
                "--spring.datasource.hikari.connection-timeout=2000");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("list-archives: cannot start: ").contains("127.0.0.1:1");
    }

    @Test
    void theArchiveCommandsAreRecognisedAndTheWorkerIsNot() {
        assertThat(ArchiveCommand.isCommand(new String[] { "load-archive", "x" })).isTrue();
        assertThat(ArchiveCommand.isCommand(new String[] { "unload-archive" })).isTrue();
        assertThat(ArchiveCommand.isCommand(new String[] { "list-archives" })).isTrue();
        assertThat(ArchiveCommand.isCommand(new String[] { "--spring.profiles.active=local" })).isFalse();
        assertThat(ArchiveCommand.isCommand(new String[0])).isFalse();
    }

    private List<String> rows() {
        return jdbc.queryForList("""
                SELECT id || '|' || to_char(downloaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') ||
                       CASE WHEN extract(microseconds FROM downloaded_at)::bigint % 1000000 = 0 THEN ''
                            ELSE '.' || rtrim(to_char(downloaded_at AT TIME ZONE 'UTC', 'US'), '0') END
                       || '+00|' || coalesce(country_code, '-')
                FROM downloads ORDER BY id""", String.class);
    }

    record Result(int status, String out, String err) {
    }

    /** The command against this run's database. */
    private static Result run(String... args) {
        TestDatabase test = TestPostgres.database();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--spring.datasource.url=" + test.jdbcUrl());
        all.add("--spring.datasource.username=" + test.username());
        all.add("--spring.datasource.password=" + test.password());
        return runRaw(all.toArray(String[]::new));
    }

    private static Result runRaw(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ArchiveCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

}
