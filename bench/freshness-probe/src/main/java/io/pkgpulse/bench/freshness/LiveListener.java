package io.pkgpulse.bench.freshness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.json.JsonMapper;

/**
 * Listens to the live stream ({@code GET /api/live?package=...},
 * {@code text/event-stream}) and tells its {@link Visibility} the count each event
 * carries ({@link Counts#liveEvent}), stamped when the event's closing blank line
 * arrived. Server-sent events as the HTML standard reads them: {@code data:} lines joined
 * by newlines, dispatched at a blank line; comments ({@code :}), {@code event:},
 * {@code id:} and {@code retry:} are ignored. An answer other than 200 with
 * {@code text/event-stream} (404 while nobody has built the endpoint) makes the path
 * "n/a"; a stream that ends or breaks is opened again a second later.
 */
final class LiveListener implements Runnable {

    private final Visibility visibility;

    private final JsonMapper json;

    private final String normalizedPackage;

    private final HttpClient client;

    private final HttpRequest request;

    private final CountDownLatch answered = new CountDownLatch(1);

    private volatile boolean running = true;

    private volatile InputStream current;

    LiveListener(Visibility visibility, JsonMapper json, URI uri, String normalizedPackage) {
        this.visibility = visibility;
        this.json = json;
        this.normalizedPackage = normalizedPackage;
        this.client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
        this.request = HttpRequest.newBuilder(uri)
            .header("Accept", "text/event-stream")
            .header("User-Agent", "pkgpulse-freshness-probe")
            .GET()
            .build();
    }

    /**
     * Waits until the first answer's status is known (or the wait is over); true if the
     * stream is open.
     */
    boolean awaitAnswer(Duration wait) throws InterruptedException {
        answered.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        return answered.getCount() == 0 && visibility.unavailableReason() == null;
    }

    @Override
    public void run() {
        while (running) {
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (response.statusCode() != 200 || !type.startsWith("text/event-stream")) {
                    String body;
                    try (InputStream in = response.body()) {
                        body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                    }
                    visibility.unavailable(response.statusCode() != 200 ? "n/a (HTTP " + response.statusCode() + ")"
                            : "n/a (Content-Type " + (type.isEmpty() ? "none" : type) + ")");
                    visibility.error(Poller.abbreviate(body));
                    answered.countDown();
                    return;
                }
                answered.countDown();
                current = response.body();
                read(current);
                if (running) {
                    visibility.error("the stream ended; opening it again");
                }
            }
            catch (IOException ex) {
                if (running) {
                    visibility.error(ex.toString());
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            if (running) {
                try {
                    Thread.sleep(1000);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void read(InputStream stream) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        boolean hasData = false;
        String line;
        while (running && (line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (hasData) {
                    dispatch(data.toString(), System.nanoTime());
                }
                data.setLength(0);
                hasData = false;
            }
            else if (line.startsWith("data")) {
                String field = line.length() == 4 ? "" : line.charAt(4) == ':' ? line.substring(5) : null;
                if (field == null) {
                    continue;
                }
                if (field.startsWith(" ")) {
                    field = field.substring(1);
                }
                if (hasData) {
                    data.append('\n');
                }
                data.append(field);
                hasData = true;
            }
        }
    }

    private void dispatch(String data, long at) {
        OptionalLong count = Counts.liveEvent(json, data, normalizedPackage);
        if (count.isPresent()) {
            visibility.observe(count.getAsLong(), at);
        }
    }

    void stop() {
        running = false;
        InputStream stream = current;
        if (stream != null) {
            try {
                stream.close();
            }
            catch (IOException ignored) {
                // closing only to stop reading
            }
        }
    }

}
