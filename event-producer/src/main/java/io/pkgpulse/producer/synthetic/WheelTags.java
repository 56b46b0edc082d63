package io.pkgpulse.producer.synthetic;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The compatibility tags of the wheels a download is for. Pure-Python projects publish
 * one {@code py3-none-any} wheel; projects with extensions publish one per Python version
 * and platform, downloaded roughly in proportion to how many machines of each kind
 * install Python packages (Linux x86-64 on current CPython first).
 */
final class WheelTags {

    static final byte[] PURE = suffix("py3-none-any");
    static final byte[] PURE_UNIVERSAL = suffix("py2.py3-none-any");

    private static final Weighted<byte[]> PLATFORM = Weighted.<byte[]>builder()
        .add(suffix("cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64"), 24)
        .add(suffix("cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64"), 20)
        .add(suffix("cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64"), 12)
        .add(suffix("cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64"), 6)
        .add(suffix("cp39-cp39-manylinux_2_17_x86_64.manylinux2014_x86_64"), 6)
        .add(suffix("cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64"), 3)
        .add(suffix("cp312-cp312-manylinux_2_17_aarch64.manylinux2014_aarch64"), 5)
        .add(suffix("cp311-cp311-manylinux_2_28_aarch64"), 2)
        .add(suffix("cp312-cp312-musllinux_1_2_x86_64"), 3)
        .add(suffix("cp312-cp312-macosx_11_0_arm64"), 5)
        .add(suffix("cp311-cp311-macosx_10_9_x86_64"), 2)
        .add(suffix("cp312-cp312-win_amd64"), 5)
        .add(suffix("cp311-cp311-win_amd64"), 3)
        .add(suffix("cp38-abi3-manylinux_2_28_x86_64"), 4)
        .build();

    private WheelTags() {
    }

    /** Index of a platform wheel's tag, for {@link #platformSuffix(int)}. */
    static int pickPlatform(SplittableRandom random) {
        return PLATFORM.pickIndex(random);
    }

    /**
     * {@code -cp312-cp312-...whl}: what follows the version in a platform wheel's
     * filename.
     */
    static byte[] platformSuffix(int index) {
        return PLATFORM.get(index);
    }

    private static byte[] suffix(String tags) {
        return ("-" + tags + ".whl").getBytes(StandardCharsets.US_ASCII);
    }

}
