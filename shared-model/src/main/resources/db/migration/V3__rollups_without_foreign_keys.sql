-- Rollup rows are derived data, written only by the ingest worker in the same transaction as the raw rows they
-- count. Those raw rows have foreign keys, whose checks lock the referenced package and release rows until the
-- transaction ends, so every rollup row refers to an existing package and release when it is committed.
-- A foreign key on the rollups themselves would add a lookup for every new rollup row (about nine per download of
-- a rarely downloaded package) and find nothing new. Deleting a package or a release still removes its rollup rows,
-- through the statement-level triggers below, once per DELETE statement instead of once per row.

ALTER TABLE daily_downloads DROP CONSTRAINT daily_downloads_package_id_fkey;
ALTER TABLE daily_release_downloads DROP CONSTRAINT daily_release_downloads_package_id_fkey;
ALTER TABLE daily_release_downloads DROP CONSTRAINT daily_release_downloads_release_id_fkey;
ALTER TABLE daily_category_downloads DROP CONSTRAINT daily_category_downloads_package_id_fkey;

CREATE FUNCTION delete_rollups_of_deleted_packages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM daily_downloads r USING deleted d WHERE r.package_id = d.id;
    DELETE FROM daily_release_downloads r USING deleted d WHERE r.package_id = d.id;
    DELETE FROM daily_category_downloads r USING deleted d WHERE r.package_id = d.id;
    RETURN NULL;
END $$;

CREATE TRIGGER packages_delete_rollups AFTER DELETE ON packages
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION delete_rollups_of_deleted_packages();

CREATE FUNCTION delete_rollups_of_deleted_releases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM daily_release_downloads r USING deleted d WHERE r.release_id = d.id;
    RETURN NULL;
END $$;

CREATE TRIGGER releases_delete_rollups AFTER DELETE ON releases
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION delete_rollups_of_deleted_releases();
