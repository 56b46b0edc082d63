package io.pkgpulse.ingest.events;

/**
 * A record value that parsed as an event, with the bytes it came from (a dead-letter
 * record carries the original bytes, not a re-serialisation).
 */
public record ReceivedEvent(byte[] bytes, DownloadEvent event) {
}
