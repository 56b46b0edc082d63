package io.pkgpulse.ingest.useragent;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pkgpulse.ingest.events.DownloadEvent.Details;
import io.pkgpulse.ingest.events.DownloadEvent.Distro;
import io.pkgpulse.ingest.events.DownloadEvent.Implementation;
import io.pkgpulse.ingest.events.DownloadEvent.Installer;
import io.pkgpulse.ingest.events.DownloadEvent.OperatingSystem;

/**
 * Installers, mirrors and downloaders that do not describe themselves in JSON and are known only by the shape of
 * their agent. Each shape is guarded by a plain string check so that most agents never reach a regex.
 */
final class InstallerPatterns {

    /** One agent shape: a cheap guard, the full pattern, and what a match says. */
    private record Rule(Predicate<String> guard, Pattern pattern, Function<MatchResult, Details> details) {

        static Rule startingWith(String prefix, String regex, Function<MatchResult, Details> details) {
            return new Rule(agent -> agent.startsWith(prefix), Pattern.compile(regex), details);
        }

        /** The usual case: a known prefix, and the installer's version in the first group. */
        static Rule versioned(String prefix, String regex, String installer) {
            return startingWith(prefix, regex, m -> Details.ofInstaller(installer, m.group(1)));
        }

        Details match(String agent) {
            if (!guard.test(agent)) {
                return null;
            }
            Matcher m = pattern.matcher(agent);
            return m.matches() ? details.apply(m) : null;
        }
    }

    private static final String IMPLEMENTATION = "([^\\s/]+)/(\\S+)";

    private static final List<Rule> RULES = List.of(
            Rule.startingWith("Python-urllib/", "Python-urllib/(\\d+\\.\\d+)(?: (setuptools|distribute)/(\\S+))?",
                    m -> details(m.group(2) == null ? null : installer(m.group(2), m.group(3)), m.group(1), null,
                            null, null)),
            Rule.startingWith("setuptools/", "setuptools/(\\S+) Python-urllib/(\\d+\\.\\d+)",
                    m -> details(installer("setuptools", m.group(1)), m.group(2), null, null, null)),
            new Rule(agent -> agent.contains("pex/"), Pattern.compile("(?:.*\\s)?pex/(\\S+)"),
                    m -> Details.ofInstaller("pex", m.group(1))),
            Rule.versioned("conda/", "conda/(\\S+)(?: .*)?", "conda"),
            // The version is the rest of the agent, spaces and all: "Bazel/1.0 dev" is version "1.0 dev".
            Rule.versioned("Bazel/", "Bazel/(?:release\\s+)?(.+)", "Bazel"),
            Rule.versioned("bandersnatch/", "bandersnatch/(\\S+) \\(.*\\)", "bandersnatch"),
            Rule.versioned("devpi-server/", "devpi-server/(\\S+) \\(.*\\)", "devpi"),
            Rule.versioned("z3c.pypimirror/", "z3c\\.pypimirror/(\\S+)", "z3c.pypimirror"),
            Rule.versioned("Artifactory/", "Artifactory/(\\S+)(?: .*)?", "Artifactory"),
            Rule.versioned("Nexus/", "Nexus/(\\S+)(?: .*)?", "Nexus"),
            Rule.versioned("pep381client", "pep381client(?:-proxy)?/(\\S+)", "pep381client"),
            Rule.versioned("maturin/", "maturin/(\\S+)", "maturin"),
            Rule.startingWith("pdm/", "pdm/(\\S+) " + IMPLEMENTATION,
                    m -> details(installer("pdm", m.group(1)), null, implementation(m, 2), null, null)),
            Rule.startingWith("poetry/", "poetry/(\\S+) " + IMPLEMENTATION + " ([^\\s/]+)/(\\S+)",
                    m -> details(installer("poetry", m.group(1)), null, implementation(m, 2), null,
                            new OperatingSystem(m.group(4), m.group(5)))),
            // The long form lists twine's dependencies before the implementation, which always comes last.
            Rule.startingWith("twine/", "twine/(\\S+)(?: .*)? " + IMPLEMENTATION,
                    m -> details(installer("twine", m.group(1)), null, implementation(m, 2), null, null)),
            Rule.versioned("python-requests/", "python-requests/(\\S+)(?: .*)?", "requests"),
            // Intel or arm64; the macOS version is what users of Homebrew's numbers care about.
            Rule.startingWith("Homebrew/", "Homebrew/(\\S+) \\(Macintosh; \\S+ (?:Mac OS X|macOS) ([^)]+)\\)(?: .*)?",
                    m -> details(installer("Homebrew", m.group(1)), null, null,
                            new Distro("OS X", m.group(2), null, null), null)));

    /** Operating system package tools, which fetch from PyPI on behalf of a distribution. */
    private static final List<String> OS_TOOLS = List.of("fetch libfetch/", "libfetch/", "OpenBSD ftp", "MacPorts",
            "NetBSD-ftp/", "slapt-get", "pypi-install/", "slackrepo", "PTXdist", "GARstow/", "xbps/");

    private static final Details OS = Details.ofInstaller("OS", null);

    private static final Pattern BROWSER = Pattern.compile("(?i)(?:mozilla|safari|wget|curl|opera|aria2"
            + "|androiddownloadmanager|fdm \\S+|url/emacs|ucweb|links|okhttp|apache-httpclient)(?:/|$)"
            + "|com\\.apple\\.webkit\\.networking/|firefox/");

    private InstallerPatterns() {
    }

    /** What a known installer's agent says, or null when {@code agent} is not one (browsers aside). */
    static Details match(String agent) {
        for (Rule rule : RULES) {
            Details details = rule.match(agent);
            if (details != null) {
                return details;
            }
        }
        for (String tool : OS_TOOLS) {
            if (agent.startsWith(tool)) {
                return OS;
            }
        }
        return null;
    }

    /**
     * Browsers and generic downloaders. Asked only after the bot check, since crawlers announce themselves as
     * {@code Mozilla/5.0 (compatible; ...)}.
     */
    static boolean isBrowser(String agent) {
        return BROWSER.matcher(agent).lookingAt();
    }

    private static Installer installer(String name, String version) {
        return new Installer(name, version, null);
    }

    private static Implementation implementation(MatchResult m, int nameGroup) {
        return new Implementation(m.group(nameGroup), m.group(nameGroup + 1));
    }

    private static Details details(Installer installer, String python, Implementation implementation, Distro distro,
            OperatingSystem system) {
        return new Details(installer, python, implementation, distro, system, null, null, null, null, null);
    }
}
