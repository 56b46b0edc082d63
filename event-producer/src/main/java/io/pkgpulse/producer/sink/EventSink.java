package io.pkgpulse.producer.sink;

/**
 * Where events go: Kafka, a file or stdout. Sends may complete asynchronously;
 * {@link #close()} waits until every event handed over is acknowledged or failed, and the
 * outcome of each is recorded in the sink's {@link Acknowledgements}.
 */
public interface EventSink extends AutoCloseable {

    /**
     * Hands over one event. {@code key} may be null (Kafka then picks a partition);
     * {@code value} is owned by the sink afterwards.
     */
    void send(byte[] key, byte[] value);

    /** What has been acknowledged so far. */
    Acknowledgements acknowledgements();

    /**
     * Where events go, for messages:
     * {@code kafka 127.0.0.1:9092 topic pypi.downloads.v1}, a file name, ...
     */
    String description();

    /** Flushes and waits for every outstanding event; closing again does nothing. */
    @Override
    void close();

}
