package io.pkgpulse.reporting.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.PlatformTransactionManager;

import io.pkgpulse.reporting.DownloadBatch;
import io.pkgpulse.reporting.RollupSeed;
import io.pkgpulse.reporting.WorkerCommits;
import io.pkgpulse.reporting.changes.ChangeClock;
import io.pkgpulse.testsupport.SqlStatementCounter;
import io.pkgpulse.testsupport.TestInfrastructure;

/**
 * {@code GET /api/live} over real HTTP, read as a browser's EventSource reads it, with
 * small limits (2 streams per client, 4 in all), heartbeats every 200 ms and streams that
 * last 5 s at most. {@code X-Forwarded-For} is honoured from this machine, as behind a
 * proxy, so that each test is a client (or several) of its own; the rate limit is 6
 * requests a minute, so that a stream counted twice would show. No other test shares
 * these settings: the context is closed afterwards, which gives its database connections
 * back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "pkgpulse.live.heartbeat=200ms", "pkgpulse.live.max-streams-per-client=2",
                "pkgpulse.live.max-streams=4", "pkgpulse.live.max-duration=5s",
                "pkgpulse.ratelimit.anonymous-per-minute=6", "server.forward-headers-strategy=native" })
@Import({ TestInfrastructure.class, SqlStatementCounter.class })
@DirtiesContext
class LiveStreamTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ChangeClock changes;

    @Autowired
    LiveFeed feed;

    @Autowired
    Clock clock;

    final List<SseClient> clients = new ArrayList<>();

    Instant hour;

    LocalDate today;

    long alpha;

    long alpha1;

    long alpha2;

    long beta;

    long beta1;

    @BeforeEach
    void seed() {
        // Streams of the test before may still be open until a heartbeat finds them
        // closed.
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.openStreams() == 0);
        RollupSeed rollups = new RollupSeed(jdbc, changes);
        rollups.truncate();
        hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        today = LocalDate.ofInstant(hour, ZoneOffset.UTC);
        alpha = rollups.pkg("Live_Alpha");
        alpha1 = rollups.release(alpha, "1.0");
        alpha2 = rollups.release(alpha, "2.0");
        beta = rollups.pkg("live-beta");
        beta1 = rollups.release(beta, "0.1");
        batch().add(alpha, alpha2, hour, false, 30)
            .add(alpha, alpha1, hour, false, 10)
            .add(alpha, alpha2, hour, true, 5)
            .add(alpha, alpha1, hour.minus(1, ChronoUnit.HOURS), false, 7)
            .add(beta, beta1, hour, false, 3)
            .commit();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(SseClient::close);
    }

    /**
     * The state follows the response's headers at once, before the stream ends (nothing
     * buffers it).
     */
    @Test
    void theFirstEventIsTheCurrentStateAndArrivesWhileTheStreamIsOpen() throws IOException {
        SseClient stream = open("/api/live?package=LIVE.alpha", "192.0.2.1");

        assertThat(stream.status).isEqualTo(200);
        assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
        assertThat(stream.header("X-Accel-Buffering")).isEqualTo("no");
        assertThat(stream.header("ETag")).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> !stream.events.isEmpty());
        assertThat(stream.ended()).as("stream still open").isFalse();
        assertThat(stream.retries).startsWith(3000L);

        SseClient.Event first = stream.events.get(0);
        assertThat(first.name()).isEqualTo("downloads");
        assertThat(Long.parseLong(first.id())).isPositive();
        JsonNode state = JSON.readTree(first.data());
        assertThat(state.get("package").asString()).isEqualTo("live-alpha");
        assertThat(state.has("hidden")).isFalse();
        assertThat(state.get("day").asString()).isEqualTo(today.toString());
        // The 7 downloads of the hour before are today's unless this hour is the day's
        // first.
        long before = LocalDate.ofInstant(hour.minus(1, ChronoUnit.HOURS), ZoneOffset.UTC).equals(today) ? 7 : 0;
        assertThat(state.get("today").get("with_mirrors").asLong()).isEqualTo(45 + before);
        assertThat(state.get("today").get("without_mirrors").asLong()).isEqualTo(40 + before);
        assertThat(state.get("hour").asString()).isEqualTo(hour.toString());
        assertThat(state.get("this_hour").get("with_mirrors").asLong()).isEqualTo(45);
        assertThat(state.get("this_hour").get("without_mirrors").asLong()).isEqualTo(40);
        JsonNode hours = state.get("hours");
        assertThat(hours.get("first").asString()).isEqualTo(hour.minus(47, ChronoUnit.HOURS).toString());
        assertThat(hours.get("without_mirrors")).hasSize(48);
        assertThat(hours.get("without_mirrors").get(47).asLong()).isEqualTo(40);
        assertThat(hours.get("without_mirrors").get(46).asLong()).isEqualTo(7);
        assertThat(hours.get("with_mirrors").get(47).asLong()).isEqualTo(45);
        JsonNode versions = state.get("versions");
        assertThat(versions.get("first").asString()).isEqualTo(hour.minus(1, ChronoUnit.HOURS).toString());
        assertThat(versions.get("names").toString()).isEqualTo("[\"2.0\",\"1.0\"]");
        assertThat(versions.get("downloads").toString()).isEqualTo("[[0,7],[30,10]]");
    }

    @Test
    void allPackagesHaveAStreamOfTheirTotals() throws IOException {
        SseClient stream = open("/api/live", "192.0.2.2");
        await().atMost(Duration.ofSeconds(5)).until(() -> !stream.events.isEmpty());
        JsonNode first = JSON.readTree(stream.events.get(0).data());
        assertThat(first.get("package").asString()).isEqualTo("__all__");
        assertThat(first.has("versions")).isFalse();
        long before = first.get("today").get("without_mirrors").asLong();

        batch().add(beta, beta1, hour, false, 4).commit();

        await().atMost(Duration.ofSeconds(2))
            .untilAsserted(
                    () -> assertThat(JSON.readTree(stream.last().data()).get("today").get("without_mirrors").asLong())
                        .isEqualTo(before + 4));
        assertThat(JSON.readTree(stream.last().data()).get("this_hour").get("without_mirrors").asLong()).isEqualTo(47);
    }

    /**
     * However many streams watch a package, a change costs one read, and every stream
     * gets the same event; a stream of a package that did not change gets nothing. A
     * burst of changes is read at most once per min-read-interval.
     */
    @Test
    void oneReadPerChangeIsFannedOutToEveryStream() throws Exception {
        List<SseClient> alphas = List.of(open("/api/live?package=live-alpha", "192.0.2.3"),
                open("/api/live?package=live-alpha", "192.0.2.3"), open("/api/live?package=live-alpha", "192.0.2.4"));
        SseClient betaStream = open("/api/live?package=live-beta", "192.0.2.4");
        await().atMost(Duration.ofSeconds(5))
            .until(() -> alphas.stream().allMatch(s -> s.events.size() == 1) && betaStream.events.size() == 1);
        onReader(() -> {
            SqlStatementCounter.reset();
            return null;
        });

        batch().add(alpha, alpha2, hour, false, 100).commit();

        await().atMost(Duration.ofSeconds(2)).until(() -> alphas.stream().allMatch(s -> s.events.size() == 2));
        assertThat(onReader(() -> SqlStatementCounter.counted().getTotal())).isEqualTo(1);
        String id = alphas.get(0).last().id();
        for (SseClient stream : alphas) {
            assertThat(stream.last().id()).isEqualTo(id).isNotEqualTo(stream.events.get(0).id());
            assertThat(Long.parseLong(id)).isGreaterThan(Long.parseLong(stream.events.get(0).id()));
            assertThat(JSON.readTree(stream.last().data()).get("this_hour").get("without_mirrors").asLong())
                .isEqualTo(140);
        }

        onReader(() -> {
            SqlStatementCounter.reset();
            return null;
        });
        long started = System.nanoTime();
        for (int i = 1; i <= 5; i++) {
            batch().add(alpha, alpha1, hour, false, 1).commit();
        }
        long burstMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        await().atMost(Duration.ofSeconds(2))
            .untilAsserted(() -> assertThat(alphas).allSatisfy(stream -> assertThat(
                    JSON.readTree(stream.last().data()).get("this_hour").get("without_mirrors").asLong())
                .isEqualTo(145)));
        // One read may start with the first change, the next waits for the interval (250
        // ms) to pass.
        assertThat(onReader(() -> SqlStatementCounter.counted().getTotal())).isLessThanOrEqualTo(2 + burstMillis / 250);
        assertThat(betaStream.events).hasSize(1);
    }

    @Test
    void changesMissedRefreshesEveryWatchedPackage() throws IOException {
        SseClient stream = open("/api/live?package=live-beta", "192.0.2.5");
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.events.size() == 1);

        // A change that names no package: the API's listener publishes ChangesMissed, as
        // after a lost connection.
        jdbc.update("UPDATE daily_downloads SET downloads = downloads + 1000 WHERE package_id = ? AND NOT mirror",
                beta);
        WorkerCommits.announceEverything(jdbc, changes);

        await().atMost(Duration.ofSeconds(2)).until(() -> stream.events.size() == 2);
        assertThat(JSON.readTree(stream.last().data()).get("today").get("without_mirrors").asLong()).isEqualTo(1003);
    }

    @Test
    void heartbeatsAreCommentsThatKeepAnUnchangedStreamOpen() throws IOException {
        SseClient stream = open("/api/live?package=live-beta", "192.0.2.6");

        await().atMost(Duration.ofSeconds(5)).until(() -> stream.comments.get() >= 3);
        assertThat(stream.events).hasSize(1);
        assertThat(stream.ended()).isFalse();
    }

    /**
     * The client that has the current state is sent nothing until it changes; one with an
     * older id gets it at once.
     */
    @Test
    void reconnectingWithLastEventIdSendsOnlyWhatTheClientHasNotSeen() throws IOException {
        SseClient first = open("/api/live?package=live-alpha", "192.0.2.7");
        await().atMost(Duration.ofSeconds(5)).until(() -> first.events.size() == 1);
        String seen = first.last().id();
        first.close();

        SseClient again = open("/api/live?package=live-alpha", "192.0.2.7", "Last-Event-ID", seen);
        await().atMost(Duration.ofSeconds(5)).until(() -> again.comments.get() >= 3);
        assertThat(again.events).isEmpty();
        assertThat(again.retries).containsExactly(3000L);

        batch().add(alpha, alpha2, hour, false, 1).commit();
        await().atMost(Duration.ofSeconds(2)).until(() -> again.events.size() == 1);
        String current = again.last().id();
        assertThat(Long.parseLong(current)).isGreaterThan(Long.parseLong(seen));
        again.close();

        SseClient behind = open("/api/live?package=live-alpha", "192.0.2.8", "Last-Event-ID", seen);
        SseClient stranger = open("/api/live?package=live-alpha", "192.0.2.8", "Last-Event-ID", "not-an-id");
        await().atMost(Duration.ofSeconds(5)).until(() -> behind.events.size() == 1 && stranger.events.size() == 1);
        assertThat(behind.last().id()).isEqualTo(current);
        assertThat(stranger.last().id()).isEqualTo(current);
        assertThat(JSON.readTree(behind.last().data()).get("this_hour").get("without_mirrors").asLong()).isEqualTo(41);
    }

    @Test
    void eachClientMayOpenAFewStreamsAndTheProcessAFewMore() throws IOException {
        SseClient one = open("/api/live?package=live-alpha", "192.0.2.10");
        open("/api/live?package=live-beta", "192.0.2.10");
        SseClient refused = open("/api/live", "192.0.2.10");

        assertThat(refused.status).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        JsonNode problem = JSON.readTree(refused.body);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/too-many-streams");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("limit").asInt()).isEqualTo(2);
        assertThat(problem.get("instance").asString()).isEqualTo("/api/live");

        SseClient other = open("/api/live?package=live-alpha", "192.0.2.11");
        open("/api/live?package=live-alpha", "192.0.2.12");
        assertThat(other.status).isEqualTo(200);
        SseClient full = open("/api/live?package=live-alpha", "192.0.2.13");

        assertThat(full.status).isEqualTo(503);
        assertThat(full.header("Content-Type")).startsWith("application/problem+json");
        assertThat(full.header("Retry-After")).isEqualTo("1");
        assertThat(JSON.readTree(full.body).get("type").asString()).isEqualTo("/problems/no-stream-capacity");

        // A closed stream frees its slot once a heartbeat finds the connection gone.
        one.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> feed.openStreams("192.0.2.10") == 1);
        SseClient reopened = open("/api/live?package=live-alpha", "192.0.2.10");
        assertThat(reopened.status).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !reopened.events.isEmpty());

        other.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> feed.openStreams() == 3);
        assertThat(open("/api/live?package=live-alpha", "192.0.2.13").status).isEqualTo(200);
    }

    /**
     * The server ends a stream after max-duration; its slot is freed, and the rate
     * limiter counted it once.
     */
    @Test
    void aStreamThatTimesOutFreesItsSlotAndCountsAsOneRequest() throws IOException {
        SseClient stream = open("/api/live?package=live-beta", "192.0.2.20");
        assertThat(stream.header("RateLimit-Remaining")).isEqualTo("5");

        await().atMost(Duration.ofSeconds(10)).until(stream::ended);
        await().atMost(Duration.ofSeconds(5)).until(() -> feed.openStreams("192.0.2.20") == 0);

        SseClient next = open("/api/live?package=live-beta", "192.0.2.20");
        assertThat(next.status).isEqualTo(200);
        assertThat(next.header("RateLimit-Remaining")).isEqualTo("4");
    }

    /** Its streams end, and only those who may still see it get back in. */
    @Test
    void aPackageThatBecomesPrivateEndsItsStreams() throws IOException {
        SseClient betaStream = open("/api/live?package=live-beta", "192.0.2.40");
        SseClient alphaStream = open("/api/live?package=live-alpha", "192.0.2.40");
        await().atMost(Duration.ofSeconds(5))
            .until(() -> betaStream.events.size() == 1 && alphaStream.events.size() == 1);

        // As a visibility change announces itself to every instance: anything may have
        // changed.
        jdbc.update("UPDATE packages SET is_private = true WHERE id = ?", beta);
        WorkerCommits.announceEverything(jdbc, changes);

        await().atMost(Duration.ofSeconds(5)).until(betaStream::ended);
        assertThat(alphaStream.ended()).isFalse();
        assertThat(open("/api/live?package=live-beta", "192.0.2.41").status).isEqualTo(404);
    }

    @Test
    void anUnknownPackageIsA404Problem() throws IOException {
        SseClient stream = open("/api/live?package=no-such-package", "192.0.2.30");

        assertThat(stream.status).isEqualTo(404);
        assertThat(stream.header("Content-Type")).startsWith("application/problem+json");
        assertThat(JSON.readTree(stream.body).get("type").asString()).isEqualTo("/problems/unknown-package");
        assertThat(feed.openStreams()).isZero();
    }

    private SseClient open(String path, String client, String... headers) throws IOException {
        String[] all = new String[headers.length + 2];
        all[0] = "X-Forwarded-For";
        all[1] = client;
        System.arraycopy(headers, 0, all, 2, headers.length);
        SseClient stream = SseClient.open(port, path, all);
        clients.add(stream);
        return stream;
    }

    private DownloadBatch batch() {
        return new DownloadBatch(jdbc, changes, transactions);
    }

    /**
     * Runs on the feed's reader thread, where the SQL statement counter counts its reads.
     */
    private <T> T onReader(Callable<T> task) throws Exception {
        return feed.reader().submit(task).get();
    }

}
