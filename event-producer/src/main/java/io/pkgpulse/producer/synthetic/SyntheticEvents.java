package io.pkgpulse.producer.synthetic;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

import io.pkgpulse.producer.event.EventBuffer;
import io.pkgpulse.producer.event.Rfc3339;
import io.pkgpulse.producer.run.RecordKind;

/**
 * Generates realistic download events, deterministically for a seed (only the timestamps
 * depend on when it runs). Each event is precomputed pieces (project name, versions,
 * agents, countries) copied into a reused buffer plus a few computed ones (UUID,
 * timestamp, file hash), which keeps it around a microsecond. Not thread-safe.
 */
public final class SyntheticEvents {

    static final double WHEEL_SHARE = 0.85;

    private static final long FUTURE_MIN_MILLIS = 3_600_000L;

    private static final long FUTURE_RANGE_MILLIS = 7 * TimestampSampler.MILLIS_PER_DAY;

    private static final RecordKind[] BAD_KINDS = { RecordKind.INVALID_JSON, RecordKind.MISSING_VERSION,
            RecordKind.UNKNOWN_FILE_TYPE, RecordKind.FUTURE_TIMESTAMP };

    private static final byte[] EVENT_ID = ascii("{\"event_id\":\"");

    private static final byte[] TIMESTAMP = ascii("\",\"timestamp\":\"");

    private static final byte[] URL = ascii(",\"url\":\"/packages/");

    private static final byte[] PROJECT = ascii("\",\"project\":\"");

    private static final byte[] FILE = ascii("\",\"file\":{\"filename\":\"");

    private static final byte[] FILE_PROJECT = ascii("\",\"project\":\"");

    private static final byte[] FILE_VERSION = ascii(",\"version\":\"");

    private static final byte[] WHEEL_TYPE = ascii(",\"type\":\"bdist_wheel\"}");

    private static final byte[] SDIST_TYPE = ascii(",\"type\":\"sdist\"}");

    private static final byte[][] UNKNOWN_TYPES = { ascii(",\"type\":\"bdist_conda\"}"), ascii(",\"type\":\"wheel\"}"),
            ascii(",\"type\":\"source\"}") };

    private static final byte[] SDIST_SUFFIX = ascii(".tar.gz");

    private static final byte[] METADATA_SUFFIX = ascii(".metadata");

    private final SyntheticSettings settings;

    private final ProjectUniverse universe;

    private final ProjectCatalog catalog;

    private final ZipfSampler zipf;

    private final AgentPool agents;

    private final TimestampSampler timestamps;

    private final SplittableRandom random;

    private final LongSupplier clock;

    private final EventBuffer buffer = new EventBuffer(2048);

    /**
     * @param epochMillisClock "now", which timestamps are spread back from
     */
    public SyntheticEvents(SyntheticSettings settings, LongSupplier epochMillisClock) {
        this.settings = settings;
        this.universe = new ProjectUniverse(settings.projects(), settings.seed());
        this.catalog = new ProjectCatalog(universe, Seeds.mix(settings.seed(), 2));
        this.zipf = new ZipfSampler(settings.projects(), settings.zipfExponent());
        this.agents = new AgentPool(Seeds.mix(settings.seed(), 3));
        this.timestamps = new TimestampSampler(settings.days());
        this.random = new SplittableRandom(Seeds.mix(settings.seed(), 4));
        this.clock = epochMillisClock;
    }

    public ProjectUniverse universe() {
        return universe;
    }

    public GeneratedEvent next() {
        RecordKind kind = pickKind();
        int rank = zipf.sample(random);
        Project project = catalog.get(rank);
        int versionIndex = project.pickVersion(random);
        byte[] version = project.versions[versionIndex];

        boolean wheel = kind == RecordKind.METADATA || random.nextDouble() < WHEEL_SHARE;
        byte[] stem = wheel ? project.wheelStem : project.sdistStem;
        byte[] suffix;
        int variant;
        if (!wheel) {
            suffix = SDIST_SUFFIX;
            variant = 0;
        }
        else if (project.binary) {
            int tag = WheelTags.pickPlatform(random);
            suffix = WheelTags.platformSuffix(tag);
            variant = 2 + tag;
        }
        else {
            suffix = project.pureWheelSuffix;
            variant = 1;
        }
        byte[] type = kind == RecordKind.UNKNOWN_FILE_TYPE ? UNKNOWN_TYPES[random.nextInt(UNKNOWN_TYPES.length)]
                : wheel ? WHEEL_TYPE : SDIST_TYPE;
        boolean metadata = kind == RecordKind.METADATA;

        long now = clock.getAsLong();
        long timestamp = kind == RecordKind.FUTURE_TIMESTAMP
                ? now + FUTURE_MIN_MILLIS + random.nextLong(FUTURE_RANGE_MILLIS) : now - timestamps.millisAgo(random);
        Agent agent = kind == RecordKind.BOT ? agents.pickBot(random) : agents.pick(random);
        byte[] agentMember = kind == RecordKind.BOT || random.nextDouble() < settings.rawAgentShare()
                ? agent.userAgentMember() : agent.detailsMember();

        EventBuffer out = buffer.reset();
        out.append(EVENT_ID);
        appendUuid(out, random.nextLong(), random.nextLong());
        out.append(TIMESTAMP);
        Rfc3339.append(out, timestamp);
        out.append('"');
        out.append(Countries.pick(random));
        out.append(URL);
        appendHashPath(out, Seeds.mix(project.fileSeed, versionIndex * 64L + variant));
        appendFilename(out, stem, version, suffix, metadata);
        out.append(PROJECT).append(project.name);
        out.append(FILE);
        appendFilename(out, stem, version, suffix, metadata);
        out.append(FILE_PROJECT).append(project.name).append('"');
        if (kind != RecordKind.MISSING_VERSION) {
            out.append(FILE_VERSION).append(version).append('"');
        }
        out.append(type);
        out.append(',').append(agentMember);
        out.append(TlsSuites.pick(random));
        out.append('}');
        if (kind == RecordKind.INVALID_JSON) {
            // A line cut short, as by a crashed shipper: any strict prefix of an object
            // is invalid JSON.
            out.truncate(out.length() / 3 + random.nextInt(out.length() * 2 / 3 - 1));
        }
        return new GeneratedEvent(kind, rank, project.key, out.toByteArray(), Math.floorDiv(timestamp, 86_400_000L));
    }

    private RecordKind pickKind() {
        double u = random.nextDouble();
        double bad = settings.badShare();
        if (u < bad) {
            return BAD_KINDS[random.nextInt(BAD_KINDS.length)];
        }
        double v = (u - bad) / (1 - bad);
        if (v < SyntheticSettings.BOT_SHARE) {
            return RecordKind.BOT;
        }
        return v < SyntheticSettings.BOT_SHARE + SyntheticSettings.METADATA_SHARE ? RecordKind.METADATA
                : RecordKind.GOOD;
    }

    /**
     * A version 4 (random) UUID, from the seeded generator rather than SecureRandom:
     * repeatable and fast.
     */
    private static void appendUuid(EventBuffer out, long msb, long lsb) {
        msb = (msb & ~0xF000L) | 0x4000L;
        lsb = (lsb & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        out.appendHex(msb >>> 32, 8)
            .append('-')
            .appendHex(msb >>> 16, 4)
            .append('-')
            .appendHex(msb, 4)
            .append('-')
            .appendHex(lsb >>> 48, 4)
            .append('-')
            .appendHex(lsb, 12);
    }

    /**
     * PyPI's layout: the file's 64-hex-digit BLAKE2b hash split as
     * {@code ab/cd/<60 more>/}; here a stable stand-in.
     */
    private static void appendHashPath(EventBuffer out, long seed) {
        long h1 = Seeds.mix(seed, 1);
        out.appendHex(h1 >>> 56, 2)
            .append('/')
            .appendHex(h1 >>> 48, 2)
            .append('/')
            .appendHex(h1, 12)
            .appendHex(Seeds.mix(seed, 2), 16)
            .appendHex(Seeds.mix(seed, 3), 16)
            .appendHex(Seeds.mix(seed, 4), 16)
            .append('/');
    }

    private static void appendFilename(EventBuffer out, byte[] stem, byte[] version, byte[] suffix, boolean metadata) {
        out.append(stem).append('-').append(version).append(suffix);
        if (metadata) {
            out.append(METADATA_SUFFIX);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

}
