package io.pkgpulse.producer.replay;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pkgpulse.producer.replay.LogLine.SkipReason;

/**
 * Parses the nginx/Apache "combined" access-log format,
 * {@code $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer"
 * "$http_user_agent"} (extra fields after it are ignored), into downloads of a
 * distribution file, wherever the index serves them ({@code /packages/...} on PyPI and
 * its mirrors, {@code /+f/...} on devpi). A download is what PyPI's CDN counts: a
 * {@code GET} answered {@code 200} or {@code 304}. {@code HEAD}, {@code 206} partial
 * responses (pip's range requests, resumed downloads), redirects and errors are not
 * downloads.
 * <p>
 * The client address is never kept: at most it is handed to a {@link CountryLookup} for
 * the country, in memory; the event contract has no address field, and a replay should
 * not spread personal data.
 */
public final class CombinedLogParser {

    /**
     * The country of a client address as logged, or null; {@link #NONE} when no GeoIP
     * database is used.
     */
    @FunctionalInterface
    public interface CountryLookup {

        CountryLookup NONE = address -> null;

        /**
         * @param address {@code $remote_addr} as logged (IPv4, IPv6, {@code -}, or
         * anything else)
         * @return an ISO 3166-1 alpha-2 code in upper case, or null
         */
        String countryOf(String address);

    }

    /**
     * A quoted field; escapes ({@code \"} from Apache, {@code \x22} from nginx) are
     * undone later.
     */
    private static final String QUOTED = "\"((?:[^\"\\\\]++|\\\\.)*+)\"";

    private static final Pattern LINE = Pattern.compile("(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] " + QUOTED
            + " (\\d{3}) (\\d+|-) " + QUOTED + " " + QUOTED + "(?:\\s.*)?");

    private static final DateTimeFormatter TIME_LOCAL = DateTimeFormatter.ofPattern("d/MMM/yyyy:HH:mm:ss Z",
            Locale.ENGLISH);

    /** Longest URL and user agent an event may carry (the worker's limits). */
    static final int MAX_URL = 2048;
    static final int MAX_USER_AGENT = 4096;

    private final CountryLookup countries;

    public CombinedLogParser() {
        this(CountryLookup.NONE);
    }

    public CombinedLogParser(CountryLookup countries) {
        this.countries = countries;
    }

    public LogLine parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return new LogLine.Malformed("not in the combined log format");
        }
        long epochMillis;
        try {
            epochMillis = OffsetDateTime.parse(m.group(4), TIME_LOCAL).toInstant().toEpochMilli();
        }
        catch (DateTimeParseException ex) {
            return new LogLine.Malformed("bad time [" + m.group(4) + "]");
        }
        String[] request = unescape(m.group(5)).split(" ");
        if (request.length < 2 || request.length > 3) {
            return new LogLine.Skipped(SkipReason.NOT_A_REQUEST);
        }
        if (!request[0].equals("GET")) {
            return new LogLine.Skipped(SkipReason.METHOD);
        }
        int status = Integer.parseInt(m.group(6));
        if (status != 200 && status != 304) {
            return new LogLine.Skipped(SkipReason.STATUS);
        }
        String path = path(request[1]);
        if (path.isEmpty() || path.endsWith("/")) {
            return new LogLine.Skipped(SkipReason.NOT_A_FILE);
        }
        String filename = percentDecode(path.substring(path.lastIndexOf('/') + 1));
        Optional<Distribution> distribution = DistributionFilename.parse(filename);
        if (distribution.isEmpty()) {
            return new LogLine.Skipped(SkipReason.NOT_A_DISTRIBUTION);
        }
        String agent = unescape(m.group(9));
        if (agent.isEmpty() || agent.equals("-")) {
            agent = null;
        }
        else if (agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        return new LogLine.Download(epochMillis, path.length() > MAX_URL ? null : path, distribution.get(), agent,
                countries.countryOf(m.group(1)));
    }

    /**
     * The path of a request target: no query or fragment, no scheme and host in the
     * absolute form.
     */
    private static String path(String target) {
        String path = target;
        if (path.startsWith("http://") || path.startsWith("https://")) {
            int slash = path.indexOf('/', path.indexOf("//") + 2);
            path = slash < 0 ? "" : path.substring(slash);
        }
        int end = path.length();
        int query = path.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int fragment = path.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return path.substring(0, end);
    }

    /**
     * Undoes the log's escaping of a quoted field: {@code \"} and {@code \\}, and nginx's
     * {@code \xHH} for printable ASCII. Other escapes stay as written, so a control
     * character never reaches an event.
     */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(i + 1);
                if (next == '"' || next == '\\') {
                    out.append(next);
                    i++;
                    continue;
                }
                if (next == 'x' && i + 3 < field.length()) {
                    int high = hex(field.charAt(i + 2));
                    int low = hex(field.charAt(i + 3));
                    int value = high * 16 + low;
                    if (high >= 0 && low >= 0 && value >= 0x20 && value < 0x7F) {
                        out.append((char) value);
                        i += 3;
                        continue;
                    }
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * %XX decoding as UTF-8; unlike {@code URLDecoder}, {@code +} stays a plus (local
     * versions use it).
     */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 3;
            }
            else {
                int next = text.indexOf('%', i + 1);
                int end = next < 0 ? text.length() : next;
                byte[] encoded = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i = end;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * The value of an ASCII hex digit, or -1 ({@link Character#digit} would also take
     * other scripts' digits).
     */
    static int hex(char c) {
        return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
    }

}
