package io.pkgpulse.bench.freshness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A reader that asks one URL again and again over one keep-alive connection (its own
 * HttpClient, HTTP/1.1), a few milliseconds apart, and tells its {@link Visibility} every
 * count it is shown, stamped when the answer arrived. A 404 (the package is not known
 * yet) counts as 0.
 */
final class Poller implements Runnable {

    private final Visibility visibility;

    private final HttpClient client;

    private final HttpRequest request;

    private final Function<String, OptionalLong> parse;

    private final Duration pause;

    private volatile boolean running = true;

    Poller(Visibility visibility, URI uri, String accept, Function<String, OptionalLong> parse, Duration pause) {
        this.visibility = visibility;
        this.client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
        this.request = HttpRequest.newBuilder(uri)
            .header("Accept", accept)
            .header("User-Agent", "pkgpulse-freshness-probe")
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
        this.parse = parse;
        this.pause = pause;
    }

    @Override
    public void run() {
        while (running) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                long at = System.nanoTime();
                if (response.statusCode() == 404) {
                    visibility.observe(0, at);
                }
                else if (response.statusCode() != 200) {
                    visibility.error("HTTP " + response.statusCode() + ": " + abbreviate(response.body()));
                }
                else {
                    OptionalLong count = parse.apply(response.body());
                    if (count.isPresent()) {
                        visibility.observe(count.getAsLong(), at);
                    }
                    else {
                        visibility.error("unreadable answer: " + abbreviate(response.body()));
                    }
                }
            }
            catch (IOException ex) {
                visibility.error(ex.toString());
                sleep(Duration.ofMillis(200));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(pause);
        }
    }

    void stop() {
        running = false;
    }

    private void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "...";
    }

}
