package io.pkgpulse.ingest.events.useragent;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pkgpulse.ingest.events.DownloadEvent.Details;
import io.pkgpulse.ingest.events.DownloadEvent.Implementation;
import io.pkgpulse.ingest.events.DownloadEvent.Installer;
import io.pkgpulse.ingest.events.DownloadEvent.OperatingSystem;
import io.pkgpulse.ingest.events.EventJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

/**
 * Turns a raw download user agent into {@link Details} exactly as PyPI's linehaul does
 * ({@code linehaul/ua/parser.py}), for producers that send only the agent; the one
 * deliberate difference is that crawlers are dropped (docs/events.md). linehaul's parsers
 * are tried first (self-describing JSON agents, old pip, then {@link InstallerPatterns}),
 * so that an installer whose agent happens to mention a "robot" is still counted; then
 * crawlers are dropped, browsers recognised, and agents on linehaul's ignore list dropped
 * ({@link BotAgents}). Anything else is unknown.
 * <p>
 * The agent is read as sent, not trimmed: linehaul does not trim it either
 * ({@code "Ruby "} is not {@code "Ruby"}).
 * <p>
 * Thread-safe and cheap: it runs for every event, so patterns are precompiled, each rule
 * is guarded by a prefix check, and the JSON is only handed to Jackson when it at least
 * looks like an object.
 */
public class UserAgentParser {

    private static final Pattern OLD_PIP = PythonRe.compile("^pip/(?<version>\\S+) "
            + "(?<implName>\\S+)/(?<implVersion>\\S+) (?<systemName>\\S+)/(?<systemRelease>\\S+)$");

    private static final ParsedUserAgent BROWSER = ParsedUserAgent.recognised(Details.ofInstaller("Browser", null));

    /**
     * Reads the JSON as linehaul's {@code json.loads}: one value and nothing after it,
     * and a repeated key counts with its last value. Types are the event's strict ones.
     */
    private static final ObjectReader DETAILS = EventJson.mapper()
        .readerFor(Details.class)
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .without(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    public UserAgentParser() {
    }

    /** What {@code userAgent} says; {@link ParsedUserAgent#UNKNOWN} for null or blank. */
    public ParsedUserAgent parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return ParsedUserAgent.UNKNOWN;
        }
        Details details = selfDescribing(userAgent);
        if (details == null) {
            details = InstallerPatterns.match(userAgent);
        }
        if (details != null) {
            return ParsedUserAgent.recognised(details);
        }
        if (BotAgents.isCrawler(userAgent)) {
            return ParsedUserAgent.BOT;
        }
        if (InstallerPatterns.isBrowser(userAgent)) {
            return BROWSER;
        }
        return BotAgents.isIgnored(userAgent) ? ParsedUserAgent.BOT : ParsedUserAgent.UNKNOWN;
    }

    /**
     * pip (6 and later, JSON; 1.4 to 5, a short form), uv (0.1.22 and later) and Hatch
     * agents; null when {@code agent} is none of them or its JSON cannot be read, as
     * linehaul then counts it as unknown.
     */
    private static Details selfDescribing(String agent) {
        if (agent.startsWith("pip/")) {
            String version = firstWord(agent).substring("pip/".length());
            return Pep440.atLeast(version, "6") ? readJson(afterFirstWord(agent)) : oldPip(agent);
        }
        if (agent.startsWith("uv/")) {
            String version = firstWord(agent).substring("uv/".length());
            return Pep440.atLeast(version, "0.1.22") ? readJson(afterFirstWord(agent)) : null;
        }
        if (agent.startsWith("Hatch/")) {
            // Hatch/{version} {json} HTTPX/{version}: JSON strings may hold spaces, so
            // from the first { to the last }.
            int open = agent.indexOf('{');
            int close = agent.lastIndexOf('}');
            return open >= 0 && close >= open ? readJson(agent.substring(open, close + 1)) : null;
        }
        return null;
    }

    /**
     * {@code pip/1.5.6 CPython/2.7.6 Linux/3.13.0-24-generic} (pip 1.4 to 5). Each of the
     * four values is left out when it is {@code unknown} (any case); the Python version
     * is the implementation's when that is CPython.
     */
    private static Details oldPip(String agent) {
        Matcher m = OLD_PIP.matcher(agent);
        if (!m.lookingAt() || !Pep440.inRange(m.group("version"), "1.4", "6")) {
            return null;
        }
        String implName = known(m.group("implName"));
        String implVersion = known(m.group("implVersion"));
        String systemName = known(m.group("systemName"));
        String systemRelease = known(m.group("systemRelease"));
        return new Details(new Installer("pip", m.group("version"), null),
                m.group("implName").equalsIgnoreCase("CPython") ? m.group("implVersion") : null,
                implName == null && implVersion == null ? null : new Implementation(implName, implVersion), null,
                systemName == null && systemRelease == null ? null : new OperatingSystem(systemName, systemRelease),
                null, null, null, null, null);
    }

    private static String known(String value) {
        return value.equalsIgnoreCase("unknown") ? null : value;
    }

    /**
     * The details document, or null when it is not a JSON object of the expected shape.
     * linehaul takes whatever object is there, also one without an installer; a document
     * that is not an object makes it fail on the whole log line, and one with the wrong
     * types (a number for a string) it converts: both count here as unreadable. The cheap
     * shape check keeps Jackson's exceptions off the path of agents that plainly carry no
     * JSON.
     */
    private static Details readJson(String text) {
        if (text.isEmpty() || text.charAt(0) != '{') {
            return null;
        }
        try {
            return DETAILS.readValue(text);
        }
        catch (JacksonException e) {
            return null;
        }
    }

    /** Python's {@code agent.split()[0]}, for an agent that starts with a word. */
    private static String firstWord(String agent) {
        int end = 0;
        while (end < agent.length() && !PythonRe.isSpace(agent.charAt(end))) {
            end++;
        }
        return agent.substring(0, end);
    }

    /**
     * Python's {@code agent.split(maxsplit=1)[1]}, or {@code ""} when there is nothing
     * after the first word.
     */
    private static String afterFirstWord(String agent) {
        int start = firstWord(agent).length();
        while (start < agent.length() && PythonRe.isSpace(agent.charAt(start))) {
            start++;
        }
        return agent.substring(start);
    }

}
