-- A package an owner marked private: its stats, badges and pages are visible only to its maintainers.
ALTER TABLE packages ADD COLUMN is_private boolean NOT NULL DEFAULT false;

CREATE SEQUENCE api_keys_seq START WITH 1 INCREMENT BY 50;

-- API keys are shown to their user once; only a SHA-256 of the key is stored. The prefix (the key's first
-- characters, not secret) lets a user tell keys apart and lets the server find the row without a scan.
CREATE TABLE api_keys (
    id           bigint       PRIMARY KEY,
    user_id      bigint       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         varchar(100) NOT NULL,
    prefix       varchar(16)  NOT NULL,
    key_sha256   bytea        NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CONSTRAINT api_keys_key_sha256_key UNIQUE (key_sha256),
    CONSTRAINT api_keys_key_sha256_check CHECK (octet_length(key_sha256) = 32)
);
CREATE INDEX api_keys_user_id_idx ON api_keys (user_id);
CREATE INDEX api_keys_prefix_idx ON api_keys (prefix);

-- Few packages are private; lists of public packages (top downloads) exclude them through this small index.
CREATE INDEX packages_private_idx ON packages (id) WHERE is_private;
