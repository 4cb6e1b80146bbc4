-- Object store: buckets (one namespace across accounts) and object versions. Object bytes live in
-- files under <dataDir>/objects/; a row names its file in `blob`. SQLite compares TEXT with
-- memcmp on UTF-8 (BINARY collation), which is S3's byte order for listings.
-- versioning: '' (never enabled), 'Enabled' or 'Suspended'. Booleans are 0/1 integers so the
-- same statements bind on both dialects.
CREATE TABLE s3_bucket (
    name TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    versioning TEXT NOT NULL
);
CREATE INDEX s3_bucket_by_account ON s3_bucket (account, name);

-- One row per version (a single 'null' version when versioning was never enabled). seq orders
-- a key's versions, newest highest; is_latest marks the current one (possibly a delete marker).
CREATE TABLE s3_object (
    bucket TEXT NOT NULL,
    object_key TEXT NOT NULL,
    seq BIGINT NOT NULL,
    version_id TEXT NOT NULL,
    is_latest INTEGER NOT NULL,
    delete_marker INTEGER NOT NULL,
    size BIGINT NOT NULL,
    etag TEXT NOT NULL,
    last_modified_ms BIGINT NOT NULL,
    blob TEXT,
    checksum_algorithm TEXT,
    checksum_value TEXT,
    headers TEXT NOT NULL,
    PRIMARY KEY (bucket, object_key, seq)
);
CREATE UNIQUE INDEX s3_object_by_version ON s3_object (bucket, object_key, version_id);
CREATE INDEX s3_object_current ON s3_object (bucket, object_key) WHERE is_latest = 1;

-- Multipart uploads in progress: parts are blob files like object versions; completing an upload
-- concatenates them into one new blob and inserts the version.
CREATE TABLE s3_upload (
    upload_id TEXT PRIMARY KEY,
    bucket TEXT NOT NULL,
    object_key TEXT NOT NULL,
    account TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    headers TEXT NOT NULL
);
CREATE INDEX s3_upload_by_key ON s3_upload (bucket, object_key);

CREATE TABLE s3_upload_part (
    upload_id TEXT NOT NULL,
    part_number INTEGER NOT NULL,
    blob TEXT NOT NULL,
    size BIGINT NOT NULL,
    etag TEXT NOT NULL,
    PRIMARY KEY (upload_id, part_number)
);
