package io.pkgpulse.ingest.events.useragent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.pkgpulse.ingest.events.DownloadEvent.Details;
import io.pkgpulse.ingest.events.DownloadEvent.Distro;
import io.pkgpulse.ingest.events.DownloadEvent.Implementation;
import io.pkgpulse.ingest.events.DownloadEvent.Installer;
import io.pkgpulse.ingest.events.DownloadEvent.Libc;
import io.pkgpulse.ingest.events.DownloadEvent.OperatingSystem;
import io.pkgpulse.ingest.events.useragent.ParsedUserAgent.Kind;

class UserAgentParserTest {

    private final UserAgentParser parser = new UserAgentParser();

    @Test
    void pipSendsItsDetailsAsJson() throws IOException {
        ParsedUserAgent parsed = parser.parse(resource("/useragent/pip-user-agent.txt"));

        assertThat(parsed).isEqualTo(ParsedUserAgent.recognised(
                new Details(new Installer("pip", "23.2.1", null), "3.11.7", new Implementation("CPython", "3.11.7"),
                        new Distro("Debian GNU/Linux", "12", "bookworm", new Libc("glibc", "2.36")),
                        new OperatingSystem("Linux", "6.18.44-fc-v669"), "x86_64", "OpenSSL 3.0.19 27 Jan 2026",
                        "65.5.0", null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void recognisedAgents(String agent, Details expected) {
        assertThat(parser.parse(agent)).isEqualTo(ParsedUserAgent.recognised(expected));
    }

    static Stream<Arguments> recognisedAgents() {
        return Stream.of(arguments(
                "uv/0.1.22 {\"installer\":{\"name\":\"uv\",\"version\":\"0.1.22\"},\"python\":\"3.12.2\","
                        + "\"implementation\":{\"name\":\"CPython\",\"version\":\"3.12.2\"},\"distro\":{\"name\":"
                        + "\"Ubuntu\",\"version\":\"22.04\",\"id\":\"jammy\",\"libc\":{\"lib\":\"glibc\",\"version\":"
                        + "\"2.35\"}},\"system\":{\"name\":\"Linux\",\"release\":\"6.5.0-1016-azure\"},\"cpu\":"
                        + "\"x86_64\",\"openssl_version\":null,\"setuptools_version\":null,\"rustc_version\":null,"
                        + "\"ci\":true}",
                new Details(new Installer("uv", "0.1.22", null), "3.12.2", new Implementation("CPython", "3.12.2"),
                        new Distro("Ubuntu", "22.04", "jammy", new Libc("glibc", "2.35")),
                        new OperatingSystem("Linux", "6.5.0-1016-azure"), "x86_64", null, null, null, true)),
                arguments("uv/0.1.22 {\"installer\":{\"name\":\"uv\",\"version\":\"0.1.22\"},\"python\":\"3.12.2\","
                        + "\"implementation\":{\"name\":\"CPython\",\"version\":\"3.12.2\"},\"distro\":null,"
                        + "\"system\":{\"name\":\"Windows\",\"release\":\"2022Server\"},\"cpu\":\"AMD64\","
                        + "\"openssl_version\":null,\"setuptools_version\":null,\"rustc_version\":null,\"ci\":true}",
                        new Details(new Installer("uv", "0.1.22", null), "3.12.2",
                                new Implementation("CPython", "3.12.2"), null,
                                new OperatingSystem("Windows", "2022Server"), "AMD64", null, null, null, true)),
                // The format of Hatch's src/hatch/utils/linehaul.py: the JSON sits
                // between two name/version pairs.
                arguments("Hatch/1.14.1 {\"ci\":null,\"cpu\":\"arm64\",\"distro\":{\"name\":\"macOS\",\"version\":"
                        + "\"14.5\"},\"implementation\":{\"name\":\"CPython\",\"version\":\"3.12.4\"},\"installer\":"
                        + "{\"name\":\"hatch\",\"version\":\"1.14.1\"},\"openssl_version\":\"OpenSSL 3.0.14 4 Jun 2024\","
                        + "\"python\":\"3.12.4\",\"system\":{\"name\":\"Darwin\",\"release\":\"23.5.0\"}} HTTPX/0.28.1",
                        new Details(new Installer("hatch", "1.14.1", null), "3.12.4",
                                new Implementation("CPython", "3.12.4"), new Distro("macOS", "14.5", null, null),
                                new OperatingSystem("Darwin", "23.5.0"), "arm64", "OpenSSL 3.0.14 4 Jun 2024", null,
                                null, null)),
                arguments("pip/1.5.6 CPython/2.7.6 Linux/3.13.0-24-generic",
                        details(installer("pip", "1.5.6"), "2.7.6", new Implementation("CPython", "2.7.6"), null,
                                new OperatingSystem("Linux", "3.13.0-24-generic"))),
                arguments("pip/1.4.1 Unknown/Unknown Unknown/Unknown", Details.ofInstaller("pip", "1.4.1")),
                arguments("pip/5.4.1 PyPy/2.2.1 Darwin/13.1.0",
                        details(installer("pip", "5.4.1"), null, new Implementation("PyPy", "2.2.1"), null,
                                new OperatingSystem("Darwin", "13.1.0"))),
                arguments("poetry/1.1.11 CPython/3.9.2 Linux/5.10.16.3-microsoft-standard-WSL2",
                        details(installer("poetry", "1.1.11"), null, new Implementation("CPython", "3.9.2"), null,
                                new OperatingSystem("Linux", "5.10.16.3-microsoft-standard-WSL2"))),
                arguments("pdm/2.1.6.dev32+g1e5dc62 CPython/3.11.0",
                        details(installer("pdm", "2.1.6.dev32+g1e5dc62"), null, new Implementation("CPython", "3.11.0"),
                                null, null)),
                arguments("twine/4.0.2 CPython/3.9.16",
                        details(installer("twine", "4.0.2"), null, new Implementation("CPython", "3.9.16"), null,
                                null)),
                arguments(
                        "twine/3.8.0 pkginfo/1.9.6 readme-renderer/34.0 requests/2.27.1 requests-toolbelt/0.10.1 "
                                + "urllib3/1.26.15 tqdm/4.64.1 importlib-metadata/4.8.3 keyring/23.4.1 rfc3986/1.5.0 "
                                + "colorama/0.4.5 CPython/3.9.16",
                        details(installer("twine", "3.8.0"), null, new Implementation("CPython", "3.9.16"), null,
                                null)),
                arguments("Homebrew/4.2.10 (Macintosh; Intel Mac OS X 14.3.1) curl/8.4.0",
                        details(installer("Homebrew", "4.2.10"), null, null, new Distro("OS X", "14.3.1", null, null),
                                null)),
                arguments("Python-urllib/2.7 setuptools/0.6c11",
                        details(installer("setuptools", "0.6c11"), "2.7", null, null, null)),
                arguments("setuptools/3.6 Python-urllib/3.4",
                        details(installer("setuptools", "3.6"), "3.4", null, null, null)),
                arguments("Python-urllib/2.7 distribute/0.6.49",
                        details(installer("distribute", "0.6.49"), "2.7", null, null, null)),
                arguments("Python-urllib/2.7", details(null, "2.7", null, null, null)));
    }

    /**
     * linehaul's expressions taken literally, where a looser reading would seem more
     * natural.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void readAsLinehaulReadsIt(String agent, Details expected) {
        assertThat(parser.parse(agent)).isEqualTo(ParsedUserAgent.recognised(expected));
    }

    static Stream<Arguments> readAsLinehaulReadsIt() {
        return Stream.of(
                // Old pip: each unknown value on its own; names may hold a slash (\\S+ is
                // greedy).
                arguments("pip/1.5 Unknown/2.7 Linux/unknown",
                        details(installer("pip", "1.5"), null, new Implementation(null, "2.7"), null,
                                new OperatingSystem("Linux", null))),
                arguments("pip/1.5 CPython/unknown Linux/3",
                        details(installer("pip", "1.5"), "unknown", new Implementation("CPython", null), null,
                                new OperatingSystem("Linux", "3"))),
                arguments("pip/1.5 a/b/c d/e/f",
                        details(installer("pip", "1.5"), null, new Implementation("a/b", "c"), null,
                                new OperatingSystem("d/e", "f"))),
                // pip's version is any PEP 440 version of 6 or later; the JSON follows
                // any white space.
                arguments("pip/v23.0 {\"installer\":{\"name\":\"pip\",\"version\":\"23.0\"}}",
                        Details.ofInstaller("pip", "23.0")),
                arguments("pip/6.0.post1\t{\"installer\":{\"name\":\"pip\",\"version\":\"6.0.post1\"}}",
                        Details.ofInstaller("pip", "6.0.post1")),
                arguments("pip/23.0\u3000{\"installer\":{\"name\":\"pip\",\"version\":\"23.0\"}}",
                        Details.ofInstaller("pip", "23.0")),
                // The JSON is taken as it is: without an installer, empty, or with a key
                // twice (the last counts).
                arguments("pip/23.0 {\"python\":\"3.12.2\"}", details(null, "3.12.2", null, null, null)),
                arguments("uv/0.1.22 {}", details(null, null, null, null, null)),
                arguments("pip/23.0 {\"python\":\"3.1\",\"python\":\"3.2\"}", details(null, "3.2", null, null, null)),
                // Bazel's version is the rest of the agent.
                arguments("Bazel/1.0 dev", Details.ofInstaller("Bazel", "1.0 dev")),
                arguments("Bazel/ ", Details.ofInstaller("Bazel", " ")),
                // pex and devpi-server are searched for anywhere.
                arguments("apex/1.0", Details.ofInstaller("pex", "1.0")),
                arguments("x devpi-server/4.6.0 (a)", Details.ofInstaller("devpi", "4.6.0")),
                arguments("Nexus/3.6.0-02\tx", Details.ofInstaller("Nexus", "3.6.0-02")),
                arguments("poetry/1.1.11 CPython/3.9.2 Linux/",
                        details(installer("poetry", "1.1.11"), null, new Implementation("CPython", "3.9.2"), null,
                                new OperatingSystem("Linux", null))),
                arguments("twine/1.0 foo/bar/baz",
                        details(installer("twine", "1.0"), null, new Implementation("foo/bar", "baz"), null, null)),
                // Python's $ also matches before a final line feed (but not before a
                // carriage return).
                arguments("Python-urllib/2.7\n", details(null, "2.7", null, null, null)),
                arguments("Artifactory/1.7.4\n", Details.ofInstaller("Artifactory", "1.7.4")));
    }

    /**
     * Agents that look like an installer's, but which linehaul does not recognise:
     * counted, without details.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "pip/23.0 {not json", "pip/23.0", "pip/23.0 []",
            "pip/23.0 {\"installer\":{\"name\":\"pip\"}} x",
            // pip's JSON is read with the event's types; linehaul would convert "yes" to
            // true.
            "pip/23.0 {\"ci\":\"yes\"}",
            // Not PEP 440, or a pre-release of 6: neither the JSON form nor the old one.
            "pip/23.0-custom {\"installer\":{\"name\":\"pip\",\"version\":\"23.0\"}}",
            "pip/6.0rc1 {\"installer\":{\"name\":\"pip\",\"version\":\"6.0rc1\"}}", "pip/6.0 CPython/2.7 Linux/3",
            "pip/1.4rc1 CPython/2.7 Linux/3", "pip/1.3 CPython/2.7 Linux/3",
            " pip/23.0 {\"installer\":{\"name\":\"pip\",\"version\":\"23.0\"}}", "pip/1.5 CPython/2.7 Linux/3 ",
            "uv/0.1.21 {\"installer\":{\"name\":\"uv\",\"version\":\"0.1.21\"}}",
            // One digit each side of the dot.
            "Python-urllib/3.11", "Python-urllib/3.10 setuptools/1.0", "Python-urllib/2.7 ", "Python-urllib/2.7\r",
            "conda/4.3.16 ", "bandersnatch/2.2.1 ()", "Artifactory/7.77.5 (x)", "twine/1.0  y/z",
            // Homebrew on Intel only.
            "Homebrew/4.2.10 (Macintosh; arm64 macOS 14.3.1) curl/8.4.0", "fetch libfetch/2.0 x", "OpenBSD ftp x",
            "slackrepo 1",
            // A browser name must be followed by "/" or the end, even one that ends in
            // "/".
            "Firefox/120.0", "com.apple.WebKit.Networking/8617", "MozillaX/1",
            // The ignore list's exact forms only.
            "Ruby ", "(null) ", "inspector.pypi.io ", "Pingdom.com_bot_version_1.4_(http://example.org/)" })
    void looksLikeAnInstallerButIsUnknownToLinehaul(String agent) {
        assertThat(parser.parse(agent)).isEqualTo(ParsedUserAgent.UNKNOWN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void recognisedByNameAndVersion(String agent, String installer, String version) {
        assertThat(parser.parse(agent)).isEqualTo(ParsedUserAgent.recognised(Details.ofInstaller(installer, version)));
    }

    static Stream<Arguments> recognisedByNameAndVersion() {
        return Stream.of(arguments("bandersnatch/6.5.0 (CPython 3.11.7-final0, Linux x86_64)", "bandersnatch", "6.5.0"),
                arguments("devpi-server/6.10.0 (py3.11.7; linux)", "devpi", "6.10.0"),
                arguments("Artifactory/7.77.5", "Artifactory", "7.77.5"),
                arguments("Nexus/3.66.0-02 (PRO; Linux; 5.15.0-1051-aws; amd64; 17.0.9)", "Nexus", "3.66.0-02"),
                arguments("z3c.pypimirror/1.0.16", "z3c.pypimirror", "1.0.16"),
                arguments("pep381client-proxy/1.5", "pep381client", "1.5"),
                arguments(
                        "conda/24.1.2 requests/2.31.0 CPython/3.11.7 Linux/6.5.0-1015-azure ubuntu/22.04.3 "
                                + "glibc/2.35 solver/libmamba conda-libmamba-solver/24.1.0 libmambapy/1.5.6",
                        "conda", "24.1.2"),
                arguments("Bazel/release 7.1.0", "Bazel", "7.1.0"), arguments("Bazel/6.4.0", "Bazel", "6.4.0"),
                arguments("pex/2.1.163", "pex", "2.1.163"), arguments("maturin/1.4.0", "maturin", "1.4.0"),
                arguments("python-requests/2.31.0", "requests", "2.31.0"), arguments("fetch libfetch/2.0", "OS", null),
                arguments("OpenBSD ftp", "OS", null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
                    + "Safari/537.36",
            "curl/8.5.0", "Wget/1.21.4", "aria2/1.37.0", "Apache-HttpClient/4.5.14 (Java/17.0.9)", "okhttp/4.12.0",
            "Links", "Firefox/",
            // A phone brand, not a crawler.
            "Mozilla/5.0 (Linux; Android 9; CUBOT X19 Build/PPR1.180610.011) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/120.0.6099.144 Mobile Safari/537.36" })
    void browsersAndDownloadersAreOneInstaller(String agent) {
        assertThat(parser.parse(agent)).isEqualTo(ParsedUserAgent.recognised(Details.ofInstaller("Browser", null)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
            "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; +https://openai.com/gptbot)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "Go-http-client/1.1",
            "Go 1.1 package http", "Datadog Agent/7.50.3", "Java/17.0.9", "Scrapy/2.11.0 (+https://scrapy.org)",
            "(null)", "inspector.pypi.io", "Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)",
            // linehaul's pattern has an unescaped dot.
            "ltx71 - (http://ltx71Xcom/)",
            // Crawlers that linehaul counts (as Browser, or unknown) and pkgpulse drops.
            "Mozilla/5.0 (compatible; Nutch/1.19)", "Baiduspider", "YisouSpider/1" })
    void botsAreNotCounted(String agent) {
        assertThat(parser.parse(agent)).isEqualTo(ParsedUserAgent.BOT);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = { "   ", "my-internal-tool/1.0", "uv/0.1.10", "Hatch/1.9.4 HTTPX/0.27.0" })
    void anythingElseIsUnknown(String agent) {
        assertThat(parser.parse(agent)).isEqualTo(ParsedUserAgent.UNKNOWN);
    }

    @Test
    void anInstallerMentioningARobotIsNotABot() {
        ParsedUserAgent parsed = parser.parse("pip/24.0 {\"installer\":{\"name\":\"pip\",\"version\":\"24.0\"},"
                + "\"distro\":{\"name\":\"Robot Linux\",\"version\":\"2\"}}");

        assertThat(parsed.kind()).isEqualTo(Kind.RECOGNISED);
        assertThat(parsed.details().distro().name()).isEqualTo("Robot Linux");
    }

    private static Installer installer(String name, String version) {
        return new Installer(name, version, null);
    }

    private static Details details(Installer installer, String python, Implementation implementation, Distro distro,
            OperatingSystem system) {
        return new Details(installer, python, implementation, distro, system, null, null, null, null, null);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = UserAgentParserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), UTF_8).strip();
        }
    }

}
