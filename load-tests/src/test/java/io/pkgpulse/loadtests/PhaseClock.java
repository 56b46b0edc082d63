package io.pkgpulse.loadtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** When each phase really ran: its first user's start and its last user's end (epoch milliseconds). */
final class PhaseClock {

    private record Window(AtomicLong start, AtomicLong end) {
    }

    private final Map<String, Window> windows = new ConcurrentSkipListMap<>();

    void started(String phase) {
        window(phase).start().accumulateAndGet(System.currentTimeMillis(), Math::min);
    }

    void ended(String phase) {
        window(phase).end().accumulateAndGet(System.currentTimeMillis(), Math::max);
    }

    private Window window(String phase) {
        return windows.computeIfAbsent(phase, p -> new Window(new AtomicLong(Long.MAX_VALUE), new AtomicLong(0)));
    }

    /** {@code {"stats": {"start": ..., "end": ...}, ...}} */
    void write(Path file) throws IOException {
        String json = windows.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": {\"start\": " + e.getValue().start().get() + ", \"end\": "
                        + e.getValue().end().get() + "}")
                .collect(Collectors.joining(", ", "{", "}\n"));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, json);
    }
}
