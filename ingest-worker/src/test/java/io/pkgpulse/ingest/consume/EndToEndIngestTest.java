package io.pkgpulse.ingest.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pkgpulse.ingest.IngestDatabase;
import io.pkgpulse.ingest.RunningWorker;
import io.pkgpulse.ingest.TestEvent;
import io.pkgpulse.ingest.TestKafkaClients;
import io.pkgpulse.testsupport.TestKafka;

/**
 * A known mix of events through Kafka and the worker into PostgreSQL: every raw row and
 * every rollup counter is exactly what the mix implies. The expected counts are computed
 * here from the events as sent, independently of the worker's code.
 */
class EndToEndIngestTest {

    static final String[] PROJECTS = { "requests", "Flask", "zope.interface", "typing_extensions" };
    static final String[][] VERSIONS = { { "2.31.0", "2.32.3" }, { "3.0.3" }, { "6.4", "7.0" }, { "4.12.2" } };
    static final String[] PYTHONS = { "3.12.1", "3.11.9", "3.8.18", null };
    static final String[] SYSTEMS = { "Linux", "Windows", "Darwin", "FreeBSD", null };
    static final String[] INSTALLERS = { "pip", "uv", "bandersnatch", null };
    static final String[] COUNTRIES = { "US", "DE", "in", null };
    static final String[] TYPES = { "bdist_wheel", "sdist" };
    static final Boolean[] CI = { true, false, null };

    final IngestDatabase database = new IngestDatabase();

    @BeforeEach
    void emptyTables() {
        database.truncate();
    }

    @Test
    void everyEventIsCountedOnceInRawRowsAndEveryRollup() throws Exception {
        String topic = TestKafka.uniqueName("e2e");
        TestKafkaClients.createTopic(topic, 3);
        Random random = new Random(2026);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            int p = random.nextInt(PROJECTS.length);
            sent.add(new Sent(PROJECTS[p], VERSIONS[p][random.nextInt(VERSIONS[p].length)],
                    now.minus(random.nextInt(4 * 24 * 60), ChronoUnit.MINUTES), pick(random, PYTHONS),
                    pick(random, SYSTEMS), pick(random, INSTALLERS), pick(random, COUNTRIES), pick(random, TYPES),
                    pick(random, CI), null));
        }
        // Events with a raw pip user agent instead of details: the worker parses it.
        for (int i = 0; i < 30; i++) {
            sent.add(new Sent("requests", "2.32.3", now.minus(i, ChronoUnit.HOURS), "3.11.7", "Linux", "pip", null,
                    "bdist_wheel", null, pipUserAgent()));
        }

        try (RunningWorker worker = RunningWorker.start(topic, TestKafka.uniqueName("group"), Map.of());
                KafkaProducer<byte[], byte[]> producer = TestKafkaClients.producer()) {
            for (Sent event : sent) {
                producer.send(TestKafkaClients.record(topic, event.normalizedProject(), event.json()));
            }
            producer.flush();

            await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(database.rawCount()).isEqualTo(sent.size()));
        }

        assertThat(database.rawPerPackageDayVersion())
            .isEqualTo(expected(sent, e -> e.normalizedProject() + "|" + e.day() + "|" + e.version));
        assertThat(database.counts("""
                SELECT p.normalized_name || '|' || dd.day || '|' || dd.mirror, dd.downloads
                FROM daily_downloads dd JOIN packages p ON p.id = dd.package_id"""))
            .isEqualTo(expected(sent, e -> e.normalizedProject() + "|" + e.day() + "|" + e.mirror()));
        assertThat(database
            .counts("""
                    SELECT p.normalized_name || '|' || d.day || '|' || r.version || '|' || d.mirror, d.downloads
                    FROM daily_release_downloads d JOIN packages p ON p.id = d.package_id JOIN releases r ON r.id = d.release_id"""))
            .isEqualTo(expected(sent, e -> e.normalizedProject() + "|" + e.day() + "|" + e.version + "|" + e.mirror()));
        for (String dimension : List.of("python_major", "python_minor", "system", "installer", "country", "file_type",
                "ci")) {
            assertThat(database.counts("""
                    SELECT p.normalized_name || '|' || c.day || '|' || c.category || '|' || c.mirror, c.downloads
                    FROM daily_category_downloads c JOIN packages p ON p.id = c.package_id
                    JOIN dimensions dim ON dim.code = c.dimension WHERE dim.name = ?""", dimension)).as(dimension)
                .isEqualTo(expected(sent,
                        e -> e.normalizedProject() + "|" + e.day() + "|" + e.category(dimension) + "|" + e.mirror()));
            assertThat(database.counts("""
                    SELECT c.day || '|' || c.category || '|' || c.mirror, c.downloads
                    FROM daily_total_category_downloads c JOIN dimensions dim ON dim.code = c.dimension
                    WHERE dim.name = ?""", dimension)).as("all packages, " + dimension)
                .isEqualTo(expected(sent, e -> e.day() + "|" + e.category(dimension) + "|" + e.mirror()));
        }
        assertThat(database.counts("SELECT day || '|' || mirror, downloads FROM daily_total_downloads"))
            .isEqualTo(expected(sent, e -> e.day() + "|" + e.mirror()));

        // Hourly: the same events by UTC hour, over four days, all of them inside the
        // hourly retention.
        String hour = IngestDatabase.utcHour("h.hour");
        assertThat(database.counts("""
                SELECT p.normalized_name || '|' || %s || '|' || h.mirror, h.downloads
                FROM hourly_downloads h JOIN packages p ON p.id = h.package_id""".formatted(hour)))
            .hasSizeGreaterThan(4 * 24)
            .isEqualTo(expected(sent, e -> e.normalizedProject() + "|" + e.hour() + "|" + e.mirror()));
        assertThat(database.counts("""
                SELECT p.normalized_name || '|' || %s || '|' || r.version || '|' || h.mirror, h.downloads
                FROM hourly_release_downloads h JOIN packages p ON p.id = h.package_id
                JOIN releases r ON r.id = h.release_id""".formatted(hour))).isEqualTo(
                expected(sent, e -> e.normalizedProject() + "|" + e.hour() + "|" + e.version + "|" + e.mirror()));
        assertThat(database.counts("SELECT " + hour + " || '|' || h.mirror, h.downloads FROM hourly_total_downloads h"))
            .isEqualTo(expected(sent, e -> e.hour() + "|" + e.mirror()));
        assertHourlyRollupsMatchRawRows(database);

        // Parsed from the raw agent (distro id and libc too), and the agent stored once,
        // in its client profile.
        assertThat(database.jdbc().queryForList("""
                SELECT DISTINCT p.installer_name || ' ' || p.installer_version || ' ' || p.python_version || ' '
                       || p.distro_name || ' ' || p.distro_id || ' ' || p.libc_lib || ' ' || p.libc_version
                FROM downloads d JOIN client_profiles p ON p.id = d.client_profile_id
                WHERE p.user_agent IS NOT NULL""", String.class))
            .containsExactly("pip 23.2.1 3.11.7 Debian GNU/Linux bookworm glibc 2.36");
        assertThat(database.jdbc()
            .queryForObject("SELECT count(*) FROM client_profiles WHERE user_agent IS NOT NULL", Long.class))
            .isEqualTo(1);
        // Names as first published, normalised for identity.
        assertThat(database.jdbc()
            .queryForList("SELECT name || '=' || normalized_name FROM packages ORDER BY 1", String.class))
            .containsExactly("Flask=flask", "requests=requests", "typing_extensions=typing-extensions",
                    "zope.interface=zope-interface");
    }

    @Test
    void eventsOfHoursBeforeTheHourlyRetentionAreCountedDailyButNotHourly() {
        String topic = TestKafka.uniqueName("hourly-window");
        TestKafkaClients.createTopic(topic, 1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // With one day of hourly retention the window starts 24 to 25 hours ago (23 to 25
        // if an hour starts while
        // the test runs): 22 hours ago is inside, 26 hours and three days ago are not.
        List<Sent> inside = List.of(sent("requests", now), sent("requests", now.minus(22, ChronoUnit.HOURS)),
                sent("Flask", now.minus(22, ChronoUnit.HOURS)));
        List<Sent> before = List.of(sent("requests", now.minus(26, ChronoUnit.HOURS)),
                sent("Flask", now.minus(3, ChronoUnit.DAYS)));

        try (RunningWorker worker = RunningWorker.start(topic, TestKafka.uniqueName("group"),
                Map.of("pkgpulse.downloads.hourly-retention", "1d"));
                KafkaProducer<byte[], byte[]> producer = TestKafkaClients.producer()) {
            for (Sent event : concat(inside, before)) {
                producer.send(TestKafkaClients.record(topic, event.normalizedProject(), event.json()));
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(database.rawCount()).isEqualTo(5));
        }

        assertThat(database.counts("SELECT day || '|' || mirror, downloads FROM daily_total_downloads"))
            .isEqualTo(expected(concat(inside, before), e -> e.day() + "|" + e.mirror()));
        assertThat(database.rollupSum("daily_downloads")).isEqualTo(5);
        assertThat(database.hourlyPerPackageHour())
            .isEqualTo(expected(inside, e -> e.normalizedProject() + "|" + e.hour()));
        assertThat(database.hourlyPerReleaseHour())
            .isEqualTo(expected(inside, e -> e.normalizedProject() + "|" + e.version + "|" + e.hour()));
        assertThat(database.hourlyTotalPerHour()).isEqualTo(expected(inside, e -> e.hour().toString()));
    }

    /** Every hourly rollup says what the raw rows say, hour by hour. */
    static void assertHourlyRollupsMatchRawRows(IngestDatabase database) {
        assertThat(database.hourlyPerPackageHour()).as("hourly_downloads").isEqualTo(database.rawPerPackageHour());
        assertThat(database.hourlyPerReleaseHour()).as("hourly_release_downloads")
            .isEqualTo(database.rawPerReleaseHour());
        assertThat(database.hourlyTotalPerHour()).as("hourly_total_downloads").isEqualTo(database.rawPerHour());
    }

    private static Sent sent(String project, Instant at) {
        return new Sent(project, project.equals("Flask") ? "3.0.3" : "2.32.3", at, "3.12.1", "Linux", "pip", "US",
                "bdist_wheel", false, null);
    }

    private static List<Sent> concat(List<Sent> a, List<Sent> b) {
        List<Sent> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, Long> expected(List<Sent> sent, java.util.function.Function<Sent, String> key) {
        Map<String, Long> counts = new HashMap<>();
        sent.forEach(e -> counts.merge(key.apply(e), 1L, Long::sum));
        return counts;
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    static String pipUserAgent() throws IOException {
        try (InputStream in = EndToEndIngestTest.class.getResourceAsStream("/useragent/pip-user-agent.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    /** One event as sent, and what pypistats would file it under. */
    record Sent(String project, String version, Instant at, String python, String system, String installer,
            String country, String type, Boolean ci, String userAgent) {

        String normalizedProject() {
            return project.toLowerCase().replaceAll("[-_.]+", "-");
        }

        LocalDate day() {
            return LocalDate.ofInstant(at, ZoneOffset.UTC);
        }

        /** The start of the UTC hour, printed as the database helpers print it. */
        Instant hour() {
            return at.truncatedTo(ChronoUnit.HOURS);
        }

        boolean mirror() {
            return "bandersnatch".equals(installer);
        }

        String category(String dimension) {
            return switch (dimension) {
                case "python_major" -> python == null ? "null" : python.split("\\.")[0];
                case "python_minor" -> python == null ? "null" : python.split("\\.")[0] + "." + python.split("\\.")[1];
                case "system" ->
                    system == null ? "null" : List.of("Linux", "Windows", "Darwin").contains(system) ? system : "other";
                case "installer" -> installer == null ? "null" : installer;
                case "country" -> country == null ? "null" : country.toUpperCase();
                case "file_type" -> type;
                case "ci" -> String.valueOf(ci);
                default -> throw new IllegalArgumentException(dimension);
            };
        }

        byte[] json() {
            TestEvent event = TestEvent.download(project, version, at).with("file.type", type);
            if (country == null) {
                event.without("country_code");
            }
            else {
                event.with("country_code", country);
            }
            if (userAgent != null) {
                return event.without("details").with("user_agent", userAgent).bytes();
            }
            event.with("details.python", python).with("details.system.name", system).with("details.ci", ci);
            if (installer == null) {
                event.without("details.installer");
            }
            else {
                event.with("details.installer.name", installer);
            }
            return event.bytes();
        }
    }

}
