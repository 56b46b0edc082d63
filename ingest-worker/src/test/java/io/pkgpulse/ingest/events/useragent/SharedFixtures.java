package io.pkgpulse.ingest.events.useragent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Files in the shared fixtures folder, {@code ../shared/fixtures} next to the repository
 * (CI checks out the repository beside {@code shared/}). Found by walking up from the
 * working directory (the module's folder under Maven, the repository's in an IDE) to the
 * repository root, so it does not depend on where the build is started.
 */
final class SharedFixtures {

    private SharedFixtures() {
    }

    /**
     * The fixture at {@code relative} (e.g. {@code linehaul-ua/fixtures.json}).
     * @throws IllegalStateException when it is not there: a test that needs it must fail,
     * not skip
     */
    static Path file(String relative) {
        List<Path> tried = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path parent = dir.getParent();
            if (parent != null) {
                Path candidate = parent.resolve("shared").resolve("fixtures").resolve(relative).normalize();
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
                tried.add(candidate);
            }
            if (isRepositoryRoot(dir)) {
                break;
            }
        }
        throw new IllegalStateException("shared fixture " + relative + " not found; looked for " + tried);
    }

    private static boolean isRepositoryRoot(Path dir) {
        return Files.exists(dir.resolve(".git")) || Files.isDirectory(dir.resolve("ingest-worker"));
    }

}
