-- Foundation: server metadata, resource definitions, tags, counters, idempotency tokens.
-- PostgreSQL: keys compare byte-wise (COLLATE "C") so prefix scans and keyset pages order as on SQLite.
-- Definitions of every service are documents (JSON) in one table, keyed by ARN and listed by a
-- service-chosen sort key; hot runtime data (executions, history) gets its own tables later.
CREATE TABLE meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE resource (
    arn TEXT COLLATE "C" PRIMARY KEY,
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    kind TEXT NOT NULL,
    sort_key TEXT COLLATE "C" NOT NULL,
    created_ms BIGINT NOT NULL,
    version BIGINT NOT NULL,
    doc TEXT NOT NULL
);
CREATE UNIQUE INDEX resource_by_kind ON resource (account, region, kind, sort_key);

CREATE TABLE tag (
    arn TEXT NOT NULL,
    tag_key TEXT NOT NULL,
    tag_value TEXT NOT NULL,
    PRIMARY KEY (arn, tag_key)
);

CREATE TABLE counter (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

CREATE TABLE idempotency (
    scope TEXT NOT NULL,
    token TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    response TEXT NOT NULL,
    expires_ms BIGINT NOT NULL,
    PRIMARY KEY (scope, token)
);
