package io.pkgpulse.ingest.events;

/**
 * A checked {@code import} object: the event is line {@code line} of the history file
 * whose SHA-256 is {@code sha256}. The worker counts each such line at most once (see
 * {@code HistoryImports}).
 *
 * @param sha256 64 lower-case hex digits
 * @param line counted from 1
 * @param file the file's name as the producer gave it, or null; informative only
 */
public record ImportedLine(String sha256, long line, String file) {
}
