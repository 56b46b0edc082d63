package io.pkgpulse.system;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * One of the project's packaged applications running as its own OS process
 * ({@code java -jar}), with its output in {@code target/system-tests/<name>.log}.
 * {@link #stop()} is a SIGTERM (graceful shutdown), {@link #kill()} a SIGKILL.
 */
final class AppProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String name;

    private final Process process;

    private final int port;

    private AppProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code module}'s jar with {@code args} and waits until its health endpoint
     * on {@code port} is up.
     */
    static AppProcess start(String name, String module, int port, List<String> args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar",
                jar(module).toString(), "--server.port=" + port, "--spring.main.banner-mode=off"));
        command.addAll(args);
        try {
            Path log = Path.of("target", "system-tests", name + ".log");
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
            AppProcess app = new AppProcess(name, process, port);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                }
                return app.healthy();
            });
            return app;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot start " + name, ex);
        }
    }

    /** Runs a command-line tool's jar to completion; returns its exit status. */
    static int run(String name, String module, List<String> args) {
        try {
            Process process = launch(name, module, args);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish in 5 minutes");
            }
            return process.exitValue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Starts a command-line tool's jar and returns at once; the caller waits for it. */
    static Process launch(String name, String module, List<String> args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar(module).toString()));
        command.addAll(args);
        try {
            Path log = Path.of("target", "system-tests", name + ".log");
            Files.createDirectories(log.getParent());
            return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot run " + name, ex);
        }
    }

    int port() {
        return port;
    }

    String get(String path) {
        try {
            HttpResponse<String> response = HTTP
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        name + " answered " + response.statusCode() + " to " + path + ": " + response.body());
            }
            return response.body();
        }
        catch (IOException ex) {
            throw new IllegalStateException(name + " did not answer " + path, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    boolean healthy() {
        try {
            return get("/actuator/health").contains("\"UP\"");
        }
        catch (IllegalStateException ex) {
            return false;
        }
    }

    /** SIGTERM, then waits for the graceful shutdown. */
    void stop() {
        process.destroy();
        waitForExit();
    }

    /** SIGKILL: no shutdown hooks, open transactions are rolled back by PostgreSQL. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The module's executable jar, built by the reactor before these tests run. */
    static Path jar(String module) {
        Path target = Path.of("..", module, "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(
                    f -> f.getFileName().toString().startsWith(module) && f.getFileName().toString().endsWith(".jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "No jar in " + target.toAbsolutePath() + "; run the build from the project root (mvn verify)"));
        }
        catch (IOException ex) {
            throw new IllegalStateException("No " + target.toAbsolutePath() + File.separator
                    + "; run the build from the project root (mvn verify)", ex);
        }
    }

}
