-- The schema is owned by these migrations; Hibernate only validates it (ddl-auto=validate).
-- Sequences step by 50 because the entities allocate ids in pooled blocks of 50: the two numbers must match.

------------------------------------------------------------------------------------------------------------
-- Packages and releases
------------------------------------------------------------------------------------------------------------

CREATE TABLE licenses (
    short_name varchar(64)  PRIMARY KEY,          -- SPDX identifier or trove short name, e.g. MIT, Apache-2.0
    name       varchar(255) NOT NULL
);

CREATE SEQUENCE packages_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE packages (
    id                 bigint        PRIMARY KEY,
    name               varchar(255)  NOT NULL,    -- as published, e.g. Zope.Interface
    normalized_name    varchar(255)  NOT NULL,    -- PEP 503, e.g. zope-interface
    summary            varchar(512),
    home_page          varchar(2048),
    license_short_name varchar(64)   REFERENCES licenses (short_name) ON UPDATE CASCADE,
    created_at         timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT packages_normalized_name_key UNIQUE (normalized_name),
    CONSTRAINT packages_normalized_name_check CHECK (normalized_name ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$')
);
CREATE INDEX packages_license_short_name_idx ON packages (license_short_name);

CREATE SEQUENCE releases_seq START WITH 1 INCREMENT BY 50;

-- major/minor/micro are -1 for a version that is not PEP 440; sort_key orders the rest of a PEP 440 version
-- (pre, post, dev, further release segments) byte-wise, hence the C collation.
CREATE TABLE releases (
    id         bigint       PRIMARY KEY,
    package_id bigint       NOT NULL REFERENCES packages (id) ON DELETE CASCADE,
    version    varchar(128) NOT NULL,
    major      integer      NOT NULL,
    minor      integer      NOT NULL,
    micro      integer      NOT NULL,
    sort_key   varchar(255) COLLATE "C" NOT NULL,
    prerelease boolean      NOT NULL,
    comment    varchar(4000),
    size       bigint       CHECK (size >= 0),
    created_at timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT releases_package_id_version_key UNIQUE (package_id, version)
);
-- Serves the foreign key and "releases of a package in version order" with one range scan.
CREATE INDEX releases_package_id_version_order_idx ON releases (package_id, major, minor, micro, sort_key);

------------------------------------------------------------------------------------------------------------
-- Raw downloads, one row per counted download, partitioned by UTC day
------------------------------------------------------------------------------------------------------------

CREATE SEQUENCE user_agents_seq START WITH 1 INCREMENT BY 50;

-- Raw user agents repeat millions of times; each distinct one is stored once, found by its SHA-256.
CREATE TABLE user_agents (
    id         bigint        PRIMARY KEY,
    sha256     bytea         NOT NULL,
    raw        varchar(4096) NOT NULL,
    created_at timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT user_agents_sha256_key UNIQUE (sha256),
    CONSTRAINT user_agents_sha256_check CHECK (octet_length(sha256) = 32)
);

CREATE SEQUENCE downloads_seq START WITH 1 INCREMENT BY 50;

-- No client address is stored at all: the event contract has none and the replay tool drops it.
CREATE TABLE downloads (
    id                     bigint      NOT NULL,
    downloaded_at          timestamptz NOT NULL,
    package_id             bigint      NOT NULL REFERENCES packages (id) ON DELETE CASCADE,
    release_id             bigint      NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    file_type              varchar(16) NOT NULL,
    installer_name         varchar(64),
    installer_version      varchar(64),
    python_version         varchar(32),
    implementation_name    varchar(64),
    implementation_version varchar(64),
    system_name            varchar(64),
    system_release         varchar(128),
    distro_name            varchar(128),
    distro_version         varchar(64),
    cpu                    varchar(32),
    country_code           varchar(2)  CHECK (country_code ~ '^[A-Z]{2}$'),
    ci                     boolean,
    user_agent_id          bigint      REFERENCES user_agents (id),
    event_id               uuid,
    CONSTRAINT downloads_pkey PRIMARY KEY (id, downloaded_at),
    CONSTRAINT downloads_file_type_check CHECK (file_type IN ('sdist', 'bdist_wheel', 'bdist_egg', 'bdist_wininst',
        'bdist_msi', 'bdist_rpm', 'bdist_dmg', 'bdist_dumb'))
) PARTITION BY RANGE (downloaded_at);

-- Day partitions (downloads_pYYYYMMDD) are created ahead of time by the application (DownloadPartitions);
-- this one catches rows for days that have none, e.g. far-late events.
CREATE TABLE downloads_default PARTITION OF downloads DEFAULT;

CREATE INDEX downloads_package_id_downloaded_at_idx ON downloads (package_id, downloaded_at);
CREATE INDEX downloads_release_id_idx ON downloads (release_id);
CREATE INDEX downloads_user_agent_id_idx ON downloads (user_agent_id);

------------------------------------------------------------------------------------------------------------
-- Daily rollups (UTC days). Every key starts with what a report filters on, then the day, so that
-- "package P, dimension D, days A..B" is one index range scan. "mirror" separates mirroring installers
-- (bandersnatch, z3c.pypimirror, Artifactory, devpi): with mirrors = both rows, without = mirror false.
-- The worker increments rows in place; fillfactor 80 leaves room on each page for HOT updates.
------------------------------------------------------------------------------------------------------------

CREATE TABLE daily_downloads (
    package_id bigint  NOT NULL REFERENCES packages (id) ON DELETE CASCADE,
    day        date    NOT NULL,
    mirror     boolean NOT NULL,
    downloads  bigint  NOT NULL CHECK (downloads >= 0),
    CONSTRAINT daily_downloads_pkey PRIMARY KEY (package_id, day, mirror)
) WITH (fillfactor = 80);
-- Top packages of a day. Not on downloads: an indexed counter would make every increment a non-HOT update.
CREATE INDEX daily_downloads_day_idx ON daily_downloads (day);

CREATE TABLE daily_release_downloads (
    package_id bigint  NOT NULL REFERENCES packages (id) ON DELETE CASCADE,
    day        date    NOT NULL,
    release_id bigint  NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    mirror     boolean NOT NULL,
    downloads  bigint  NOT NULL CHECK (downloads >= 0),
    CONSTRAINT daily_release_downloads_pkey PRIMARY KEY (package_id, day, release_id, mirror)
) WITH (fillfactor = 80);
CREATE INDEX daily_release_downloads_release_id_idx ON daily_release_downloads (release_id, day);

-- One table for every categorical dimension; category is the value pypistats reports ('3.12', 'Linux', 'null').
CREATE TABLE daily_category_downloads (
    package_id bigint      NOT NULL REFERENCES packages (id) ON DELETE CASCADE,
    dimension  varchar(16) NOT NULL,
    day        date        NOT NULL,
    category   varchar(64) NOT NULL,
    mirror     boolean     NOT NULL,
    downloads  bigint      NOT NULL CHECK (downloads >= 0),
    CONSTRAINT daily_category_downloads_pkey PRIMARY KEY (package_id, dimension, day, category, mirror),
    CONSTRAINT daily_category_downloads_dimension_check CHECK (dimension IN ('python_major', 'python_minor',
        'system', 'installer', 'country', 'file_type', 'ci'))
) WITH (fillfactor = 80);

-- The same over all packages (pypistats' __all__), so totals never sum 100,000 package rows per day.
CREATE TABLE daily_total_downloads (
    day       date    NOT NULL,
    mirror    boolean NOT NULL,
    downloads bigint  NOT NULL CHECK (downloads >= 0),
    CONSTRAINT daily_total_downloads_pkey PRIMARY KEY (day, mirror)
) WITH (fillfactor = 80);

CREATE TABLE daily_total_category_downloads (
    dimension varchar(16) NOT NULL,
    day       date        NOT NULL,
    category  varchar(64) NOT NULL,
    mirror    boolean     NOT NULL,
    downloads bigint      NOT NULL CHECK (downloads >= 0),
    CONSTRAINT daily_total_category_downloads_pkey PRIMARY KEY (dimension, day, category, mirror),
    CONSTRAINT daily_total_category_downloads_dimension_check CHECK (dimension IN ('python_major', 'python_minor',
        'system', 'installer', 'country', 'file_type', 'ci'))
) WITH (fillfactor = 80);

------------------------------------------------------------------------------------------------------------
-- Accounts
------------------------------------------------------------------------------------------------------------

CREATE SEQUENCE users_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE users (
    id            bigint       PRIMARY KEY,
    name          varchar(100) NOT NULL,
    email         varchar(254) NOT NULL,
    password_hash varchar(255) NOT NULL,          -- Argon2id (or bcrypt) with its salt and parameters
    created_at    timestamptz  NOT NULL DEFAULT now(),
    last_login_at timestamptz
);
-- E-mail addresses are unique whatever their letter case; lookups use lower(email) and hit this index.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

CREATE SEQUENCE maintainers_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE maintainers (
    id         bigint      PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    package_id bigint      NOT NULL REFERENCES packages (id) ON DELETE CASCADE,
    role       varchar(16) NOT NULL CHECK (role IN ('OWNER', 'MAINTAINER')),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT maintainers_user_id_package_id_key UNIQUE (user_id, package_id)
);
CREATE INDEX maintainers_package_id_idx ON maintainers (package_id);

-- id is the token itself: 32 hex characters from a secure random source (a version 4 UUID without dashes).
CREATE TABLE password_resets (
    id         varchar(32) PRIMARY KEY CHECK (id ~ '^[0-9a-f]{32}$'),
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    CONSTRAINT password_resets_expiry_check CHECK (expires_at > created_at)
);
CREATE INDEX password_resets_user_id_idx ON password_resets (user_id);
