package io.pkgpulse.reporting.live;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts open streams, per client address and in all, and refuses one over either limit.
 */
final class StreamSlots {

    private final int maxPerClient;

    private final int max;

    private final Map<String, Integer> perClient = new HashMap<>();

    private int open;

    StreamSlots(int maxPerClient, int max) {
        this.maxPerClient = maxPerClient;
        this.max = max;
    }

    /**
     * Takes a slot for {@code client}, or throws: the client's own limit is reported
     * first.
     */
    synchronized void acquire(String client) {
        int clientStreams = perClient.getOrDefault(client, 0);
        if (clientStreams >= maxPerClient) {
            throw LiveLimitException.perClient(maxPerClient);
        }
        if (open >= max) {
            throw LiveLimitException.overall(max);
        }
        perClient.put(client, clientStreams + 1);
        open++;
    }

    synchronized void release(String client) {
        perClient.computeIfPresent(client, (key, n) -> n > 1 ? n - 1 : null);
        open--;
    }

    synchronized int open() {
        return open;
    }

    synchronized int open(String client) {
        return perClient.getOrDefault(client, 0);
    }

}
