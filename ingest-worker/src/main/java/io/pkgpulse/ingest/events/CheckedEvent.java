package io.pkgpulse.ingest.events;

/**
 * The outcome of checking one record: counted, dead-lettered with a reason, or dropped
 * with a reason.
 */
public sealed interface CheckedEvent {

    record Accepted(ValidEvent event) implements CheckedEvent {
    }

    /**
     * @param detail a human-readable explanation, e.g. {@code "file.version is missing"}
     */
    record Rejected(RejectReason reason, String detail) implements CheckedEvent {
    }

    record Dropped(DropReason reason) implements CheckedEvent {
    }

}
