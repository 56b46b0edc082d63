package io.pkgpulse.ingest.useragent;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pkgpulse.ingest.events.DownloadEvent.Details;
import io.pkgpulse.ingest.events.DownloadEvent.Implementation;
import io.pkgpulse.ingest.events.DownloadEvent.Installer;
import io.pkgpulse.ingest.events.DownloadEvent.OperatingSystem;
import io.pkgpulse.ingest.events.EventJson;
import tools.jackson.core.JacksonException;

/**
 * Turns a raw download user agent into {@link Details}, the way PyPI's linehaul does, for producers that send only
 * the agent. Installers are tried first (self-describing JSON agents, old pip, then {@link InstallerPatterns}), so
 * that an installer whose agent happens to mention a "robot" is still counted; only then are {@link BotAgents}
 * dropped, and browsers come last because many bots pretend to be one.
 * <p>
 * Thread-safe and cheap: it runs for every event, so patterns are precompiled, each rule is guarded by a prefix
 * check, and the JSON is only handed to Jackson when it at least looks like an object.
 */
public class UserAgentParser {

    private static final Pattern OLD_PIP = Pattern.compile("pip/(\\S+) ([^\\s/]+)/(\\S+) ([^\\s/]+)/(\\S+)");

    private static final ParsedUserAgent BROWSER = ParsedUserAgent.recognised(Details.ofInstaller("Browser", null));

    public UserAgentParser() {
    }

    /** What {@code userAgent} says; {@link ParsedUserAgent#UNKNOWN} for null or blank. */
    public ParsedUserAgent parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return ParsedUserAgent.UNKNOWN;
        }
        String agent = userAgent.strip();
        Details details = selfDescribing(agent);
        if (details == null) {
            details = InstallerPatterns.match(agent);
        }
        if (details != null) {
            return ParsedUserAgent.recognised(details);
        }
        if (BotAgents.isBot(agent)) {
            return ParsedUserAgent.BOT;
        }
        return InstallerPatterns.isBrowser(agent) ? BROWSER : ParsedUserAgent.UNKNOWN;
    }

    /**
     * pip, uv and Hatch agents, which carry their details as JSON (old pip aside); null when {@code agent} is none of
     * them or, except for pip, its JSON cannot be read.
     */
    private static Details selfDescribing(String agent) {
        if (agent.startsWith("pip/")) {
            return pip(agent);
        }
        if (agent.startsWith("uv/")) {
            String version = firstToken(agent, "uv/".length());
            return atLeast(version, 0, 1, 22) ? readJson(agent.substring("uv/".length() + version.length())) : null;
        }
        if (agent.startsWith("Hatch/")) {
            int open = agent.indexOf('{');
            int close = agent.lastIndexOf('}');
            return open >= 0 && close > open ? readJson(agent.substring(open, close + 1)) : null;
        }
        return null;
    }

    /**
     * pip 6+ sends JSON; when that JSON is damaged the version is still worth counting. pip 1.4 to 5 sent a short
     * space-separated form instead.
     */
    private static Details pip(String agent) {
        String version = firstToken(agent, "pip/".length());
        if (atLeast(version, 6)) {
            Details details = readJson(agent.substring("pip/".length() + version.length()));
            return details != null ? details : Details.ofInstaller("pip", version);
        }
        return atLeast(version, 1, 4) ? oldPip(agent) : null;
    }

    /** {@code pip/1.5.6 CPython/2.7.6 Linux/3.13.0-24-generic}, where either pair may be {@code Unknown/Unknown}. */
    private static Details oldPip(String agent) {
        Matcher m = OLD_PIP.matcher(agent);
        if (!m.matches()) {
            return null;
        }
        String implementation = m.group(2);
        String system = m.group(4);
        return new Details(new Installer("pip", m.group(1), null),
                implementation.equalsIgnoreCase("CPython") ? m.group(3) : null,
                isUnknown(implementation) ? null : new Implementation(implementation, m.group(3)), null,
                isUnknown(system) ? null : new OperatingSystem(system, m.group(5)), null, null, null, null, null);
    }

    private static boolean isUnknown(String name) {
        return name.equalsIgnoreCase("unknown");
    }

    /**
     * The details document, or null when it is not a JSON object of the expected shape or names no installer (a
     * recognised agent always has one). The cheap shape check keeps Jackson's exceptions off the path of agents that
     * plainly carry no JSON.
     */
    private static Details readJson(String text) {
        String json = text.strip();
        if (!json.startsWith("{") || !json.endsWith("}")) {
            return null;
        }
        try {
            Details details = EventJson.mapper().readValue(json, Details.class);
            return details.installer() != null && details.installer().name() != null ? details : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String firstToken(String agent, int from) {
        int space = agent.indexOf(' ', from);
        return agent.substring(from, space < 0 ? agent.length() : space);
    }

    /**
     * Whether the leading numeric release of {@code version} ({@code 23.2.1}, {@code 10.0b1}) is at least
     * {@code minimum}, missing parts counting as zero; false when it does not start with a number.
     */
    private static boolean atLeast(String version, int... minimum) {
        if (version.isEmpty() || !isDigit(version.charAt(0))) {
            return false;
        }
        int pos = 0;
        for (int required : minimum) {
            int part = 0;
            // Stop before an absurdly long number overflows; it is already larger than any minimum.
            while (pos < version.length() && isDigit(version.charAt(pos)) && part < 100_000_000) {
                part = part * 10 + (version.charAt(pos++) - '0');
            }
            if (part != required) {
                return part > required;
            }
            if (pos < version.length() && version.charAt(pos) == '.') {
                pos++;
            } else {
                pos = version.length();
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
