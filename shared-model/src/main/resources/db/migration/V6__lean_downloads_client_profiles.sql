-- Lean raw rows. A raw row held 11 client strings and a user-agent reference: 275 bytes with its indexes, and
-- PyPI's rate is about 2 billion downloads a day. The client strings repeat (a few thousand distinct clients per
-- million downloads), so each distinct parsed client is stored once, as a client profile, and the raw row keeps
-- only what a query or a guarantee uses. This migration converts an existing database in place: every download
-- keeps its id, time, package, release, file type and country, and refers to the profile of its former details.

------------------------------------------------------------------------------------------------------------
-- Client profiles: one row per distinct parsed client, found by the SHA-256 of its canonical form
------------------------------------------------------------------------------------------------------------

-- integer ids: a raw row carries 4 bytes instead of 8. Step 1, not the model's usual 50: the worker takes one value
-- per new profile (and one per lost insert race), so two billion ids last for two billion distinct clients.
CREATE SEQUENCE client_profiles_seq AS integer START WITH 1 INCREMENT BY 1;

CREATE TABLE client_profiles (
    id                     integer       PRIMARY KEY,
    sha256                 bytea         NOT NULL,
    installer_name         varchar(64),
    installer_version      varchar(64),
    python_version         varchar(32),
    implementation_name    varchar(64),
    implementation_version varchar(64),
    system_name            varchar(64),
    system_release         varchar(128),
    distro_name            varchar(128),
    distro_version         varchar(64),
    distro_id              varchar(256),
    libc_lib               varchar(256),
    libc_version           varchar(256),
    cpu                    varchar(32),
    ci                     boolean,
    user_agent             varchar(4096),     -- the raw agent, where the event had one
    created_at             timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT client_profiles_sha256_key UNIQUE (sha256),
    CONSTRAINT client_profiles_sha256_check CHECK (octet_length(sha256) = 32)
);

-- The canonical form a profile is found by: every field in column order, each written as its length in UTF-8 bytes,
-- a colon and its text, or '-' for a null (ci as 't' or 'f'), hashed as UTF-8. Length prefixes keep it unambiguous
-- whatever characters a value holds. The worker computes the same in Java (ClientProfile.Fields.sha256); a test holds
-- the two together. Needs a UTF8 database (octet_length counts the database encoding's bytes).
CREATE FUNCTION client_profile_field(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN value IS NULL THEN '-' ELSE octet_length(value) || ':' || value END;

CREATE FUNCTION client_profile_sha256(installer_name text, installer_version text, python_version text,
        implementation_name text, implementation_version text, system_name text, system_release text,
        distro_name text, distro_version text, distro_id text, libc_lib text, libc_version text, cpu text,
        ci boolean, user_agent text) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN sha256(convert_to(client_profile_field(installer_name) || client_profile_field(installer_version)
        || client_profile_field(python_version) || client_profile_field(implementation_name)
        || client_profile_field(implementation_version) || client_profile_field(system_name)
        || client_profile_field(system_release) || client_profile_field(distro_name)
        || client_profile_field(distro_version) || client_profile_field(distro_id) || client_profile_field(libc_lib)
        || client_profile_field(libc_version) || client_profile_field(cpu)
        || client_profile_field(CASE WHEN ci THEN 't' WHEN NOT ci THEN 'f' END) || client_profile_field(user_agent),
        'UTF8'));

-- File types as the raw row stores them (smallint codes; FileType.code() in Java). For reading rows by hand:
--   SELECT d.*, t.name FROM downloads d JOIN file_types t ON t.code = d.file_type
CREATE TABLE file_types (
    code smallint    PRIMARY KEY,
    name varchar(16) NOT NULL UNIQUE
);
INSERT INTO file_types VALUES (1, 'sdist'), (2, 'bdist_wheel'), (3, 'bdist_egg'), (4, 'bdist_wininst'),
    (5, 'bdist_msi'), (6, 'bdist_rpm'), (7, 'bdist_dmg'), (8, 'bdist_dumb');

------------------------------------------------------------------------------------------------------------
-- The lean raw table. Columns, and what uses each:
--   id                 the row's identity (the Download entity, archive files); unique by construction from
--                      downloads_seq. Not indexed: nothing looks a download up by id, and a primary key index
--                      would cost about 30 bytes a row.
--   downloaded_at      the partition key (one partition per UTC day): retention and archiving work by day.
--   package_id         foreign key, indexed: deleting a package deletes its downloads; rollups can be rebuilt
--                      per package.
--   release_id         foreign key, indexed: deleting a release deletes its downloads.
--   client_profile_id  the parsed client and raw agent (client_profiles); null when the event said nothing.
--                      Not a foreign key: profiles are immutable and never deleted (see the trigger below), so a
--                      check per row would find nothing, and its index would cost a fifth of the row.
--   file_type          code of file_types, kept in range by a check.
--   country_code       ISO 3166-1 alpha-2; per download, not per client.
-- Column order avoids alignment padding: 4 eight-byte columns, then 4 + 2 bytes, then the short country text.
-- event_id is gone: nothing read it, and exactly-once counting rests on the stored consumer offsets.
------------------------------------------------------------------------------------------------------------

ALTER TABLE downloads RENAME TO downloads_v5;

CREATE TABLE downloads (
    id                bigint      NOT NULL,
    downloaded_at     timestamptz NOT NULL,
    package_id        bigint      NOT NULL REFERENCES packages (id) ON DELETE CASCADE,
    release_id        bigint      NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    client_profile_id integer,
    file_type         smallint    NOT NULL CONSTRAINT downloads_file_type_check CHECK (file_type BETWEEN 1 AND 8),
    country_code      varchar(2)  CONSTRAINT downloads_country_code_check CHECK (country_code ~ '^[A-Z]{2}$')
) PARTITION BY RANGE (downloaded_at);

-- The same partitions as before, under the same names (DownloadPartitions finds days by name).
DO $$
DECLARE
    part record;
BEGIN
    FOR part IN SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound
                FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'downloads_v5'::regclass LOOP
        EXECUTE format('ALTER TABLE %I RENAME TO %I', part.relname, part.relname || '_v5');
        EXECUTE format('CREATE TABLE %I PARTITION OF downloads %s', part.relname, part.bound);
    END LOOP;
END $$;

INSERT INTO client_profiles (id, sha256, installer_name, installer_version, python_version, implementation_name,
        implementation_version, system_name, system_release, distro_name, distro_version, cpu, ci, user_agent)
SELECT nextval('client_profiles_seq'),
       client_profile_sha256(installer_name, installer_version, python_version, implementation_name,
           implementation_version, system_name, system_release, distro_name, distro_version, NULL, NULL, NULL, cpu,
           ci, raw),
       installer_name, installer_version, python_version, implementation_name, implementation_version, system_name,
       system_release, distro_name, distro_version, cpu, ci, raw
FROM (SELECT DISTINCT d.installer_name, d.installer_version, d.python_version, d.implementation_name,
             d.implementation_version, d.system_name, d.system_release, d.distro_name, d.distro_version, d.cpu, d.ci,
             u.raw
      FROM downloads_v5 d LEFT JOIN user_agents u ON u.id = d.user_agent_id) clients
WHERE NOT ROW(installer_name, installer_version, python_version, implementation_name, implementation_version,
              system_name, system_release, distro_name, distro_version, cpu, ci, raw) IS NULL;

INSERT INTO downloads (id, downloaded_at, package_id, release_id, client_profile_id, file_type, country_code)
SELECT d.id, d.downloaded_at, d.package_id, d.release_id, p.id, t.code, d.country_code
FROM downloads_v5 d
JOIN file_types t ON t.name = d.file_type
LEFT JOIN user_agents u ON u.id = d.user_agent_id
LEFT JOIN client_profiles p ON p.sha256 = client_profile_sha256(d.installer_name, d.installer_version,
    d.python_version, d.implementation_name, d.implementation_version, d.system_name, d.system_release,
    d.distro_name, d.distro_version, NULL, NULL, NULL, d.cpu, d.ci, u.raw);

DROP TABLE downloads_v5;
DROP TABLE user_agents;
DROP SEQUENCE user_agents_seq;

-- Built after the load. Both have few distinct values per day partition, so B-tree deduplication keeps them small.
CREATE INDEX downloads_package_id_idx ON downloads (package_id);
CREATE INDEX downloads_release_id_idx ON downloads (release_id);

-- Profiles are shared by any number of downloads and referenced without a foreign key: they must never change or
-- disappear. (TRUNCATE, for tests and operators starting over, stays possible.)
CREATE FUNCTION client_profiles_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'client profiles are immutable: downloads refer to them' USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER client_profiles_immutable BEFORE UPDATE OR DELETE ON client_profiles
    FOR EACH STATEMENT EXECUTE FUNCTION client_profiles_are_immutable();
