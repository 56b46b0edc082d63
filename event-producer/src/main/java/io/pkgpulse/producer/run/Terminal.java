package io.pkgpulse.producer.run;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stderr is a terminal, which decides between a progress line redrawn in place
 * and one printed every few seconds (for logs and CI). Java has no isatty; on Linux the
 * file descriptor's link tells, elsewhere the presence of a console is the best guess.
 */
final class Terminal {

    private Terminal() {
    }

    static boolean isStderrTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        }
        catch (Exception ex) {
            // fall back below
        }
        return System.console() != null;
    }

}
