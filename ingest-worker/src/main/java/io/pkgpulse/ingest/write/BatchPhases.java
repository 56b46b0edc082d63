package io.pkgpulse.ingest.write;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the time of one batch went, phase by phase: {@link #mark(String)} closes the
 * phase that just ended.
 */
public final class BatchPhases {

    private final Map<String, Long> nanos = new LinkedHashMap<>();

    private long last = System.nanoTime();

    /** Attributes the time since the previous mark to {@code phase}. */
    public void mark(String phase) {
        long now = System.nanoTime();
        nanos.merge(phase, now - last, Long::sum);
        last = now;
    }

    public Map<String, Long> nanos() {
        return nanos;
    }

}
