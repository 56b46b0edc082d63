package io.pkgpulse.producer.synthetic;

import java.util.List;
import java.util.SplittableRandom;

import io.pkgpulse.producer.synthetic.PythonEnvironment.Distro;

/**
 * Random but realistic {@link PythonEnvironment}s: mostly Linux servers, containers and
 * CI runners (Ubuntu, Debian, Amazon Linux, Alpine, ...), some Macs and Windows machines;
 * current CPython most often (3.11 and 3.12), a little PyPy; about 15 % CI. Release
 * strings are ones those systems really report.
 */
final class PythonEnvironments {

    private record LinuxDistro(Distro distro, String openssl, List<String> kernels) {
    }

    private static final Weighted<LinuxDistro> LINUX = Weighted.<LinuxDistro>builder()
        .add(linux("Ubuntu", "22.04", "jammy", "2.35", "OpenSSL 3.0.2 15 Mar 2022", "6.5.0-1025-azure",
                "5.15.0-1071-aws", "6.8.0-1017-aws", "5.15.0-122-generic", "6.8.0-48-generic"), 30)
        .add(linux("Ubuntu", "24.04", "noble", "2.39", "OpenSSL 3.0.13 30 Jan 2024", "6.8.0-1015-azure",
                "6.8.0-1016-aws", "6.8.0-47-generic", "6.8.0-1014-gcp"), 20)
        .add(linux("Ubuntu", "20.04", "focal", "2.31", "OpenSSL 1.1.1f  31 Mar 2020", "5.15.0-1070-azure",
                "5.4.0-200-generic", "5.15.0-1068-aws"), 7)
        .add(linux("Debian GNU/Linux", "12", "bookworm", "2.36", "OpenSSL 3.0.15 3 Sep 2024", "6.1.0-26-cloud-amd64",
                "5.10.226-214.880.amzn2.x86_64", "6.1.112-122.189.amzn2023.x86_64", "6.8.0-1015-azure",
                "6.10.14-linuxkit"), 22)
        .add(linux("Debian GNU/Linux", "11", "bullseye", "2.31", "OpenSSL 1.1.1w  11 Sep 2023", "5.10.0-32-cloud-amd64",
                "5.10.226-214.880.amzn2.x86_64"), 4)
        .add(linux("Amazon Linux", "2023", null, "2.34", "OpenSSL 3.0.8 7 Feb 2023", "6.1.112-122.189.amzn2023.x86_64",
                "6.1.109-118.189.amzn2023.x86_64"), 6)
        .add(new LinuxDistro(new Distro("Alpine Linux", "3.20.3", null, null, null), "OpenSSL 3.3.2 3 Sep 2024",
                List.of("6.1.0-26-cloud-amd64", "5.15.0-1071-aws", "6.10.14-linuxkit")), 5)
        .add(linux("Rocky Linux", "9.4", "Blue Onyx", "2.34", "OpenSSL 3.0.7 1 Nov 2022",
                "5.14.0-427.40.1.el9_4.x86_64"), 3)
        .add(linux("Fedora Linux", "41", null, "2.40", "OpenSSL 3.2.2 4 Jun 2024", "6.11.5-300.fc41.x86_64"), 2)
        .build();

    private static final Weighted<String[]> MACOS = Weighted.<String[]>builder()
        .add(new String[] { "15.1", "24.1.0" }, 25)
        .add(new String[] { "15.1.1", "24.1.0" }, 15)
        .add(new String[] { "14.6.1", "23.6.0" }, 25)
        .add(new String[] { "14.7", "23.6.0" }, 10)
        .add(new String[] { "13.6.9", "22.6.0" }, 10)
        .add(new String[] { "15.0.1", "24.0.0" }, 15)
        .build();

    private static final Weighted<String> MACOS_OPENSSL = Weighted.<String>builder()
        .add("OpenSSL 3.0.15 3 Sep 2024", 60)
        .add("OpenSSL 3.4.0 22 Oct 2024", 30)
        .add("LibreSSL 2.8.3", 10)
        .build();

    private static final Weighted<String> WINDOWS_RELEASE = Weighted.<String>builder()
        .add("10", 75)
        .add("11", 20)
        .add("2022Server", 5)
        .build();

    private static final Weighted<String> PYTHON = Weighted.<String>builder()
        .add("3.12.7", 12)
        .add("3.12.3", 8)
        .add("3.12.6", 6)
        .add("3.12.4", 4)
        .add("3.11.10", 9)
        .add("3.11.9", 8)
        .add("3.11.7", 6)
        .add("3.11.2", 5)
        .add("3.10.12", 7)
        .add("3.10.15", 5)
        .add("3.10.14", 3)
        .add("3.13.0", 7)
        .add("3.13.1", 5)
        .add("3.9.20", 4)
        .add("3.9.2", 3)
        .add("3.9.18", 3)
        .add("3.8.10", 3)
        .add("3.8.20", 2)
        .build();

    private static final Weighted<String> SETUPTOOLS = Weighted.<String>builder()
        .add("75.6.0", 12)
        .add("75.1.0", 12)
        .add("70.3.0", 8)
        .add("69.5.1", 10)
        .add("68.1.2", 8)
        .add("65.5.0", 15)
        .add("59.6.0", 8)
        .add("56.0.0", 4)
        .build();

    private PythonEnvironments() {
    }

    static PythonEnvironment random(SplittableRandom random) {
        boolean pypy = random.nextInt(100) < 2;
        String python = pypy ? "3.10.14" : PYTHON.pick(random);
        String implementation = pypy ? "PyPy" : "CPython";
        String implementationVersion = pypy ? "7.3.17" : python;
        String setuptools = random.nextInt(100) < 75 ? SETUPTOOLS.pick(random) : null;
        boolean ci = random.nextInt(100) < 15;
        int os = random.nextInt(100);
        if (os < 85) {
            LinuxDistro linux = LINUX.pick(random);
            boolean arm = random.nextInt(100) < 12;
            String kernel = linux.kernels().get(random.nextInt(linux.kernels().size()));
            if (arm) {
                kernel = kernel.replace("x86_64", "aarch64").replace("amd64", "arm64");
            }
            return new PythonEnvironment(python, implementation, implementationVersion, linux.distro(), "Linux", kernel,
                    arm ? "aarch64" : "x86_64", linux.openssl(), setuptools, ci);
        }
        if (os < 93) {
            String[] mac = MACOS.pick(random);
            boolean arm = random.nextInt(100) < 75;
            return new PythonEnvironment(python, implementation, implementationVersion,
                    new Distro("macOS", mac[0], null, null, null), "Darwin", mac[1], arm ? "arm64" : "x86_64",
                    MACOS_OPENSSL.pick(random), setuptools, ci);
        }
        String openssl = python.startsWith("3.8") || python.startsWith("3.9") || python.startsWith("3.10")
                ? "OpenSSL 1.1.1w  11 Sep 2023" : "OpenSSL 3.0.15 3 Sep 2024";
        return new PythonEnvironment(python, implementation, implementationVersion, null, "Windows",
                WINDOWS_RELEASE.pick(random), "AMD64", openssl, setuptools, ci);
    }

    private static LinuxDistro linux(String name, String version, String codename, String glibc, String openssl,
            String... kernels) {
        return new LinuxDistro(new Distro(name, version, codename, "glibc", glibc), openssl, List.of(kernels));
    }

}
