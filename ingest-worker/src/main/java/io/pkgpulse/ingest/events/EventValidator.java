package io.pkgpulse.ingest.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.pkgpulse.ingest.events.CheckedEvent.Accepted;
import io.pkgpulse.ingest.events.CheckedEvent.Dropped;
import io.pkgpulse.ingest.events.CheckedEvent.Rejected;
import io.pkgpulse.ingest.events.DownloadEvent.Details;
import io.pkgpulse.ingest.events.useragent.ParsedUserAgent;
import io.pkgpulse.ingest.events.useragent.UserAgentParser;
import io.pkgpulse.model.catalog.Release;
import io.pkgpulse.model.downloads.ClientProfile;
import io.pkgpulse.model.downloads.FileType;
import io.pkgpulse.names.ProjectNames;

/**
 * Decides for one parsed event whether it is counted, dead-lettered (and why) or dropped
 * (and why), and reduces a counted one to what is stored. Stored fields are limited to
 * their column's length; fields that are not stored have generous limits so that no
 * record is unbounded. The contract, limits included, is docs/events.md. Lengths are
 * counted in characters (code points), as PostgreSQL and JSON Schema count them.
 */
public class EventValidator {

    /**
     * Installers that mirror an index rather than install from it; pypistats reports
     * totals without them.
     */
    public static final Set<String> MIRROR_INSTALLERS = Set.of("bandersnatch", "z3c.pypimirror", "Artifactory",
            "devpi");

    static final int MAX_FILENAME = 512;
    static final int MAX_URL = 2048;
    static final int MAX_SHORT = 64;
    static final int MAX_PYTHON = 32;
    static final int MAX_LONG = 128;
    static final int MAX_UNSTORED = 256;
    static final int MAX_DISTRO_DETAIL = 256;
    static final int MAX_TIMESTAMP = 64;
    static final int MAX_CPU = 32;

    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

    /**
     * RFC 3339 date-time with seconds and an offset. As BigQuery and linehaul write them,
     * a space may replace the T, a space may precede the offset, and {@code UTC} may
     * stand for {@code Z}: {@code 2024-01-07 20:54:54 UTC},
     * {@code 2024-01-07 20:54:54 +00:00}.
     */
    private static final Pattern RFC_3339 = Pattern
        .compile("\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})? ?([Zz]|UTC|[+-]\\d{2}:\\d{2})");

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-fA-F]{64}");

    /**
     * The earliest day a history import may bring: before it, a timestamp is a mistake,
     * not PyPI's history.
     */
    public static final Instant HISTORY_START = Instant.parse("2000-01-01T00:00:00Z");

    private static final Pattern UUID_TEXT = Pattern
        .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final UserAgentParser userAgents;

    /**
     * Parsed agents by their text. Traffic repeats a few thousand agents (one per pip
     * version, Python, OS image and CI runner), and parsing pip's JSON is the costliest
     * part of checking an event.
     */
    private final Cache<String, KnownAgent> parsedAgents = Caffeine.newBuilder().maximumSize(20_000).build();

    /**
     * One instance per distinct client, so that the batch's maps (profiles, their ids,
     * the rows) compare clients by identity instead of comparing 15 fields, the raw agent
     * among them, for every event.
     */
    private final Cache<ClientProfile.Fields, ClientProfile.Fields> clients = Caffeine.newBuilder()
        .maximumSize(20_000)
        .build();

    private final Clock clock;

    private final Duration retention;

    private final Duration futureSkew;

    /**
     * @param retention events of the stream older than this are rejected: their day's raw
     * rows are gone (events of a history import are counted into the rollups back to
     * {@link #HISTORY_START})
     * @param futureSkew how far ahead of this worker's clock an event may be dated
     */
    public EventValidator(UserAgentParser userAgents, Clock clock, Duration retention, Duration futureSkew) {
        this.userAgents = userAgents;
        this.clock = clock;
        this.retention = retention;
        this.futureSkew = futureSkew;
    }

    public CheckedEvent check(DownloadEvent event) {
        try {
            return accept(event);
        }
        catch (Invalid invalid) {
            return new Rejected(invalid.reason, invalid.getMessage());
        }
    }

    private CheckedEvent accept(DownloadEvent event) {
        String timestampText = required(event.timestamp(), "timestamp", MAX_TIMESTAMP);
        String projectName = required(event.project(), "project", ProjectNames.MAX_LENGTH);
        if (event.file() == null) {
            throw new Invalid(RejectReason.MISSING_FIELD, "file is missing");
        }
        String filename = required(event.file().filename(), "file.filename", MAX_FILENAME);
        String version = required(event.file().version(), "file.version", Release.MAX_VERSION_LENGTH);
        String type = required(event.file().type(), "file.type", MAX_SHORT);
        optional(event.file().project(), "file.project", ProjectNames.MAX_LENGTH);
        optional(event.url(), "url", MAX_URL);
        optional(event.tlsProtocol(), "tls_protocol", MAX_UNSTORED);
        optional(event.tlsCipher(), "tls_cipher", MAX_UNSTORED);
        String userAgent = optional(event.userAgent(), "user_agent", ClientProfile.MAX_AGENT_LENGTH);
        if (userAgent != null && userAgent.isBlank()) {
            userAgent = null;
        }

        if (!ProjectNames.isValid(projectName)) {
            throw new Invalid(RejectReason.INVALID_FIELD, "project is not a valid project name: " + quote(projectName));
        }
        String project = ProjectNames.normalize(projectName);
        if (event.file().project() != null && (!ProjectNames.isValid(event.file().project())
                || !ProjectNames.normalize(event.file().project()).equals(project))) {
            throw new Invalid(RejectReason.INVALID_FIELD,
                    "file.project " + quote(event.file().project()) + " is not project " + quote(projectName));
        }
        if (version.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new Invalid(RejectReason.INVALID_FIELD, "file.version contains white space or control characters");
        }
        if (isNotADistribution(filename)) {
            return new Dropped(DropReason.NOT_A_DISTRIBUTION);
        }
        FileType fileType = FileType.fromPypiName(type)
            .orElseThrow(() -> new Invalid(RejectReason.UNKNOWN_FILE_TYPE,
                    "file.type " + quote(type) + " is not a distribution type"));
        ImportedLine importedLine = importedLine(event.importLine());
        Instant timestamp = timestamp(timestampText, importedLine != null);
        UUID eventId = eventId(event.eventId());
        String country = country(event.countryCode());

        Details details = event.details();
        boolean fromAgent = false;
        if (userAgent != null) {
            KnownAgent known = parsedAgents.get(userAgent, agent -> new KnownAgent(agent, userAgents.parse(agent)));
            userAgent = known.text();
            ParsedUserAgent parsed = known.parsed();
            if (parsed.kind() == ParsedUserAgent.Kind.BOT) {
                return new Dropped(DropReason.BOT);
            }
            if (details == null) {
                details = parsed.details();
                fromAgent = true;
            }
        }
        return new Accepted(stored(timestamp, project, projectName, version, fileType, details, fromAgent, country,
                userAgent, eventId, importedLine));
    }

    /**
     * The stored form. Details the producer sent are checked like any field; details
     * parsed from a valid user agent are the worker's own reading, so they are cut to fit
     * instead of rejecting the download.
     */
    private ValidEvent stored(Instant timestamp, String project, String projectName, String version, FileType fileType,
            Details details, boolean fromAgent, String country, String userAgent, UUID eventId,
            ImportedLine importedLine) {
        if (details == null) {
            ClientProfile.Fields agentOnly = new ClientProfile.Fields(null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, userAgent);
            return new ValidEvent(timestamp, project, projectName, version, fileType, canonical(agentOnly), country,
                    eventId, false, importedLine);
        }
        String installerName = null;
        String installerVersion = null;
        if (details.installer() != null) {
            installerName = detail(fromAgent, details.installer().name(), "details.installer.name", MAX_SHORT);
            installerVersion = detail(fromAgent, details.installer().version(), "details.installer.version", MAX_SHORT);
            detail(fromAgent, details.installer().subcommand(), "details.installer.subcommand", MAX_UNSTORED);
        }
        String implementationName = null;
        String implementationVersion = null;
        if (details.implementation() != null) {
            implementationName = detail(fromAgent, details.implementation().name(), "details.implementation.name",
                    MAX_SHORT);
            implementationVersion = detail(fromAgent, details.implementation().version(),
                    "details.implementation.version", MAX_SHORT);
        }
        String distroName = null;
        String distroVersion = null;
        String distroId = null;
        String libcLib = null;
        String libcVersion = null;
        if (details.distro() != null) {
            distroName = detail(fromAgent, details.distro().name(), "details.distro.name", MAX_LONG);
            distroVersion = detail(fromAgent, details.distro().version(), "details.distro.version", MAX_SHORT);
            distroId = detail(fromAgent, details.distro().id(), "details.distro.id", MAX_DISTRO_DETAIL);
            if (details.distro().libc() != null) {
                libcLib = detail(fromAgent, details.distro().libc().lib(), "details.distro.libc.lib",
                        MAX_DISTRO_DETAIL);
                libcVersion = detail(fromAgent, details.distro().libc().version(), "details.distro.libc.version",
                        MAX_DISTRO_DETAIL);
            }
        }
        String systemName = null;
        String systemRelease = null;
        if (details.system() != null) {
            systemName = detail(fromAgent, details.system().name(), "details.system.name", MAX_SHORT);
            systemRelease = detail(fromAgent, details.system().release(), "details.system.release", MAX_LONG);
        }
        String python = detail(fromAgent, details.python(), "details.python", MAX_PYTHON);
        String cpu = detail(fromAgent, details.cpu(), "details.cpu", MAX_CPU);
        detail(fromAgent, details.opensslVersion(), "details.openssl_version", MAX_UNSTORED);
        detail(fromAgent, details.setuptoolsVersion(), "details.setuptools_version", MAX_UNSTORED);
        detail(fromAgent, details.rustcVersion(), "details.rustc_version", MAX_UNSTORED);
        ClientProfile.Fields client = new ClientProfile.Fields(installerName, installerVersion, python,
                implementationName, implementationVersion, systemName, systemRelease, distroName, distroVersion,
                distroId, libcLib, libcVersion, cpu, details.ci(), userAgent);
        return new ValidEvent(timestamp, project, projectName, version, fileType, canonical(client), country, eventId,
                installerName != null && MIRROR_INSTALLERS.contains(installerName), importedLine);
    }

    private ClientProfile.Fields canonical(ClientProfile.Fields client) {
        return clients.get(client, fields -> fields);
    }

    /**
     * A parsed agent and the one instance of its text that events carry (its hash
     * computed once).
     */
    private record KnownAgent(String text, ParsedUserAgent parsed) {
    }

    /**
     * Since 2026 PyPI counts only distribution files: metadata and signature fetches are
     * not downloads.
     */
    private static boolean isNotADistribution(String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        return lower.endsWith(".metadata") || lower.endsWith(".asc");
    }

    private Instant timestamp(String text, boolean history) {
        if (!RFC_3339.matcher(text).matches()) {
            throw new Invalid(RejectReason.INVALID_FIELD,
                    "timestamp " + quote(text) + " is not an RFC 3339 date-time with seconds and an offset");
        }
        Instant timestamp;
        try {
            timestamp = utcTimestamp(text);
            if (timestamp == null) {
                timestamp = OffsetDateTime.parse(rfc3339(text)).toInstant();
            }
        }
        catch (DateTimeParseException ex) {
            throw new Invalid(RejectReason.INVALID_FIELD,
                    "timestamp " + quote(text) + " is not an RFC 3339 date-time with an offset");
        }
        Instant now = clock.instant();
        if (timestamp.isAfter(now.plus(futureSkew))) {
            throw new Invalid(RejectReason.TIMESTAMP_IN_FUTURE, "timestamp " + text + " is in the future");
        }
        if (history) {
            if (timestamp.isBefore(HISTORY_START)) {
                throw new Invalid(RejectReason.TIMESTAMP_TOO_OLD,
                        "timestamp " + text + " is older than " + HISTORY_START + ", the earliest history imported");
            }
        }
        else if (timestamp.isBefore(now.minus(retention))) {
            throw new Invalid(RejectReason.TIMESTAMP_TOO_OLD,
                    "timestamp " + text + " is older than the raw retention of " + retention.toDays()
                            + " days; older history is brought in by a history import");
        }
        return timestamp;
    }

    /**
     * The strict RFC 3339 form of a matched timestamp: T between date and time, no space
     * before the offset, Z for UTC.
     */
    private static String rfc3339(String text) {
        String strict = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        if (strict.endsWith("UTC")) {
            strict = strict.substring(0, strict.length() - 3) + 'Z';
        }
        int zone = strict.length() - (strict.endsWith("Z") || strict.endsWith("z") ? 1 : 6);
        return strict.charAt(zone - 1) == ' ' ? strict.substring(0, zone - 1) + strict.substring(zone) : strict;
    }

    /**
     * Checks an {@code import} object; null when the event has none (a download of the
     * stream).
     */
    private static ImportedLine importedLine(DownloadEvent.ImportLine line) {
        if (line == null) {
            return null;
        }
        String sha256 = required(line.sha256(), "import.sha256", 64);
        if (!SHA_256.matcher(sha256).matches()) {
            throw new Invalid(RejectReason.INVALID_FIELD,
                    "import.sha256 " + quote(sha256) + " is not a SHA-256 (64 hex digits)");
        }
        if (line.line() == null) {
            throw new Invalid(RejectReason.MISSING_FIELD, "import.line is missing");
        }
        if (line.line() < 1) {
            throw new Invalid(RejectReason.INVALID_FIELD,
                    "import.line " + line.line() + " is not a line number (1 or more)");
        }
        String file = optional(line.file(), "import.file", MAX_UNSTORED);
        return new ImportedLine(sha256.toLowerCase(Locale.ROOT), line.line(), file);
    }

    /**
     * The common case, {@code 2026-11-21T10:15:30[.fraction]Z}, read without a formatter
     * (which costs more than the rest of an event's checks); null for any other form,
     * which the formatter then reads. Assumes the RFC 3339 pattern has matched.
     */
    private static Instant utcTimestamp(String text) {
        int length = text.length();
        char zone = text.charAt(length - 1);
        if (zone != 'Z' && zone != 'z' || text.charAt(length - 2) == ' ') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        if (month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth() || hour > 23
                || minute > 59 || second > 59) {
            throw new DateTimeParseException("not a date-time", text, 0);
        }
        int nanos = 0;
        if (length > 20) { // ".fraction" between the seconds and the Z
            nanos = number(text, 20, length - 1) * (int) Math.pow(10, 9 - (length - 21));
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static UUID eventId(String text) {
        if (text == null) {
            return null;
        }
        if (!UUID_TEXT.matcher(text).matches()) {
            throw new Invalid(RejectReason.INVALID_FIELD,
                    "event_id " + quote(text) + " is not a UUID (8-4-4-4-12 hex)");
        }
        return UUID.fromString(text);
    }

    private static String country(String code) {
        if (code == null || code.isEmpty()) {
            return null;
        }
        if (!COUNTRY.matcher(code).matches()) {
            throw new Invalid(RejectReason.INVALID_FIELD,
                    "country_code " + quote(code) + " is not an ISO 3166-1 alpha-2 code");
        }
        return code.toUpperCase(Locale.ROOT);
    }

    private static String required(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new Invalid(RejectReason.MISSING_FIELD, field + " is missing");
        }
        return optional(value, field, maxLength);
    }

    /**
     * A details field: checked when the producer sent it, made to fit when the worker
     * parsed it from the agent.
     */
    private static String detail(boolean fromAgent, String value, String field, int maxLength) {
        return fromAgent ? fit(value, maxLength) : optional(value, field, maxLength);
    }

    /**
     * Drops what PostgreSQL cannot store (NUL, unpaired surrogates) and cuts to
     * {@code maxLength} characters.
     */
    private static String fit(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(Math.min(value.length(), maxLength * 2));
        int count = 0;
        for (int i = 0; i < value.length() && count < maxLength;) {
            int codePoint = value.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint != 0 && !(Character.isSurrogate((char) codePoint) && codePoint < 0x10000)) {
                kept.appendCodePoint(codePoint);
                count++;
            }
        }
        return kept.toString();
    }

    /**
     * Checks an optional text field; text that PostgreSQL cannot store (NUL, broken
     * UTF-16) is invalid.
     */
    private static String optional(String value, String field, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength && value.codePointCount(0, value.length()) > maxLength) {
            throw new Invalid(RejectReason.OVERSIZED_FIELD,
                    field + " has " + value.codePointCount(0, value.length()) + " characters, more than " + maxLength);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw new Invalid(RejectReason.INVALID_FIELD, field + " contains a NUL character");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                }
                else {
                    throw new Invalid(RejectReason.INVALID_FIELD, field + " contains an unpaired surrogate");
                }
            }
        }
        return value;
    }

    private static String quote(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return "'" + shown + "'";
    }

    /** Stops checking at the first problem; cheap because it records no stack trace. */
    private static final class Invalid extends RuntimeException {

        private final RejectReason reason;

        Invalid(RejectReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

    }

}
