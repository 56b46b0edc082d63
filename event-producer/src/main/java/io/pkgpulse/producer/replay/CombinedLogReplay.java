package io.pkgpulse.producer.replay;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pkgpulse.names.ProjectNames;
import io.pkgpulse.producer.replay.CombinedLogParser.CountryLookup;
import io.pkgpulse.producer.replay.LogLine.SkipReason;
import io.pkgpulse.producer.run.RecordKind;
import io.pkgpulse.producer.run.Run;

/**
 * {@code --format combined}: access-log lines become events (see
 * {@link CombinedLogParser}). Requests that are not downloads are skipped and counted by
 * reason; lines that do not parse are counted and skipped, the first few described on
 * stderr with the client address and user masked. {@code .metadata} and {@code .asc}
 * fetches are sent: the worker drops them, exactly as it would in production, and the
 * summary counts them as {@code metadata}. Every other download is counted as
 * {@code downloads_sent}, not as good: the worker still drops those with a crawler or bot
 * agent, by rules that live in the worker.
 */
final class CombinedLogReplay implements LineReplay {

    static final int REPORTED_UNPARSED = 5;

    /** The first three fields of a combined line: address, identity, user. */
    private static final Pattern LEADING_FIELDS = Pattern.compile("^(\\S+)( \\S+ )(\\S+)( \\[)");

    /**
     * A run of characters an IPv4 or IPv6 address (with an optional port) is made of,
     * standing alone.
     */
    private static final Pattern ADDRESS_LIKE = Pattern.compile("(?<![\\w:.])[\\p{XDigit}:.]{3,}+(?![\\w:.])");

    private static final Pattern IPV4_WITH_PORT = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?");

    private final Run run;

    private final ProjectIds projectIds;

    private final CountryLookup countries;

    private final PrintStream messages;

    private final CombinedLogParser parser;

    private final LogEventWriter writer = new LogEventWriter();

    private final long[] skipped = new long[SkipReason.values().length];

    private long unparsed;

    private long withCountry;

    /**
     * @param countries where the country of a download's client address comes from
     * ({@code --geoip}); null or {@link CountryLookup#NONE} for none
     */
    CombinedLogReplay(Run run, ProjectIds projectIds, CountryLookup countries, PrintStream messages) {
        this.run = run;
        this.projectIds = projectIds;
        this.countries = countries == null ? CountryLookup.NONE : countries;
        this.messages = messages;
        this.parser = new CombinedLogParser(this.countries);
    }

    @Override
    public void replay(byte[] line, long lineNumber) {
        String text = new String(line, StandardCharsets.UTF_8);
        LogLine parsed = parser.parse(text);
        if (parsed instanceof LogLine.Download download) {
            String key = ProjectNames.normalize(download.distribution().project());
            byte[] value = writer.write(download);
            byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
            if (download.distribution().notADownload()) {
                run.send(RecordKind.METADATA, -1, keyBytes, value);
            }
            else {
                if (download.countryCode() != null) {
                    withCountry++;
                }
                run.send(RecordKind.GOOD, projectIds.idOf(key), keyBytes, value);
            }
        }
        else if (parsed instanceof LogLine.Skipped skip) {
            skipped[skip.reason().ordinal()]++;
        }
        else if (parsed instanceof LogLine.Malformed malformed) {
            if (++unparsed <= REPORTED_UNPARSED) {
                messages.printf("line %d not parsed (%s): %s%n", lineNumber, malformed.reason(),
                        abbreviate(masked(text)));
            }
        }
    }

    @Override
    public Map<String, Long> skippedByReason() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SkipReason reason : SkipReason.values()) {
            counts.put(reason.jsonName(), skipped[reason.ordinal()]);
        }
        return counts;
    }

    @Override
    public Map<String, Long> inputCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("unparsed", unparsed);
        if (countries != CountryLookup.NONE) {
            counts.put("downloads_with_country", withCountry);
        }
        return counts;
    }

    /**
     * A line fit to print: the first field (the client address in the combined format, or
     * a host name when the server resolved it) and a user name in the third become
     * {@code <address>} and {@code <user>}, and anything else that looks like an IPv4 or
     * IPv6 address (a forwarded-for field, a vhost log's second field) becomes
     * {@code <address>}.
     */
    static String masked(String line) {
        String text = line;
        Matcher leading = LEADING_FIELDS.matcher(text);
        if (leading.find()) {
            String user = leading.group(3).equals("-") ? "-" : "<user>";
            text = "<address>" + leading.group(2) + user + leading.group(4) + text.substring(leading.end());
        }
        else if (!text.isEmpty() && !Character.isWhitespace(text.charAt(0))) {
            int end = 0;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            text = "<address>" + text.substring(end);
        }
        Matcher address = ADDRESS_LIKE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (address.find()) {
            address.appendReplacement(out,
                    looksLikeAnAddress(address.group()) ? "<address>" : Matcher.quoteReplacement(address.group()));
        }
        address.appendTail(out);
        return out.toString();
    }

    /**
     * IPv4 (with a port), or IPv6: with {@code ::}, or eight groups; not a time such as
     * {@code 2026:10:15:30}.
     */
    private static boolean looksLikeAnAddress(String token) {
        if (IPV4_WITH_PORT.matcher(token).matches()) {
            return true;
        }
        return token.contains("::") || token.chars().filter(c -> c == ':').count() >= 7;
    }

    private static String abbreviate(String line) {
        return line.length() <= 160 ? line : line.substring(0, 160) + "...";
    }

}
