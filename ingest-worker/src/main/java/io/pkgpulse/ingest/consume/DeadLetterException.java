package io.pkgpulse.ingest.consume;

/** The dead-letter topic could not take a batch's rejections; the batch is retried. */
class DeadLetterException extends RuntimeException {

    DeadLetterException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

}
