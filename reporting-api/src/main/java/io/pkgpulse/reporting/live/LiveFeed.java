package io.pkgpulse.reporting.live;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.pkgpulse.reporting.changes.ChangesMissed;
import io.pkgpulse.reporting.changes.DownloadsChanged;
import io.pkgpulse.reporting.packages.VisiblePackage;

/**
 * The one change feed behind every open {@code GET /api/live} stream. Streams are grouped
 * by what they watch, a {@link Topic} per package (and one for all packages). When the
 * change listener reports that a watched package changed, its numbers are read once, on
 * the reader thread and at most once per {@code min-read-interval}, and the same event
 * goes to each of its streams: the database sees one read per change and package, never
 * one per client.
 * <p>
 * The change events arrive on the thread that listens to PostgreSQL; handling them only
 * marks topics and schedules reads. The reader thread also sends the heartbeats,
 * refreshes everything when the UTC hour changes, and forgets topics nobody watched for
 * {@link #KEEP_UNWATCHED}: until then a client that reconnects with the id of the current
 * state is sent nothing. Writes go through a small pool of sender threads (see
 * {@link LiveStream}).
 */
@Component
class LiveFeed implements SmartLifecycle, DisposableBean {

    static final String ALL = "__all__";

    /**
     * The key of all packages' topic; a package's is its id (a package made anew under an
     * old name is another).
     */
    private static final long ALL_KEY = -1;

    /**
     * Long enough for a browser to reconnect after a dropped connection without the state
     * being read again.
     */
    static final Duration KEEP_UNWATCHED = Duration.ofMinutes(1);

    private static final int SENDER_THREADS = 8;

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final LiveQueries queries;

    private final LiveProperties properties;

    private final JsonMapper json;

    private final Clock clock;

    private final StreamSlots slots;

    private final Map<Long, Topic> topics = new ConcurrentHashMap<>();

    /**
     * One thread: reads (so that a topic's reads never overlap), heartbeats, hour
     * changes, clean-up.
     */
    private final ScheduledThreadPoolExecutor reader;

    private final ThreadPoolExecutor senders;

    private final Counter reads;

    private Instant lastTickHour;

    private ScheduledFuture<?> heartbeats;

    private volatile boolean running;

    /** Set once the streams are being ended: no new ones from then on. */
    private volatile boolean stopping;

    LiveFeed(LiveQueries queries, LiveProperties properties, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.queries = queries;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.slots = new StreamSlots(properties.maxStreamsPerClient(), properties.maxStreams());
        Gauge.builder("pkgpulse.live.streams", slots, StreamSlots::open)
            .description("Open live streams")
            .register(meters);
        this.reads = Counter.builder("pkgpulse.live.reads")
            .description("Reads of numbers for the live streams")
            .register(meters);
        this.reader = new ScheduledThreadPoolExecutor(1, daemon("pkgpulse-live-reader-"));
        this.reader.setRemoveOnCancelPolicy(true);
        this.senders = new ThreadPoolExecutor(SENDER_THREADS, SENDER_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("pkgpulse-live-sender-"));
        this.senders.allowCoreThreadTimeOut(true);
    }

    /**
     * Opens a stream of {@code pkg} (null: all packages) for {@code client}, or throws
     * {@link LiveLimitException}. The current state follows at once, unless
     * {@code lastEventId} says that the client has it.
     */
    SseEmitter open(VisiblePackage pkg, String client, long lastEventId) {
        if (stopping) {
            throw LiveLimitException.stopping();
        }
        try {
            slots.acquire(client);
        }
        catch (LiveLimitException ex) {
            // A client that reloads or moves between pages leaves streams behind that
            // only a failed write reveals:
            // write to its streams now, so that its next try finds the dead ones gone.
            topics.values()
                .forEach(topic -> topic.streams()
                    .stream()
                    .filter(stream -> stream.client.equals(client))
                    .forEach(LiveStream::heartbeat));
            throw ex;
        }
        SseEmitter emitter = new SseEmitter(properties.maxDuration().toMillis());
        try {
            // Written as soon as the response starts: the client sees the stream open,
            // and how long to wait
            // before reconnecting, even when it is sent no state.
            emitter.send(SseEmitter.event().reconnectTime(properties.retry().toMillis()));
        }
        catch (IOException ex) {
            slots.release(client);
            throw new IllegalStateException(ex);
        }
        String name = pkg == null ? ALL : pkg.normalizedName();
        Long packageId = pkg == null ? null : pkg.id();
        long key = pkg == null ? ALL_KEY : pkg.id();
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        while (true) {
            Topic topic = topics.computeIfAbsent(key, k -> new Topic(name, packageId, pkg != null && pkg.isPrivate()));
            LiveStream stream = new LiveStream(topic, client, emitter, senders, properties.retry().toMillis(),
                    this::closed);
            Boolean mustRead = topic.join(stream, lastEventId, hour);
            if (mustRead == null) {
                topics.remove(key, topic);
                continue;
            }
            emitter.onTimeout(stream::end);
            emitter.onError(error -> stream.close());
            emitter.onCompletion(stream::close);
            if (mustRead) {
                requestRead(topic);
            }
            return emitter;
        }
    }

    @EventListener
    void downloadsChanged(DownloadsChanged event) {
        // What a snapshot shows reaches back two days (48 hours); a worker may date an
        // event a little ahead.
        LocalDate today = LocalDate.now(clock);
        LocalDate first = today.minusDays(2);
        LocalDate last = today.plusDays(1);
        changed(topic -> topic.packageId == null ? event.touchesAny(first, last)
                : event.touches(topic.packageId, first, last));
    }

    /**
     * Anything may have changed, visibility included (a package made private is announced
     * so, to every instance): every watched topic is read again, and one whose package
     * turned private ends its streams.
     */
    @EventListener
    void changesMissed(ChangesMissed event) {
        changed(topic -> true);
    }

    /** Streams open now, in all and of one client address. */
    int openStreams() {
        return slots.open();
    }

    int openStreams(String client) {
        return slots.open(client);
    }

    /** The thread every read runs on (tests count its SQL statements there). */
    ScheduledExecutorService reader() {
        return reader;
    }

    private void changed(Predicate<Topic> affected) {
        for (Topic topic : topics.values()) {
            if (affected.test(topic) && topic.changed()) {
                requestRead(topic);
            }
        }
    }

    private void requestRead(Topic topic) {
        long delay = topic.requestRead(System.nanoTime(), properties.minReadInterval().toNanos());
        if (delay >= 0) {
            scheduleRead(topic, delay);
        }
    }

    private void scheduleRead(Topic topic, long delayNanos) {
        try {
            reader.schedule(() -> read(topic), delayNanos, TimeUnit.NANOSECONDS);
        }
        catch (RejectedExecutionException ex) {
            // Stopping: the streams are being ended.
        }
    }

    private void read(Topic topic) {
        topic.readStarting(System.nanoTime());
        boolean failed = false;
        try {
            reads.increment();
            LiveSnapshot snapshot = queries.read(topic.packageId, topic.name);
            topic.publish(json.writeValueAsString(snapshot), snapshot.hour(), clock.millis(), snapshot.hidden())
                .forEach(LiveStream::end);
        }
        catch (RuntimeException ex) {
            // Tried again at the next heartbeat; the streams keep the state they have.
            failed = true;
            log.warn("Live: reading the numbers of {} failed: {}", topic.name, ex.toString());
        }
        long again = topic.readEnded(System.nanoTime(), properties.minReadInterval().toNanos(), failed);
        if (again >= 0) {
            scheduleRead(topic, again);
        }
    }

    /**
     * Every heartbeat, on the reader thread; an exception would cancel all later ticks.
     */
    private void tick() {
        try {
            heartbeat();
        }
        catch (RuntimeException ex) {
            log.error("Live: heartbeat failed", ex);
        }
    }

    private void heartbeat() {
        Instant now = clock.instant();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        boolean newHour = lastTickHour != null && !hour.equals(lastTickHour);
        lastTickHour = hour;
        for (Map.Entry<Long, Topic> entry : topics.entrySet()) {
            Topic topic = entry.getValue();
            if (topic.removeIfUnwatched(now, KEEP_UNWATCHED)) {
                topics.remove(entry.getKey(), topic);
                continue;
            }
            // A new hour (or day) moves every number, downloads or not; a failed read is
            // tried again.
            if ((newHour || topic.stale()) && topic.changed()) {
                requestRead(topic);
            }
            topic.streams().forEach(LiveStream::heartbeat);
        }
    }

    private void closed(LiveStream stream) {
        stream.topic.leave(stream, clock.instant());
        slots.release(stream.client);
    }

    @Override
    public void start() {
        long heartbeat = properties.heartbeat().toMillis();
        stopping = false;
        heartbeats = reader.scheduleAtFixedRate(this::tick, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        running = true;
    }

    /**
     * Before the web server's graceful shutdown, which would otherwise wait for the
     * streams to end by themselves. A stopped feed may be started again (as the test
     * framework does with the contexts it keeps).
     */
    @Override
    public void stop() {
        stopping = true;
        running = false;
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        topics.values().forEach(topic -> topic.streams().forEach(LiveStream::end));
    }

    @Override
    public void destroy() {
        reader.shutdownNow();
        senders.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static CustomizableThreadFactory daemon(String prefix) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
        factory.setDaemon(true);
        return factory;
    }

}
