-- History imports: files of past downloads (PyPI's BigQuery file_downloads rows, exported as JSON lines) replayed
-- with `event-producer replay --format bigquery`. Each event of such a replay names its file by the SHA-256 of the
-- file's bytes and its line number (the event's "import" object, docs/events.md). The worker counts a line only
-- if it is past the last line it counted of that file for that package, and moves that mark in the batch's
-- transaction, from the value it read (as it moves the consumer offsets). So importing a file again counts
-- nothing, and an interrupted import, run again, counts exactly the lines it had not reached.
--
-- Why per package: a replay keys every record by its project, so one file's lines of one project travel through
-- one Kafka partition, in file order; their line numbers only grow. Lines of different projects may arrive in
-- any order relative to each other. The counters live on the progress rows, which only the worker owning that
-- package's partition writes, rather than on the import's row, which every worker would update.
CREATE TABLE history_imports (
    id             integer      PRIMARY KEY,
    sha256         bytea        NOT NULL CONSTRAINT history_imports_sha256_key UNIQUE
                                CONSTRAINT history_imports_sha256_check CHECK (octet_length(sha256) = 32),
    file_name      varchar(256),             -- as the first batch of the import named it; informative only
    first_batch_at timestamptz  NOT NULL DEFAULT now()
);

CREATE SEQUENCE history_imports_seq INCREMENT BY 1 OWNED BY history_imports.id;

CREATE TABLE history_import_progress (
    import_id      integer     NOT NULL REFERENCES history_imports (id) ON DELETE CASCADE,
    package_id     bigint      NOT NULL REFERENCES packages (id) ON DELETE CASCADE,
    last_line      bigint      NOT NULL CONSTRAINT history_import_progress_last_line_check CHECK (last_line > 0),
    lines_counted  bigint      NOT NULL CONSTRAINT history_import_progress_lines_counted_check CHECK (lines_counted >= 0),
    lines_repeated bigint      NOT NULL CONSTRAINT history_import_progress_lines_repeated_check CHECK (lines_repeated >= 0),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (import_id, package_id)
);

CREATE INDEX history_import_progress_package_id_idx ON history_import_progress (package_id);
