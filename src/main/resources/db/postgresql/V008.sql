-- MWAA attempt logs, readable through every node: each run of an attempt (one poke of a sensor)
-- appends its JSON lines as one segment when it ends; a log stream is its segments in seq order.
-- The log group is stored without leading or trailing slashes.
CREATE TABLE mwaa_attempt_log (
    log_group TEXT NOT NULL,
    log_stream TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    PRIMARY KEY (log_group, log_stream, seq)
);
