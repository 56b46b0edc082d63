package io.pkgpulse.ingest.events;

/**
 * The value could not be read as an event. Thrown by {@link EventDeserializer} and
 * carried by Spring Kafka's {@code ErrorHandlingDeserializer} in a record header, so it
 * holds only serialisable, plain data.
 */
public class EventFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    public EventFormatException(RejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }

}
