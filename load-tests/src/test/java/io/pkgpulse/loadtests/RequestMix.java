package io.pkgpulse.loadtests;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What a client of the stats API asks for, and how often: a weighted mix of the stats endpoints (half of the series
 * over the default 180 days, half over a 30-day window somewhere in them) and badges, for packages drawn by a Zipf
 * law over their download rank (popular packages are looked at most, and are the heaviest to answer).
 * Each feeder record is {@code endpoint} (the request's name in the report), {@code path} and {@code accept}.
 */
final class RequestMix {

    static final String JSON = "application/json";
    static final String SVG = "image/svg+xml";

    /** One kind of request, its share of the mix and how to build its path for a package. */
    private record Kind(String endpoint, double weight, boolean badge, Function<String, String> path) {
    }

    private final String[] packages;
    private final double[] cumulative;
    private final LocalDate today;
    private final List<Kind> kinds = new ArrayList<>();
    private final double[] kindCumulative;

    RequestMix(String[] packages, double zipfExponent, boolean badges, LocalDate today) {
        this.packages = packages;
        this.today = today;
        cumulative = new double[packages.length];
        double sum = 0;
        for (int rank = 1; rank <= packages.length; rank++) {
            sum += Math.pow(rank, -zipfExponent);
            cumulative[rank - 1] = sum;
        }
        add("recent", 16, p -> "/api/packages/" + p + "/recent");
        series("overall", 14);
        series("python_major", 8);
        series("python_minor", 10);
        series("system", 8);
        series("installer", 8);
        series("version", 10);
        add("top", 3, p -> "/api/stats/top");
        add("top (date)", 3, p -> "/api/stats/top?date=" + today.minusDays(random().nextInt(180)));
        if (badges) {
            // Shields-style README badges: mostly the default (last 30 days), some weekly and all-time ones.
            kinds.add(new Kind("badge", 20, true, p -> "/badge/" + p + ".svg" + switch (random().nextInt(10)) {
                case 0 -> "?period=total";
                case 1 -> "?period=week";
                default -> "";
            }));
        }
        kindCumulative = new double[kinds.size()];
        double total = 0;
        for (int i = 0; i < kinds.size(); i++) {
            total += kinds.get(i).weight();
            kindCumulative[i] = total;
        }
    }

    private void add(String endpoint, double weight, Function<String, String> path) {
        kinds.add(new Kind(endpoint, weight, false, path));
    }

    /** Half over the default range (the last 180 days), half over 30 days ending somewhere in them. */
    private void series(String endpoint, double weight) {
        add(endpoint, weight / 2, p -> "/api/packages/" + p + "/" + endpoint);
        add(endpoint + " (30 days)", weight / 2, p -> {
            LocalDate end = today.minusDays(random().nextInt(150));
            return "/api/packages/" + p + "/" + endpoint + "?start_date=" + end.minusDays(29) + "&end_date=" + end;
        });
    }

    int packageCount() {
        return packages.length;
    }

    /** The share of each endpoint, in percent, for the report. */
    Map<String, Double> shares() {
        double total = kindCumulative[kindCumulative.length - 1];
        Map<String, Double> shares = new LinkedHashMap<>();
        kinds.forEach(k -> shares.put(k.endpoint(), 100 * k.weight() / total));
        return shares;
    }

    Map<String, Object> next() {
        ThreadLocalRandom random = random();
        int i = Arrays.binarySearch(kindCumulative, random.nextDouble(kindCumulative[kindCumulative.length - 1]));
        Kind kind = kinds.get(i < 0 ? -i - 1 : i);
        return Map.of("endpoint", kind.endpoint(), "path", kind.path().apply(nextPackage()),
                "accept", kind.badge() ? SVG : JSON);
    }

    /** A package name, rank r drawn with probability proportional to r^-s. */
    String nextPackage() {
        int i = Arrays.binarySearch(cumulative, random().nextDouble(cumulative[cumulative.length - 1]));
        return packages[i < 0 ? -i - 1 : i];
    }

    Iterator<Map<String, Object>> statsFeeder() {
        return Stream.generate(this::next).iterator();
    }

    /** The stats mix with a fifth of health checks, so that both paths are compiled before they are measured. */
    Iterator<Map<String, Object>> warmupFeeder() {
        return Stream.generate(() -> random().nextInt(5) == 0 ? health() : next()).iterator();
    }

    static Iterator<Map<String, Object>> healthFeeder() {
        return Stream.generate(RequestMix::health).iterator();
    }

    private static Map<String, Object> health() {
        return Map.of("endpoint", "health", "path", "/actuator/health", "accept", JSON);
    }

    private static ThreadLocalRandom random() {
        return ThreadLocalRandom.current();
    }
}
