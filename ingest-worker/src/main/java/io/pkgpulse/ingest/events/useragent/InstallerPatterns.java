package io.pkgpulse.ingest.events.useragent;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pkgpulse.ingest.events.DownloadEvent.Details;
import io.pkgpulse.ingest.events.DownloadEvent.Distro;
import io.pkgpulse.ingest.events.DownloadEvent.Implementation;
import io.pkgpulse.ingest.events.DownloadEvent.Installer;
import io.pkgpulse.ingest.events.DownloadEvent.OperatingSystem;

/**
 * Installers, mirrors and downloaders that do not describe themselves in JSON, known by
 * the shape of their agent: linehaul's regular expressions
 * ({@code linehaul/ua/parser.py}), each as written there (see {@link PythonRe}) and
 * searched as linehaul searches it, so that an agent is read exactly as PyPI reads it,
 * down to the odd cases ({@code "Bazel/1.0 dev"} is Bazel version {@code "1.0 dev"},
 * {@code "Artifactory/7.7 (x)"} is not Artifactory, {@code "Firefox/120.0"} is not a
 * browser). Each rule is guarded by a plain string check that is true of every agent its
 * expression can match, so most agents never reach a regex.
 */
final class InstallerPatterns {

    /** One agent shape: a cheap guard, linehaul's expression, and what a match says. */
    private record Rule(Predicate<String> guard, Pattern pattern, boolean anchored,
            Function<Matcher, Details> details) {

        /** An expression starting {@code ^prefix}, as most of linehaul's do. */
        static Rule startingWith(String prefix, String regex, Function<Matcher, Details> details) {
            return new Rule(agent -> agent.startsWith(prefix), PythonRe.compile(regex), true, details);
        }

        /**
         * The usual case: the installer's name and the version in group {@code version}.
         */
        static Rule installer(String prefix, String regex, String installer) {
            return startingWith(prefix, regex, m -> Details.ofInstaller(installer, group(m, "version")));
        }

        /** An expression linehaul searches for anywhere in the agent. */
        static Rule containing(String text, String regex, String installer) {
            return new Rule(agent -> agent.contains(text), PythonRe.compile(regex), false,
                    m -> Details.ofInstaller(installer, group(m, "version")));
        }

        Details match(String agent) {
            if (!guard.test(agent)) {
                return null;
            }
            Matcher m = pattern.matcher(agent);
            // An expression starting with ^ can only match at the start: no need to
            // search further.
            return (anchored ? m.lookingAt() : m.find()) ? details.apply(m) : null;
        }
    }

    private static final List<Rule> RULES = List.of(
            Rule.startingWith("Python-urllib/", "^Python-urllib/(?<python>\\d\\.\\d) distribute/(?<version>\\S+)$",
                    m -> details(installer("distribute", m), group(m, "python"), null, null, null)),
            Rule.startingWith("Python-urllib/", "^Python-urllib/(?<python>\\d\\.\\d) setuptools/(?<version>\\S+)$",
                    m -> details(installer("setuptools", m), group(m, "python"), null, null, null)),
            Rule.startingWith("setuptools/", "^setuptools/(?<version>\\S+) Python-urllib/(?<python>\\d\\.\\d)$",
                    m -> details(installer("setuptools", m), group(m, "python"), null, null, null)),
            Rule.containing("pex/", "pex/(?<version>\\S+)$", "pex"),
            Rule.installer("conda/", "^conda/(?<version>\\S+)(?: .+)?$", "conda"),
            Rule.installer("Bazel/", "^Bazel/(?:release\\s+)?(?<version>.+)$", "Bazel"),
            Rule.installer("bandersnatch/", "^bandersnatch/(?<version>\\S+) \\(.+\\)$", "bandersnatch"),
            Rule.containing("devpi-server/", "devpi-server/(?<version>\\S+) \\(.+\\)$", "devpi"),
            Rule.installer("z3c.pypimirror/", "^z3c\\.pypimirror/(?<version>\\S+)$", "z3c.pypimirror"),
            Rule.installer("Artifactory/", "^Artifactory/(?<version>\\S+)$", "Artifactory"),
            Rule.installer("Nexus/", "^Nexus/(?<version>\\S+)", "Nexus"),
            Rule.installer("pep381client", "^pep381client(?:-proxy)?/(?<version>\\S+)$", "pep381client"),
            Rule.installer("maturin/", "^maturin/(?<version>\\S+)$", "maturin"),
            Rule.startingWith("pdm/", "^pdm/(?<version>\\S+) (?<implName>\\S+)/(?<implVersion>\\S+)$",
                    m -> details(installer("pdm", m), null, implementation(m), null, null)),
            Rule.startingWith("poetry/",
                    "^poetry/(?<version>\\S+) (?<implName>\\S+)/(?<implVersion>\\S+) "
                            + "(?<systemName>\\S+)/(?<systemRelease>\\S+)?$",
                    m -> details(installer("poetry", m), null, implementation(m), null,
                            new OperatingSystem(group(m, "systemName"), group(m, "systemRelease")))),
            // The long form lists twine's dependencies before the implementation, which
            // always comes last.
            Rule.startingWith("twine/", "^twine/(?<version>\\S+)(?: .+)? (?<implName>\\S+)/(?<implVersion>\\S+)$",
                    m -> details(installer("twine", m), null, implementation(m), null, null)),
            Rule.startingWith("Python-urllib/", "^Python-urllib/(?<python>\\d\\.\\d)$",
                    m -> details(null, group(m, "python"), null, null, null)),
            Rule.installer("python-requests/", "^python-requests/(?<version>\\S+)(?: .+)?$", "requests"),
            Rule.startingWith("Homebrew/",
                    "^Homebrew/(?<version>\\S+) "
                            + "\\(Macintosh; Intel (?:Mac OS X|macOS) (?<osxVersion>[^)]+)\\)(?: .+)?$",
                    m -> details(installer("Homebrew", m), null, null,
                            new Distro("OS X", group(m, "osxVersion"), null, null), null)));

    /**
     * Operating system package tools, which fetch from PyPI on behalf of a distribution:
     * installer {@code OS}.
     */
    private static final Pattern OS_TOOLS = PythonRe
        .compile(String.join("|", "^fetch libfetch/\\S+$", "^libfetch/\\S+$", "^OpenBSD ftp$", "^MacPorts/?",
                "^NetBSD-ftp/", "^slapt-get", "^pypi-install/", "^slackrepo$", "^PTXdist", "^GARstow/", "^xbps/"));

    private static final Details OS = Details.ofInstaller("OS", null);

    /**
     * Browsers and generic downloaders, ignoring case. As in linehaul, every name must be
     * followed by {@code /} or the end, also those ending in {@code /} already, so
     * {@code Firefox/120.0} is not one.
     */
    private static final Pattern BROWSER = PythonRe.compileIgnoringCase("^(?:" + String.join("|", "Mozilla", "Safari",
            "wget", "curl", "Opera", "aria2", "AndroidDownloadManager", "com\\.apple\\.WebKit\\.Networking/",
            "FDM \\S+", "URL/Emacs", "Firefox/", "UCWEB", "Links", "^okhttp", "^Apache-HttpClient") + ")(?:/|$)");

    private InstallerPatterns() {
    }

    /**
     * What a known installer's agent says, or null when {@code agent} is not one
     * (browsers aside).
     */
    static Details match(String agent) {
        for (Rule rule : RULES) {
            Details details = rule.match(agent);
            if (details != null) {
                return details;
            }
        }
        return OS_TOOLS.matcher(agent).lookingAt() ? OS : null;
    }

    /**
     * Browsers and generic downloaders. Asked only after the crawler check, since
     * crawlers announce themselves as {@code Mozilla/5.0 (compatible; ...)}.
     */
    static boolean isBrowser(String agent) {
        return BROWSER.matcher(agent).lookingAt();
    }

    private static String group(Matcher m, String name) {
        return m.group(name);
    }

    private static Installer installer(String name, Matcher m) {
        return new Installer(name, group(m, "version"), null);
    }

    private static Implementation implementation(Matcher m) {
        return new Implementation(group(m, "implName"), group(m, "implVersion"));
    }

    private static Details details(Installer installer, String python, Implementation implementation, Distro distro,
            OperatingSystem system) {
        return new Details(installer, python, implementation, distro, system, null, null, null, null, null);
    }

}
