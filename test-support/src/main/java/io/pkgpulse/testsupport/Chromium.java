package io.pkgpulse.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's Chromium and its WebDriver, for tests that drive a real headless browser.
 * Tests point Selenium at {@link #BROWSER} and {@link #DRIVER} so that Selenium Manager
 * never downloads a browser or a driver. {@link #ensureInstalled()} installs the two
 * Debian packages when they are missing and the JVM runs as root on a machine with
 * {@code apt-get}; anywhere else it fails and says what to install. A browser test is
 * never skipped.
 */
public final class Chromium {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");

    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private static final List<String> PACKAGES = List.of("chromium", "chromium-driver");

    private static final long APT_TIMEOUT_MINUTES = 15;

    private static final Logger log = LoggerFactory.getLogger(Chromium.class);

    /**
     * The outcome of the one attempt per JVM: null until made, then the failure message
     * or "" for success.
     */
    private static String outcome;

    private Chromium() {
    }

    /**
     * Makes sure {@link #BROWSER} and {@link #DRIVER} exist, installing {@code chromium}
     * and {@code chromium-driver} with {@code apt-get} at most once per JVM.
     * @throws IllegalStateException if they are missing and cannot be installed here
     */
    public static synchronized void ensureInstalled() {
        if (installed()) {
            return;
        }
        if (outcome == null) {
            outcome = install();
        }
        if (!outcome.isEmpty() || !installed()) {
            throw new IllegalStateException(outcome.isEmpty() ? missing() + " after installing " + PACKAGES : outcome);
        }
    }

    private static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    private static String missing() {
        return "Headless browser tests need Debian's chromium and chromium-driver (" + BROWSER + ", " + DRIVER + ")";
    }

    /** Returns "" on success, else why it failed. */
    private static String install() {
        String how = missing() + "; install them with: apt-get install chromium chromium-driver";
        Path aptGet = Path.of("/usr/bin/apt-get");
        if (!Files.isExecutable(aptGet)) {
            return how + " (this machine has no apt-get: install Chromium and a matching chromedriver at those paths)";
        }
        if (!runsAsRoot()) {
            return how + " (not running as root, so the tests cannot install them)";
        }
        log.info("Chromium: {} missing, installing Debian packages {} with apt-get (once per JVM)",
                Files.isExecutable(BROWSER) ? DRIVER : BROWSER, PACKAGES);
        List<String> installCommand = List.of(aptGet.toString(), "install", "-y", PACKAGES.get(0), PACKAGES.get(1));
        Result first = run(installCommand);
        if (first.exitCode() == 0 && installed()) {
            log.info("Chromium: installed {}", PACKAGES);
            return "";
        }
        log.info("Chromium: apt-get install failed ({}); running apt-get update and trying again", first.summary());
        Result update = run(List.of(aptGet.toString(), "update"));
        if (update.exitCode() != 0) {
            return how + ". apt-get update failed: " + update.summary();
        }
        Result second = run(installCommand);
        if (second.exitCode() != 0) {
            return how + ". apt-get install failed: " + second.summary();
        }
        log.info("Chromium: installed {} after apt-get update", PACKAGES);
        return "";
    }

    private static boolean runsAsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        }
        catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private record Result(int exitCode, String output) {

        String summary() {
            String tail = output.length() > 2000 ? "..." + output.substring(output.length() - 2000) : output;
            return "exit code " + exitCode + (tail.isBlank() ? "" : ", output:\n" + tail.strip());
        }
    }

    private static Result run(List<String> command) {
        log.info("Chromium: running {}", String.join(" ", command));
        try {
            Path output = Files.createTempFile("apt-get-", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
                builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
                Process process = builder.start();
                if (!process.waitFor(APT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    return new Result(-1, "timed out after " + APT_TIMEOUT_MINUTES + " minutes");
                }
                return new Result(process.exitValue(), new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
            }
            finally {
                Files.deleteIfExists(output);
            }
        }
        catch (IOException ex) {
            return new Result(-1, ex.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

}
