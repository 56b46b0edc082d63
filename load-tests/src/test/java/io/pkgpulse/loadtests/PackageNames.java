package io.pkgpulse.loadtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The package names requests are made for: the CSV bench/seed-reporting writes ({@code rank,package,downloads},
 * most downloaded first).
 */
final class PackageNames {

    private PackageNames() {
    }

    static String[] read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("No package list at " + file.toAbsolutePath()
                    + ": run bench/seed-reporting (or bench/reporting) first", ex);
        }
        String[] names = lines.stream().skip(1).filter(line -> !line.isBlank())
                .map(line -> line.split(",", -1)[1]).toArray(String[]::new);
        if (names.length == 0) {
            throw new IllegalStateException("No package names in " + file.toAbsolutePath());
        }
        return names;
    }
}
