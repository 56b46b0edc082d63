package io.pkgpulse.ingest.write;

import java.sql.SQLException;

import org.springframework.dao.DataAccessResourceFailureException;

/** A batch could not be written; retried with back-off, like every database failure. */
public class DatabaseWriteException extends DataAccessResourceFailureException {

    public DatabaseWriteException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

}
