package io.pkgpulse.reporting.live;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a group of streams watches: one package, or all packages ({@code packageId} null).
 * Holds the newest state sent, the streams, and when the numbers are to be read again.
 * All of it is guarded by the topic's monitor; the reads themselves run outside it.
 */
final class Topic {

    final String name;

    final Long packageId;

    /**
     * Whether the package was private when last looked at: its streams then are its
     * maintainers' only.
     */
    private boolean hidden;

    private final Set<LiveStream> streams = new LinkedHashSet<>();

    private LiveEvent current;

    /**
     * The numbers may have changed since {@code current} was read, and nobody scheduled a
     * read.
     */
    private boolean stale = true;

    private boolean pending;

    private boolean reading;

    private boolean everRead;

    private long lastReadStart;

    private Instant unwatchedSince;

    private boolean removed;

    Topic(String name, Long packageId, boolean hidden) {
        this.name = name;
        this.packageId = packageId;
        this.hidden = hidden;
    }

    /**
     * Adds a stream and sends it the current state unless it has it (or the state may be
     * out of date: then the read that follows sends it). Returns whether the numbers must
     * be read: none yet, possibly changed while nobody watched, or of a past hour, and no
     * read on its way that will tell; null if this topic was just removed.
     */
    synchronized Boolean join(LiveStream stream, long lastEventId, Instant hour) {
        if (removed) {
            return null;
        }
        stream.lastEventId = lastEventId;
        streams.add(stream);
        unwatchedSince = null;
        boolean upToDate = !stale && current != null && current.hour().equals(hour);
        if (upToDate) {
            deliver(stream);
        }
        // A read running since before a change (stale) may not show it; one running
        // otherwise will do.
        return !pending && (stale || !reading && !upToDate);
    }

    synchronized void leave(LiveStream stream, Instant now) {
        if (streams.remove(stream) && streams.isEmpty()) {
            unwatchedSince = now;
        }
    }

    synchronized List<LiveStream> streams() {
        return List.copyOf(streams);
    }

    /**
     * The numbers changed (or may have). Returns whether to read them now: only while
     * streams watch; otherwise the next stream to join reads them.
     */
    synchronized boolean changed() {
        stale = true;
        return !streams.isEmpty();
    }

    /**
     * Returns the delay before a read should start, or -1 when one is already scheduled
     * or running.
     */
    synchronized long requestRead(long nanoTime, long minInterval) {
        if (pending) {
            return -1;
        }
        pending = true;
        return reading ? -1 : delay(nanoTime, minInterval);
    }

    synchronized void readStarting(long nanoTime) {
        pending = false;
        reading = true;
        everRead = true;
        stale = false;
        lastReadStart = nanoTime;
    }

    /**
     * Returns the delay before the next read if a change came during this one, else -1.
     */
    synchronized long readEnded(long nanoTime, long minInterval, boolean failed) {
        reading = false;
        stale |= failed;
        return pending ? delay(nanoTime, minInterval) : -1;
    }

    /**
     * The state just read. Equal numbers keep their id, so a client that has them is sent
     * nothing; new numbers get an id above the last one (the clock's milliseconds where
     * possible, so that ids also grow across restarts). Returns the streams to end
     * instead: all of them, unsent, when the package has just become private (or gone),
     * since some may belong to callers who may no longer see it; those who may reconnect.
     */
    synchronized List<LiveStream> publish(String data, Instant hour, long millis, boolean nowHidden) {
        if (current == null || !current.data().equals(data)) {
            current = new LiveEvent(current == null ? millis : Math.max(current.id() + 1, millis), data, hour);
        }
        boolean hiddenSince = nowHidden && !hidden;
        hidden = nowHidden;
        if (hiddenSince) {
            return List.copyOf(streams);
        }
        streams.forEach(this::deliver);
        return List.of();
    }

    /** Drops a topic nobody watched for {@code keep}; returns whether it was dropped. */
    synchronized boolean removeIfUnwatched(Instant now, Duration keep) {
        if (streams.isEmpty() && !pending && !reading && unwatchedSince != null
                && unwatchedSince.plus(keep).isBefore(now)) {
            removed = true;
        }
        return removed;
    }

    synchronized boolean stale() {
        return stale;
    }

    private long delay(long nanoTime, long minInterval) {
        return everRead ? Math.max(0, lastReadStart + minInterval - nanoTime) : 0;
    }

    private void deliver(LiveStream stream) {
        if (stream.lastEventId != current.id()) {
            stream.lastEventId = current.id();
            stream.offer(current);
        }
    }

}
