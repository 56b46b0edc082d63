-- Lighter category rollups. Every download adds to 7 rows of daily_category_downloads (one per dimension) and 7 of
-- daily_total_category_downloads, and each row repeated its dimension's name ('python_minor': 13 bytes in the row,
-- 13 more in the primary key's entry). The dimension is now a smallint code (Dimension.code() in Java), converted in
-- place: every row keeps its package, day, category, mirror flag and count.
--
-- The key keeps its order (package_id, dimension, day, category, mirror): "package P, dimension D, days A..B" stays
-- one range scan of the primary key. In that key the 2-byte code is followed by the 4-byte day, which leaves 2 bytes
-- of alignment padding, against the 3 to 13 bytes (plus padding) the name took. The columns keep their order too: a
-- converted column stays where it was, and moving the others would mean copying the tables; rows are 8-byte
-- aligned anyway, so the padding this order leaves before `downloads` costs 8 bytes more than the best order only
-- for categories of 7, 8, 15 or 16 characters. Sizes before and after: bench/rollup-bytes, docs/architecture.md.
--
-- `category` stays text. Its values are an open set ('3.12', 'Linux', 'pip', 'US', and any installer name or
-- Python version a client sends), mostly 1 to 11 characters: a code would save 1 to 10 bytes a row but need a
-- dictionary table that every batch must look up or extend before its upserts (and lock, with concurrent workers),
-- and every report a join back to the names. Not worth it at these widths.
--
-- No foreign key to `dimensions`: like the rollups' other references (V3), it would cost a lookup per new rollup row
-- and find nothing a check cannot; the range check keeps codes valid. A new dimension takes the next code: insert it
-- into `dimensions` and widen both checks in one migration.

-- The codes, for reading rows by hand:
--   SELECT d.name, c.* FROM daily_category_downloads c JOIN dimensions d ON d.code = c.dimension
CREATE TABLE dimensions (
    code smallint    PRIMARY KEY,
    name varchar(16) NOT NULL UNIQUE
);
INSERT INTO dimensions VALUES (1, 'python_major'), (2, 'python_minor'), (3, 'system'), (4, 'installer'),
    (5, 'country'), (6, 'file_type'), (7, 'ci');

-- Per table: drop the name check (its expression compares text) and the primary key, rewrite the column (ALTER TYPE
-- rewrites the whole table), then build the key on the rewritten rows and add the range check. (ALTER TYPE would
-- rebuild the key by itself; written out, the key's definition is visible here.) A name outside the list, which the
-- old check did not let in, would become NULL and fail the NOT NULL constraint, stopping the migration.
ALTER TABLE daily_category_downloads
    DROP CONSTRAINT daily_category_downloads_dimension_check,
    DROP CONSTRAINT daily_category_downloads_pkey;
ALTER TABLE daily_category_downloads
    ALTER COLUMN dimension TYPE smallint USING CASE dimension
        WHEN 'python_major' THEN 1 WHEN 'python_minor' THEN 2 WHEN 'system' THEN 3 WHEN 'installer' THEN 4
        WHEN 'country' THEN 5 WHEN 'file_type' THEN 6 WHEN 'ci' THEN 7 END;
ALTER TABLE daily_category_downloads
    ADD CONSTRAINT daily_category_downloads_pkey PRIMARY KEY (package_id, dimension, day, category, mirror),
    ADD CONSTRAINT daily_category_downloads_dimension_check CHECK (dimension BETWEEN 1 AND 7);

ALTER TABLE daily_total_category_downloads
    DROP CONSTRAINT daily_total_category_downloads_dimension_check,
    DROP CONSTRAINT daily_total_category_downloads_pkey;
ALTER TABLE daily_total_category_downloads
    ALTER COLUMN dimension TYPE smallint USING CASE dimension
        WHEN 'python_major' THEN 1 WHEN 'python_minor' THEN 2 WHEN 'system' THEN 3 WHEN 'installer' THEN 4
        WHEN 'country' THEN 5 WHEN 'file_type' THEN 6 WHEN 'ci' THEN 7 END;
ALTER TABLE daily_total_category_downloads
    ADD CONSTRAINT daily_total_category_downloads_pkey PRIMARY KEY (dimension, day, category, mirror),
    ADD CONSTRAINT daily_total_category_downloads_dimension_check CHECK (dimension BETWEEN 1 AND 7);
