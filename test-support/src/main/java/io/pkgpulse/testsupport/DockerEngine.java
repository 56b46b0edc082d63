package io.pkgpulse.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;

/**
 * Whether Testcontainers can reach a Docker engine; asked once per JVM. Where nothing
 * points at an engine (no {@code DOCKER_HOST}, no socket, no Testcontainers
 * configuration) the answer is no without asking Testcontainers, whose probe would log a
 * page of errors on every run of a machine without Docker.
 */
final class DockerEngine {

    private static Boolean reachable;

    private DockerEngine() {
    }

    static synchronized boolean isReachable() {
        if (reachable == null) {
            reachable = somethingPointsAtAnEngine() && askTestcontainers();
        }
        return reachable;
    }

    private static boolean somethingPointsAtAnEngine() {
        if (System.getenv("DOCKER_HOST") != null) {
            return true;
        }
        String home = System.getProperty("user.home");
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        return Stream
            .of(Path.of("/var/run/docker.sock"), Path.of(home, ".docker/run/docker.sock"),
                    Path.of(home, ".testcontainers.properties"),
                    runtimeDir == null ? Path.of("/nonexistent") : Path.of(runtimeDir, "docker.sock"))
            .anyMatch(Files::exists);
    }

    private static boolean askTestcontainers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

}
