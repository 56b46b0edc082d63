package io.pkgpulse.reporting.live;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open {@code GET /api/live} response. Writes happen on the sender pool, one at a
 * time per stream, and a stream keeps only the newest thing to send: a slow client skips
 * states it had no time for (each event is the whole state) instead of piling them up,
 * and holds one sender thread at most.
 */
final class LiveStream {

    private static final Object HEARTBEAT = new Object();

    final Topic topic;

    final String client;

    final SseEmitter emitter;

    /**
     * The id of the state this client has: sent here, or named by its
     * {@code Last-Event-ID}. Guarded by the topic.
     */
    long lastEventId;

    private final Executor senders;

    private final long retryMillis;

    private final Consumer<LiveStream> onClosed;

    private final AtomicReference<Object> next = new AtomicReference<>();

    private final AtomicBoolean sending = new AtomicBoolean();

    private final AtomicBoolean closed = new AtomicBoolean();

    LiveStream(Topic topic, String client, SseEmitter emitter, Executor senders, long retryMillis,
            Consumer<LiveStream> onClosed) {
        this.topic = topic;
        this.client = client;
        this.emitter = emitter;
        this.senders = senders;
        this.retryMillis = retryMillis;
        this.onClosed = onClosed;
    }

    void offer(LiveEvent event) {
        next.set(event);
        schedule();
    }

    /** A comment line, unless an event is about to be written anyway. */
    void heartbeat() {
        if (next.compareAndSet(null, HEARTBEAT)) {
            schedule();
        }
    }

    /**
     * The server ends the stream (shutdown, visibility change, maximum duration); the
     * client may reconnect.
     */
    void end() {
        if (close()) {
            emitter.complete();
        }
    }

    /** Frees the stream's slot, once, whichever way it ended. */
    boolean close() {
        if (closed.compareAndSet(false, true)) {
            onClosed.accept(this);
            return true;
        }
        return false;
    }

    private void schedule() {
        if (!closed.get() && sending.compareAndSet(false, true)) {
            try {
                senders.execute(this::drain);
            }
            catch (RejectedExecutionException ex) {
                sending.set(false);
            }
        }
    }

    private void drain() {
        while (true) {
            Object item = next.getAndSet(null);
            if (item == null) {
                sending.set(false);
                // Something offered between the two lines above found "sending" still
                // set: write it here.
                if (next.get() == null || !sending.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                emitter.send(item == HEARTBEAT ? SseEmitter.event().comment("heartbeat") : message((LiveEvent) item));
            }
            catch (IOException | IllegalStateException ex) {
                // The client went away (or the response already ended): the container
                // completes the response.
                close();
                return;
            }
        }
    }

    private SseEmitter.SseEventBuilder message(LiveEvent event) {
        return SseEmitter.event()
            .id(Long.toString(event.id()))
            .name(LiveEvent.NAME)
            .reconnectTime(retryMillis)
            .data(event.data());
    }

}
