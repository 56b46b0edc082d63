-- Hourly rollups: downloads per package per UTC hour, for the last pkgpulse.downloads.hourly-retention (14 days by
-- default; the worker deletes older hours when it maintains partitions). Written by the ingest worker in the same
-- transaction as the daily rollups, so they count exactly once too. `hour` is the start of the UTC hour; the checks
-- truncate in UTC, not in the session's time zone (PgJDBC sets the JVM's), whose offset may be a half hour.
-- No foreign keys, as for the daily rollups (V3): the statement-level triggers below delete a package's or a
-- release's hours with it.

CREATE TABLE hourly_downloads (
    package_id bigint      NOT NULL,
    hour       timestamptz NOT NULL,
    mirror     boolean     NOT NULL,
    downloads  bigint      NOT NULL CHECK (downloads >= 0),
    CONSTRAINT hourly_downloads_pkey PRIMARY KEY (package_id, hour, mirror),
    CONSTRAINT hourly_downloads_hour_check
        CHECK (date_trunc('hour', hour AT TIME ZONE 'UTC') = hour AT TIME ZONE 'UTC')
) WITH (fillfactor = 80);
-- Pruning deletes by hour.
CREATE INDEX hourly_downloads_hour_idx ON hourly_downloads (hour);

CREATE TABLE hourly_release_downloads (
    package_id bigint      NOT NULL,
    hour       timestamptz NOT NULL,
    release_id bigint      NOT NULL,
    mirror     boolean     NOT NULL,
    downloads  bigint      NOT NULL CHECK (downloads >= 0),
    CONSTRAINT hourly_release_downloads_pkey PRIMARY KEY (package_id, hour, release_id, mirror),
    CONSTRAINT hourly_release_downloads_hour_check
        CHECK (date_trunc('hour', hour AT TIME ZONE 'UTC') = hour AT TIME ZONE 'UTC')
) WITH (fillfactor = 80);
-- Pruning, and the all-package version series (grouped by version string over an hour range).
CREATE INDEX hourly_release_downloads_hour_idx ON hourly_release_downloads (hour);
CREATE INDEX hourly_release_downloads_release_id_idx ON hourly_release_downloads (release_id);

-- The same over all packages (__all__).
CREATE TABLE hourly_total_downloads (
    hour      timestamptz NOT NULL,
    mirror    boolean     NOT NULL,
    downloads bigint      NOT NULL CHECK (downloads >= 0),
    CONSTRAINT hourly_total_downloads_pkey PRIMARY KEY (hour, mirror),
    CONSTRAINT hourly_total_downloads_hour_check
        CHECK (date_trunc('hour', hour AT TIME ZONE 'UTC') = hour AT TIME ZONE 'UTC')
) WITH (fillfactor = 80);

CREATE OR REPLACE FUNCTION delete_rollups_of_deleted_packages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM daily_downloads r USING deleted d WHERE r.package_id = d.id;
    DELETE FROM daily_release_downloads r USING deleted d WHERE r.package_id = d.id;
    DELETE FROM daily_category_downloads r USING deleted d WHERE r.package_id = d.id;
    DELETE FROM hourly_downloads r USING deleted d WHERE r.package_id = d.id;
    DELETE FROM hourly_release_downloads r USING deleted d WHERE r.package_id = d.id;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION delete_rollups_of_deleted_releases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM daily_release_downloads r USING deleted d WHERE r.release_id = d.id;
    DELETE FROM hourly_release_downloads r USING deleted d WHERE r.release_id = d.id;
    RETURN NULL;
END $$;
