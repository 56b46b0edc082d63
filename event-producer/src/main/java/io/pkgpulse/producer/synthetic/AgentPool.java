package io.pkgpulse.producer.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The clients downloads come from, in a realistic mix: pip about 70 %, uv 15 %, then
 * mirrors (bandersnatch, devpi, Artifactory), other installers (poetry, pdm, conda),
 * libraries and tools (requests, curl) and browsers. pip and uv agents describe a few
 * thousand distinct environments, as on a real index; agent strings follow each tool's
 * real format so the worker's user-agent parser recognises them. Bots are kept apart: the
 * generator decides how many.
 */
final class AgentPool {

    static final int PIP_ENVIRONMENTS = 1500;
    static final int UV_ENVIRONMENTS = 400;

    private static final Weighted<String> PIP_VERSIONS = Weighted.<String>builder()
        .add("24.3.1", 22)
        .add("24.2", 16)
        .add("24.0", 14)
        .add("25.0.1", 8)
        .add("23.2.1", 8)
        .add("22.0.2", 7)
        .add("23.0.1", 6)
        .add("24.1.2", 5)
        .add("21.3.1", 4)
        .add("20.0.2", 3)
        .build();

    private static final Weighted<String> UV_VERSIONS = Weighted.<String>builder()
        .add("0.5.11", 20)
        .add("0.5.4", 20)
        .add("0.4.29", 15)
        .add("0.5.29", 15)
        .add("0.4.18", 10)
        .add("0.6.3", 10)
        .build();

    private final Weighted<Agent[]> families;

    private final Agent[] bots;

    AgentPool(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Agent[] pip = new Agent[PIP_ENVIRONMENTS];
        for (int i = 0; i < pip.length; i++) {
            String version = PIP_VERSIONS.pick(random);
            String json = PythonEnvironments.random(random).pipJson(version);
            pip[i] = Agent.of("pip/" + version + " " + json, json);
        }
        Agent[] uv = new Agent[UV_ENVIRONMENTS];
        for (int i = 0; i < uv.length; i++) {
            String version = UV_VERSIONS.pick(random);
            String json = PythonEnvironments.random(random).uvJson(version);
            uv[i] = Agent.of("uv/" + version + " " + json, json);
        }
        families = Weighted.<Agent[]>builder()
            .add(pip, 70)
            .add(uv, 15)
            .add(bandersnatch(), 3)
            .add(devpi(), 1)
            .add(artifactory(), 2)
            .add(poetry(), 3)
            .add(pdm(), 1)
            .add(conda(), 1.5)
            .add(requests(), 1.5)
            .add(curl(), 1)
            .add(browsers(), 1)
            .build();
        bots = bots();
    }

    /** A client other than a bot. */
    Agent pick(SplittableRandom random) {
        Agent[] family = families.pick(random);
        return family[random.nextInt(family.length)];
    }

    /** A crawler's agent; the worker drops its downloads. */
    Agent pickBot(SplittableRandom random) {
        return bots[random.nextInt(bots.length)];
    }

    /** Every agent, bots excluded; for tests. */
    List<Agent> all() {
        List<Agent> all = new ArrayList<>();
        for (int i = 0; i < families.size(); i++) {
            all.addAll(List.of(families.get(i)));
        }
        return all;
    }

    private static Agent[] bandersnatch() {
        return new Agent[] {
                Agent.installer("bandersnatch/6.5.0 (CPython 3.11.7-final0, Linux x86_64)", "bandersnatch", "6.5.0"),
                Agent.installer("bandersnatch/6.6.0 (CPython 3.12.4-final0, Linux x86_64)", "bandersnatch", "6.6.0"),
                Agent.installer("bandersnatch/6.4.0 (CPython 3.10.12-final0, Linux aarch64)", "bandersnatch",
                        "6.4.0"), };
    }

    private static Agent[] devpi() {
        return new Agent[] { Agent.installer("devpi-server/6.10.0 (py3.11.7; linux)", "devpi", "6.10.0"),
                Agent.installer("devpi-server/6.14.0 (py3.12.7; linux)", "devpi", "6.14.0"), };
    }

    private static Agent[] artifactory() {
        return new Agent[] { Agent.installer("Artifactory/7.77.5", "Artifactory", "7.77.5"),
                Agent.installer("Artifactory/7.90.10", "Artifactory", "7.90.10"),
                Agent.installer("Artifactory/7.84.17", "Artifactory", "7.84.17"), };
    }

    private static Agent[] poetry() {
        return new Agent[] { poetry("1.8.3", "3.12.2", "Linux", "6.5.0-1016-azure"),
                poetry("1.8.4", "3.11.9", "Linux", "6.8.0-1015-azure"), poetry("1.8.5", "3.12.7", "Darwin", "24.1.0"),
                poetry("2.0.1", "3.13.1", "Linux", "6.8.0-1017-aws"), };
    }

    private static Agent poetry(String version, String python, String system, String release) {
        String details = ObjectJson.withoutNulls()
            .put("installer", ObjectJson.withoutNulls().put("name", "poetry").put("version", version))
            .put("implementation", ObjectJson.withoutNulls().put("name", "CPython").put("version", python))
            .put("system", ObjectJson.withoutNulls().put("name", system).put("release", release))
            .toString();
        return Agent.of("poetry/" + version + " CPython/" + python + " " + system + "/" + release, details);
    }

    private static Agent[] pdm() {
        return new Agent[] { pdm("2.15.4", "3.12.2"), pdm("2.19.3", "3.12.7"), pdm("2.22.1", "3.13.1") };
    }

    private static Agent pdm(String version, String python) {
        String details = ObjectJson.withoutNulls()
            .put("installer", ObjectJson.withoutNulls().put("name", "pdm").put("version", version))
            .put("implementation", ObjectJson.withoutNulls().put("name", "CPython").put("version", python))
            .toString();
        return Agent.of("pdm/" + version + " CPython/" + python, details);
    }

    private static Agent[] conda() {
        return new Agent[] {
                Agent.installer(
                        "conda/24.9.2 requests/2.32.3 CPython/3.12.7 Linux/6.8.0-1015-azure ubuntu/22.04.5 "
                                + "glibc/2.35 solver/libmamba conda-libmamba-solver/24.9.0 libmambapy/1.5.8",
                        "conda", "24.9.2"),
                Agent.installer(
                        "conda/24.7.1 requests/2.32.3 CPython/3.12.4 Darwin/23.6.0 OSX/14.6.1 "
                                + "solver/libmamba conda-libmamba-solver/24.7.0 libmambapy/1.5.8",
                        "conda", "24.7.1"), };
    }

    private static Agent[] requests() {
        return new Agent[] { Agent.installer("python-requests/2.32.3", "requests", "2.32.3"),
                Agent.installer("python-requests/2.31.0", "requests", "2.31.0"), };
    }

    /**
     * The worker, like linehaul, counts curl and browsers as installer {@code Browser},
     * without a version.
     */
    private static Agent[] curl() {
        return new Agent[] { Agent.installer("curl/8.5.0", "Browser", null),
                Agent.installer("curl/7.81.0", "Browser", null), Agent.installer("curl/8.11.0", "Browser", null), };
    }

    private static Agent[] browsers() {
        return new Agent[] {
                Agent.installer("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/131.0.0.0 Safari/537.36", "Browser", null),
                Agent.installer(
                        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                                + "Version/18.1 Safari/605.1.15",
                        "Browser", null),
                Agent.installer("Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0", "Browser",
                        null), };
    }

    private static Agent[] bots() {
        return new Agent[] { Agent.of("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", null),
                Agent.of("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", null),
                Agent.of("Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", null),
                Agent.of("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", null), };
    }

}
