-- Archived raw days. Before a day partition past the raw retention is dropped, its rows are written to a
-- compressed CSV file (downloads-YYYY-MM-DD.csv.gz, see io.pkgpulse.model.archive.DownloadArchiver); this table
-- records each such file, so that the file can be found and checked again, and so that loading it back is refused
-- while the day's rows are in the database. Rollups are not involved: they are kept forever and already count
-- these downloads.
--
--   state 'archived': the day's rows are only in the file (the partition was dropped in the same transaction
--                     that recorded the file).
--   state 'loaded':   the file was loaded back (ingest-worker's load-archive command): the day's rows are in its
--                     partition again, and the worker keeps that partition, past retention or not, until
--                     unload-archive drops it again.
CREATE TABLE download_archives (
    day         date         PRIMARY KEY,
    file_name   varchar(64)  NOT NULL,
    directory   text         NOT NULL,       -- where the file was written (or loaded from), as the worker saw it
    rows        bigint       NOT NULL CONSTRAINT download_archives_rows_check CHECK (rows >= 0),
    bytes       bigint       NOT NULL CONSTRAINT download_archives_bytes_check CHECK (bytes > 0),
    sha256      bytea        NOT NULL CONSTRAINT download_archives_sha256_check CHECK (octet_length(sha256) = 32),
    archived_at timestamptz,                 -- null for a file this database did not write (loaded from elsewhere)
    state       varchar(8)   NOT NULL CONSTRAINT download_archives_state_check CHECK (state IN ('archived', 'loaded')),
    loaded_at   timestamptz,
    loaded_rows bigint,                      -- rows the last load put back (fewer when packages were deleted since)
    CONSTRAINT download_archives_loaded_check CHECK ((state = 'loaded') = (loaded_at IS NOT NULL)
        AND (state = 'loaded') = (loaded_rows IS NOT NULL))
);
