package io.pkgpulse.producer.synthetic;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What the generator needs of one project, as bytes ready to copy into events: its name,
 * key, the name stems its files use, its versions and how likely each is to be downloaded
 * (the newest most, pre-releases rarely).
 */
final class Project {

    private static final double PRERELEASE_FACTOR = 0.05;

    final int rank;

    final byte[] name;

    final byte[] key;

    /**
     * Wheel filenames escape the name: runs of {@code -_.} become {@code _}, lower-cased
     * by newer tools.
     */
    final byte[] wheelStem;

    /**
     * Older sdists keep the name as spelled ({@code zope.interface-7.1.1.tar.gz}); newer
     * ones use the wheel stem.
     */
    final byte[] sdistStem;

    final byte[][] versions;

    final boolean binary;

    final byte[] pureWheelSuffix;

    /** Seed of the file hashes in this project's URLs. */
    final long fileSeed;

    private final double[] cumulative;

    Project(int rank, String name, String key, boolean binary, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        this.rank = rank;
        this.name = ascii(name);
        this.key = ascii(key);
        this.binary = binary;
        this.fileSeed = random.nextLong();
        boolean modernFilenames = random.nextBoolean();
        String escaped = name.replaceAll("[-_.]+", "_");
        this.wheelStem = ascii(modernFilenames ? escaped.toLowerCase(Locale.ROOT) : escaped);
        this.sdistStem = modernFilenames ? wheelStem : this.name;
        this.pureWheelSuffix = random.nextInt(10) == 0 ? WheelTags.PURE_UNIVERSAL : WheelTags.PURE;

        List<String> history = VersionHistory.generate(random, versionCount(rank, random));
        this.versions = new byte[history.size()][];
        this.cumulative = new double[history.size()];
        double decay = 0.6 + random.nextDouble() * 0.25;
        double weight = 1;
        double[] weights = new double[history.size()];
        for (int i = history.size() - 1; i >= 0; i--) {
            weights[i] = VersionHistory.isPrerelease(history.get(i)) ? weight * PRERELEASE_FACTOR : weight;
            weight *= decay;
        }
        double sum = 0;
        for (int i = 0; i < history.size(); i++) {
            versions[i] = ascii(history.get(i));
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    /** Index into {@link #versions} of a download's version, newer ones more likely. */
    int pickVersion(SplittableRandom random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = cumulative.length - 1;
        // The newest versions take most downloads: search from the end.
        while (i > 0 && cumulative[i - 1] > u) {
            i--;
        }
        return i;
    }

    /** Popular projects have long histories; most of the tail has a few releases. */
    private static int versionCount(int rank, SplittableRandom random) {
        if (rank <= 100) {
            return 20 + random.nextInt(VersionHistory.MAX_VERSIONS - 19);
        }
        double u = random.nextDouble();
        return 1 + (int) ((VersionHistory.MAX_VERSIONS - 1) * u * u * u);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

}
