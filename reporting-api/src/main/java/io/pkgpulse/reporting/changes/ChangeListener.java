package io.pkgpulse.reporting.changes;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.PGProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens to the worker's change notifications (channel {@code pkgpulse_changes}, sent in
 * each batch transaction and so delivered exactly on commit) on a connection of its own,
 * outside the pool, and turns each into a {@link DownloadsChanged} event, in commit
 * order. Every API instance has its own listener, so this works with any number of
 * replicas.
 *
 * <p>
 * When the connection is lost, or silent for longer than {@code check-interval} and then
 * fails a check within {@code timeout}, it publishes {@link ChangesMissed} (nothing is
 * answered from memory until it listens again), connects again with a growing delay, and
 * once it listens publishes {@link ChangesMissed} again, so that what was missed in
 * between is forgotten.
 */
@Component
@EnableConfigurationProperties(ChangesProperties.class)
class ChangeListener implements SmartLifecycle {

    static final String APPLICATION_NAME = "pkgpulse-api-changes";

    private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);

    private final DataSourceProperties dataSource;

    private final ChangesProperties properties;

    private final ChangeClock changeClock;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final Counter received;

    private final Counter reconnects;

    private volatile Thread thread;

    private volatile Connection connection;

    ChangeListener(DataSourceProperties dataSource, ChangesProperties properties, ChangeClock changeClock,
            ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.properties = properties;
        this.changeClock = changeClock;
        this.events = events;
        this.clock = clock;
        this.received = Counter.builder("pkgpulse.changes.notifications")
            .description("Change notifications received from the ingest worker")
            .register(meters);
        this.reconnects = Counter.builder("pkgpulse.changes.connections")
            .description("Connections made to listen for change notifications")
            .register(meters);
        Gauge.builder("pkgpulse.changes.listening", changeClock, c -> c.listening() ? 1 : 0)
            .description("1 while change notifications arrive, else 0 (answers are then never cached)")
            .register(meters);
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.warn("Change notifications are off (pkgpulse.changes.enabled=false): nothing about downloads is "
                    + "answered from memory");
            return;
        }
        Thread listener = new Thread(this::run, "pkgpulse-changes");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    @Override
    public void stop() {
        Thread listener = thread;
        thread = null;
        if (listener != null) {
            listener.interrupt();
            closeQuietly();
            try {
                listener.join(5_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        Duration delay = properties.reconnectDelay();
        while (thread == Thread.currentThread()) {
            try {
                connection = connect();
                reconnects.increment();
                // Anything committed before LISTEN took effect was not notified here:
                // forget it all.
                missed(true);
                log.info("Listening for change notifications");
                delay = properties.reconnectDelay();
                listen((PGConnection) connection);
            }
            catch (SQLException | RuntimeException ex) {
                if (thread != Thread.currentThread()) {
                    break;
                }
                if (changeClock.listening()) {
                    missed(false);
                    log.warn("Lost the change notification connection ({}); answering without caches until it is "
                            + "back", ex.getMessage());
                }
                else {
                    log.warn("Cannot listen for change notifications yet ({}); trying again in {} ms", ex.getMessage(),
                            delay.toMillis());
                }
            }
            finally {
                closeQuietly();
            }
            if (!pause(delay)) {
                break;
            }
            delay = delay.multipliedBy(2).compareTo(properties.maxReconnectDelay()) > 0 ? properties.maxReconnectDelay()
                    : delay.multipliedBy(2);
        }
    }

    private Connection connect() throws SQLException {
        Properties info = new Properties();
        String user = dataSource.determineUsername();
        String password = dataSource.determinePassword();
        if (user != null) {
            info.setProperty("user", user);
        }
        if (password != null) {
            info.setProperty("password", password);
        }
        // Named, so that operators (and a test) can tell this session from the pool's in
        // pg_stat_activity.
        PGProperty.APPLICATION_NAME.set(info, APPLICATION_NAME);
        PGProperty.SOCKET_TIMEOUT.set(info, (int) Math.max(1, properties.timeout().toSeconds()));
        PGProperty.CONNECT_TIMEOUT.set(info, (int) Math.max(1, properties.timeout().toSeconds()));
        PGProperty.TCP_KEEP_ALIVE.set(info, true);
        Connection listening = DriverManager.getConnection(dataSource.determineUrl(), info);
        listening.setAutoCommit(true);
        try (Statement statement = listening.createStatement()) {
            statement.execute("LISTEN " + ChangeNotification.CHANNEL);
        }
        return listening;
    }

    /**
     * Returns only by an exception: the connection failed, or the listener is stopping.
     */
    private void listen(PGConnection notifications) throws SQLException {
        long checkMillis = properties.checkInterval().toMillis();
        long silentSince = System.nanoTime();
        while (thread == Thread.currentThread()) {
            PGNotification[] arrived = notifications.getNotifications((int) Math.min(checkMillis, 500));
            if (arrived != null && arrived.length > 0) {
                for (PGNotification notification : arrived) {
                    publish(notification);
                }
                silentSince = System.nanoTime();
            }
            else if (System.nanoTime() - silentSince >= checkMillis * 1_000_000) {
                // A connection that died without a word (a half-open TCP connection) says
                // nothing either.
                try (Statement check = connection.createStatement()) {
                    check.setQueryTimeout((int) Math.max(1, properties.timeout().toSeconds()));
                    check.execute("SELECT 1");
                }
                silentSince = System.nanoTime();
            }
        }
        throw new IllegalStateException("stopping");
    }

    private void publish(PGNotification notification) {
        received.increment();
        if (!ChangeNotification.CHANNEL.equals(notification.getName())) {
            return;
        }
        try {
            var changes = ChangeNotification.parse(notification.getParameter());
            if (changes.isEmpty()) {
                log.info("Told that everything may have changed: forgetting all cached answers");
                missed(true);
                return;
            }
            DownloadsChanged event = new DownloadsChanged(changeClock.nextSequence(), clock.instant(), changes.get());
            changeClock.changed(event);
            events.publishEvent(event);
            changeClock.handled(event.sequence());
        }
        catch (IllegalArgumentException ex) {
            log.warn("Could not read a change notification ({}); treating everything as changed", ex.getMessage());
            missed(true);
        }
    }

    /**
     * Tells every cache to forget what it holds; {@code listeningNow}: whether
     * notifications flow from here on.
     */
    private void missed(boolean listeningNow) {
        ChangesMissed event = new ChangesMissed(changeClock.nextSequence(), clock.instant());
        changeClock.missed(event, listeningNow);
        events.publishEvent(event);
        changeClock.handled(event.sequence());
    }

    private boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        }
        catch (InterruptedException ex) {
            return false;
        }
    }

    private void closeQuietly() {
        Connection open = connection;
        connection = null;
        if (open != null) {
            try {
                open.close();
            }
            catch (SQLException ex) {
                log.debug("Closing the change notification connection failed", ex);
            }
        }
    }

}
