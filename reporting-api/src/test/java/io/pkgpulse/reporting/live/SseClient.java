package io.pkgpulse.reporting.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of an event stream, as a browser's EventSource reads it: the response's status
 * and headers, then, on a thread of its own, the events (id, event, data), {@code retry:}
 * fields and comment lines as they arrive, until the server ends the stream or
 * {@link #close()} drops the connection.
 */
final class SseClient implements AutoCloseable {

    record Event(String id, String name, String data) {
    }

    final HttpURLConnection connection;

    final int status;

    /** The body of a response that is not a stream (a problem). */
    final String body;

    final List<Event> events = new CopyOnWriteArrayList<>();

    final List<Long> retries = new CopyOnWriteArrayList<>();

    final AtomicInteger comments = new AtomicInteger();

    private volatile boolean ended;

    private SseClient(HttpURLConnection connection) throws IOException {
        this.connection = connection;
        this.status = connection.getResponseCode();
        if (status != 200) {
            try (InputStream error = connection.getErrorStream()) {
                this.body = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
            }
            ended = true;
            return;
        }
        this.body = null;
        Thread reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code path} with the given header names and values. */
    static SseClient open(int port, String path, String... headers) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://localhost:" + port + path)
            .toURL()
            .openConnection();
        connection.setRequestProperty("Accept", "text/event-stream");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            connection.setRequestProperty(headers[i], headers[i + 1]);
        }
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(30_000);
        return new SseClient(connection);
    }

    String header(String name) {
        return connection.getHeaderField(name);
    }

    /** Whether the stream ended (the server completed it, or it was closed here). */
    boolean ended() {
        return ended;
    }

    Event last() {
        return events.get(events.size() - 1);
    }

    @Override
    public void close() {
        connection.disconnect();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    name = null;
                    data = null;
                }
                else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                }
                else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        case "retry" -> retries.add(Long.parseLong(value));
                        default -> {
                        }
                    }
                }
            }
        }
        catch (IOException ex) {
            // Closed here, or the connection broke: either way the stream ended.
        }
        finally {
            ended = true;
        }
    }

}
