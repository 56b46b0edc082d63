package io.pkgpulse.loadtests;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
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

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The reporting API under 32 concurrent clients, in three phases run one after the other in this one JVM:
 * <ol>
 * <li>{@code warmup}: the stats mix and health together (JIT, connection pools, PostgreSQL's caches); not reported;
 * <li>{@code stats}: every user loops without think time over a weighted mix of the stats endpoints and badges
 * ({@link RequestMix}), package names drawn Zipf-like from the seeded database's most downloaded ones;
 * <li>{@code health}: the same users on {@code /actuator/health}, the framework's floor on the same machine.
 * </ol>
 * Closed model: a fixed number of users, each sending its next request when the previous one is answered. Each
 * request sits in a Gatling group named after its phase, so the report has per-phase percentiles and per-endpoint
 * ones inside. The exact start and end of each phase are written to {@code phases.file} for the rates. The open
 * model (clients arriving at a fixed rate) is {@link ReportingOpenSimulation}, which bench/reporting runs next.
 *
 * <p>Settings (system properties): {@code base.url}, {@code users} (32), {@code warmup.seconds} (15),
 * {@code duration.seconds} (60), {@code badges} (true), {@code zipf.exponent} (1.1), {@code packages.file},
 * {@code phases.file}.
 */
public class ReportingSimulation extends Simulation {

    private static final String BASE_URL = System.getProperty("base.url", "http://127.0.0.1:18080");
    private static final int USERS = Integer.getInteger("users", 32);
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("warmup.seconds", 15));
    private static final Duration DURATION = Duration.ofSeconds(Long.getLong("duration.seconds", 60));
    private static final boolean BADGES = Boolean.parseBoolean(System.getProperty("badges", "true"));
    private static final double ZIPF = Double.parseDouble(System.getProperty("zipf.exponent", "1.1"));
    private static final Path PACKAGES = Path.of(System.getProperty("packages.file",
            "../.cache/bench/reporting-packages.csv"));
    private static final Path PHASES = Path.of(System.getProperty("phases.file", "target/phases.json"));

    private final PhaseClock phases = new PhaseClock();

    {
        RequestMix mix = new RequestMix(PackageNames.read(PACKAGES), ZIPF, BADGES, LocalDate.now(ZoneOffset.UTC));
        System.out.printf("Reporting API load test: %s, %d users, warm-up %s, %s per phase, badges %s, %d packages"
                + " (Zipf exponent %s)%n", BASE_URL, USERS, WARMUP, DURATION, BADGES ? "on" : "off",
                mix.packageCount(), ZIPF);
        mix.shares().forEach((endpoint, share) -> System.out.printf("  %-24s %5.1f %%%n", endpoint, share));

        HttpProtocolBuilder protocol = protocol(BASE_URL);

        ScenarioBuilder warmup = phase("warmup", WARMUP, feed(mix.warmupFeeder()));
        ScenarioBuilder stats = phase("stats", DURATION, feed(mix.statsFeeder()));
        ScenarioBuilder health = phase("health", DURATION, feed(RequestMix.healthFeeder()));

        setUp(closed(warmup).andThen(closed(stats).andThen(closed(health)))).protocols(protocol);
    }

    /** The HTTP client of every phase (and of {@link ReportingOpenSimulation}). */
    static HttpProtocolBuilder protocol(String baseUrl) {
        return http.baseUrl(baseUrl)
                .acceptHeader("application/json")
                .userAgentHeader("pkgpulse-load-tests (Gatling)")
                // The API sends Cache-Control max-age; a client cache would answer most requests itself.
                .disableCaching()
                // No request to gatling.io before the run (this machine reaches Maven Central only).
                .disableWarmUp();
    }

    /** A phase: every user loops over requests from the feeder for {@code duration}, each in the phase's group. */
    static ScenarioBuilder phase(PhaseClock phases, String name, Duration duration, ChainBuilder feeder) {
        return scenario(name)
                .exec(session -> {
                    phases.started(name);
                    return session;
                })
                .during(duration).on(feeder.exec(group(name).on(
                        http("#{endpoint}").get("#{path}").header("Accept", "#{accept}"))))
                .exec(session -> {
                    phases.ended(name);
                    return session;
                });
    }

    private ScenarioBuilder phase(String name, Duration duration, ChainBuilder feeder) {
        return phase(phases, name, duration, feeder);
    }

    static PopulationBuilder closed(ScenarioBuilder scenario, int users) {
        return scenario.injectClosed(constantConcurrentUsers(users).during(Duration.ofSeconds(1)));
    }

    private static PopulationBuilder closed(ScenarioBuilder scenario) {
        return closed(scenario, USERS);
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
