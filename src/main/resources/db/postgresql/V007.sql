-- Object bytes in the database: the PostgreSQL store keeps them here (several nodes share it), the
-- embedded store keeps files and leaves this table empty. A blob is its chunks in seq order;
-- s3_object.blob and s3_upload_part.blob name blobs.
CREATE TABLE s3_blob_chunk (
    blob TEXT NOT NULL,
    seq BIGINT NOT NULL,
    data BYTEA NOT NULL,
    created_ms BIGINT NOT NULL,
    PRIMARY KEY (blob, seq)
);
