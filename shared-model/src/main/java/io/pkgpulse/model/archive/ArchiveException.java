package io.pkgpulse.model.archive;

/**
 * Archiving, loading or unloading a day did not happen, and why, in a sentence an
 * operator can act on. Nothing changed in the database: the transaction that would have
 * changed it was rolled back.
 */
public class ArchiveException extends RuntimeException {

    public ArchiveException(String message) {
        super(message);
    }

    /**
     * {@code message}, then what went wrong underneath as an operator reads it (see
     * {@link ArchiveFiles}).
     */
    public ArchiveException(String message, Throwable cause) {
        super(message + ": " + ArchiveFiles.describe(cause), cause);
    }

}
