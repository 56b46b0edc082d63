package io.pkgpulse.producer.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a history file: the SHA-256 of its bytes (as stored, compressed or not)
 * and its name. Every event of an import carries both, and the worker counts each line of
 * a file at most once, however often it is replayed.
 *
 * @param sha256 64 lower-case hex digits
 * @param name the file's name without its directory, for people
 */
record ImportFile(String sha256, String name) {

    /** Reads the whole file once to digest it. */
    static ImportFile of(Path path) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), newDigest())) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // digesting
            }
            MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
            return new ImportFile(HexFormat.of().formatHex(digest.digest()), path.getFileName().toString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + path + ": " + ex.getMessage(), ex);
        }
    }

    /** The first 12 hex digits, as the worker's log names an import. */
    String abbreviated() {
        return sha256.substring(0, 12);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java runtime has SHA-256", ex);
        }
    }
}
