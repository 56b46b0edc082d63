package io.pkgpulse.loadtests;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The reporting API under an open model: clients arrive at a constant rate whether or not earlier ones have been
 * answered, as independent readers on the internet do, so a slow answer cannot slow the arrivals down the way it does
 * in {@link ReportingSimulation}'s closed model (where the latency it causes hides behind a lower throughput).
 * <ol>
 * <li>{@code warmup}: {@code users} closed-model users on the stats mix for {@code open.warmup.seconds}, so that
 * the response and series caches are as full as after the closed {@code stats} phase; not reported;
 * <li>{@code open}: {@code open.rate} new users a second for {@code open.seconds}, each making one request of the
 * stats mix ({@link RequestMix}, the same weights and packages as the closed {@code stats} phase) and leaving.
 * </ol>
 * {@code bench/reporting} runs it right after {@link ReportingSimulation}, against the same API process, with
 * {@code open.rate} half the throughput that {@code /actuator/health} reached in that run's closed phase. The
 * users share a connection pool ({@code shareConnections}): a new connection for each of a thousand users a second
 * would measure TCP set-up and exhaust the loopback's ephemeral ports (each closed one waits 60 s in TIME_WAIT), not
 * the API. Requests sit in Gatling groups named after their phase; the phases' start and end go to
 * {@code phases.file}.
 *
 * <p>Settings (system properties): {@code open.rate} (users per second, required), {@code open.seconds} (60),
 * {@code open.warmup.seconds} (15; 0: none), {@code open.randomized} (false: evenly spaced arrivals; true: Gatling's
 * randomized spacing), and as in {@link ReportingSimulation} {@code base.url}, {@code users}, {@code badges},
 * {@code zipf.exponent}, {@code packages.file}, {@code phases.file}.
 */
public class ReportingOpenSimulation extends Simulation {

    private static final String BASE_URL = System.getProperty("base.url", "http://127.0.0.1:18080");
    private static final int USERS = Integer.getInteger("users", 32);
    private static final double RATE = Double.parseDouble(System.getProperty("open.rate", "0"));
    private static final Duration DURATION = Duration.ofSeconds(Long.getLong("open.seconds", 60));
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("open.warmup.seconds", 15));
    private static final boolean RANDOMIZED = Boolean.parseBoolean(System.getProperty("open.randomized", "false"));
    private static final boolean BADGES = Boolean.parseBoolean(System.getProperty("badges", "true"));
    private static final double ZIPF = Double.parseDouble(System.getProperty("zipf.exponent", "1.1"));
    private static final Path PACKAGES = Path.of(System.getProperty("packages.file",
            "../.cache/bench/reporting-packages.csv"));
    private static final Path PHASES = Path.of(System.getProperty("phases.file", "target/phases-open.json"));

    private final PhaseClock phases = new PhaseClock();

    {
        if (!(RATE > 0)) {
            throw new IllegalArgumentException("open.rate (users per second) must be set and positive, e.g."
                    + " -Dopen.rate=800; bench/reporting sets it to half the closed model's health throughput");
        }
        RequestMix mix = new RequestMix(PackageNames.read(PACKAGES), ZIPF, BADGES, LocalDate.now(ZoneOffset.UTC));
        System.out.printf("Reporting API load test, open model: %s, %.1f users/s for %s (%s arrivals), each one"
                + " request of the stats mix; warm-up %s with %d closed-model users; badges %s, %d packages%n",
                BASE_URL, RATE, DURATION, RANDOMIZED ? "randomized" : "evenly spaced", WARMUP, USERS,
                BADGES ? "on" : "off", mix.packageCount());

        HttpProtocolBuilder protocol = ReportingSimulation.protocol(BASE_URL).shareConnections();

        ScenarioBuilder open = scenario("open")
                .exec(session -> {
                    phases.started("open");
                    return session;
                })
                .exec(feed(mix.statsFeeder()))
                .exec(group("open").on(http("#{endpoint}").get("#{path}").header("Accept", "#{accept}")))
                .exec(session -> {
                    phases.ended("open");
                    return session;
                });
        var arrivals = constantUsersPerSec(RATE).during(DURATION);
        PopulationBuilder openPopulation = open.injectOpen(RANDOMIZED ? arrivals.randomized() : arrivals);

        // Bounded: users still waiting for an answer 30 s after the last arrival are stopped with the run.
        Duration limit = DURATION.plus(Duration.ofSeconds(30));
        if (WARMUP.isZero()) {
            setUp(openPopulation).protocols(protocol).maxDuration(limit);
        }
        else {
            ScenarioBuilder warmup = ReportingSimulation.phase(phases, "warmup", WARMUP, feed(mix.statsFeeder()));
            setUp(ReportingSimulation.closed(warmup, USERS).andThen(openPopulation)).protocols(protocol)
                    .maxDuration(WARMUP.plus(limit));
        }
    }

    @Override
    public void after() {
        try {
            phases.write(PHASES);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
