package io.pkgpulse.producer.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A project's release history, oldest first: PEP 440 versions in the styles projects use
 * (semantic {@code 2.32.3}, two-part {@code 4.12}, calendar {@code 2024.8.30}, plain
 * {@code 306}), with the occasional pre-release before a feature release
 * ({@code 2.0.0rc1}, {@code 1.4.dev3}) and post-release ({@code 1.2.0.post1}).
 */
final class VersionHistory {

    static final int MAX_VERSIONS = 40;

    private VersionHistory() {
    }

    /** {@code count} distinct versions (1 to {@link #MAX_VERSIONS}), oldest first. */
    static List<String> generate(SplittableRandom random, int count) {
        int style = random.nextInt(100);
        if (style < 12) {
            return calendar(random, count);
        }
        if (style < 18) {
            return plain(random, count);
        }
        return semantic(random, count, style < 30);
    }

    /** Whether {@code version}, one made here, is a pre- or development release. */
    static boolean isPrerelease(String version) {
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (c == 'a' || c == 'b' || c == 'r' || c == 'd') {
                return true;
            }
        }
        return false;
    }

    private static List<String> semantic(SplittableRandom random, int count, boolean twoPart) {
        List<String> versions = new ArrayList<>(count);
        int major = random.nextInt(10) < 4 ? 0 : 1 + random.nextInt(3);
        int minor = major == 0 ? 1 + random.nextInt(3) : random.nextInt(4);
        int micro = 0;
        versions.add(format(major, minor, micro, twoPart));
        while (versions.size() < count) {
            double bump = random.nextDouble();
            boolean feature = true;
            if (twoPart) {
                if (bump < 0.9) {
                    minor++;
                }
                else {
                    major++;
                    minor = 0;
                }
            }
            else if (bump < 0.62) {
                micro++;
                feature = false;
            }
            else if (bump < 0.93) {
                minor++;
                micro = 0;
            }
            else {
                major++;
                minor = 0;
                micro = 0;
            }
            String release = format(major, minor, micro, twoPart);
            if (feature && versions.size() < count - 1 && random.nextInt(100) < 18) {
                versions.add(prerelease(random, release, major, minor));
            }
            versions.add(release);
            if (versions.size() < count && random.nextInt(100) < 3) {
                versions.add(release + ".post1");
            }
        }
        return versions.subList(0, count);
    }

    private static String prerelease(SplittableRandom random, String release, int major, int minor) {
        int kind = random.nextInt(100);
        if (kind < 50) {
            return release + "rc" + (1 + random.nextInt(2));
        }
        if (kind < 70) {
            return release + "b" + (1 + random.nextInt(3));
        }
        if (kind < 85) {
            return release + "a1";
        }
        return major + "." + minor + ".dev" + (1 + random.nextInt(9));
    }

    private static String format(int major, int minor, int micro, boolean twoPart) {
        return twoPart ? major + "." + minor : major + "." + minor + "." + micro;
    }

    private static List<String> calendar(SplittableRandom random, int count) {
        List<String> versions = new ArrayList<>(count);
        java.time.LocalDate date = java.time.LocalDate.of(2016 + random.nextInt(7), 1 + random.nextInt(12),
                1 + random.nextInt(28));
        while (versions.size() < count) {
            String version = date.getYear() + "." + date.getMonthValue() + "." + date.getDayOfMonth();
            if (versions.isEmpty() || !versions.get(versions.size() - 1).equals(version)) {
                versions.add(version);
            }
            date = date.plusDays(7 + random.nextInt(80));
        }
        return versions;
    }

    private static List<String> plain(SplittableRandom random, int count) {
        List<String> versions = new ArrayList<>(count);
        int n = 1 + random.nextInt(200);
        while (versions.size() < count) {
            versions.add(Integer.toString(n));
            n += 1 + random.nextInt(3);
        }
        return versions;
    }

}
