-- The engine (ARCHITECTURE §2): one row per execution holding the dialect's state, fenced by
-- `version`; its append-only history; and one work table for timers, tasks and parked waits.
-- closed is a 0/1 integer so the same statements bind on both dialects.
CREATE TABLE execution (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    version BIGINT NOT NULL,
    next_event_id BIGINT NOT NULL,
    closed INTEGER NOT NULL,
    state TEXT NOT NULL,
    updated_ms BIGINT NOT NULL
);

CREATE TABLE history_event (
    execution_id TEXT NOT NULL,
    event_id BIGINT NOT NULL,
    ts_ms BIGINT NOT NULL,
    type TEXT NOT NULL,
    previous_event_id BIGINT NOT NULL,
    details TEXT,
    PRIMARY KEY (execution_id, event_id)
) WITHOUT ROWID;

-- kind: SIGNAL | TASK | PARKED. queue: the poll queue of a parked item (an activity ARN).
CREATE TABLE work_item (
    execution_id TEXT NOT NULL,
    item_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    queue TEXT,
    due_ms BIGINT NOT NULL,
    lease_owner TEXT,
    lease_until_ms BIGINT,
    payload TEXT NOT NULL,
    PRIMARY KEY (execution_id, item_key)
);
CREATE INDEX work_item_runnable ON work_item (due_ms) WHERE kind <> 'PARKED';
CREATE INDEX work_item_queue ON work_item (queue, due_ms) WHERE queue IS NOT NULL;

-- Step Functions' view of its executions, written by its projection in the engine's
-- transaction. Listing is keyset-paged on (start_ms DESC, arn DESC).
CREATE TABLE sfn_execution (
    arn TEXT PRIMARY KEY,
    state_machine_arn TEXT NOT NULL,
    version_arn TEXT,
    alias_arn TEXT,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    start_ms BIGINT NOT NULL,
    stop_ms BIGINT,
    redrive_count INTEGER NOT NULL,
    redrive_ms BIGINT,
    doc TEXT NOT NULL
);
CREATE INDEX sfn_execution_by_machine ON sfn_execution (state_machine_arn, start_ms DESC, arn DESC);
CREATE INDEX sfn_execution_by_status ON sfn_execution (state_machine_arn, status, start_ms DESC, arn DESC);
CREATE INDEX sfn_execution_by_version ON sfn_execution (version_arn, start_ms DESC, arn DESC) WHERE version_arn IS NOT NULL;
CREATE INDEX sfn_execution_by_alias ON sfn_execution (alias_arn, start_ms DESC, arn DESC) WHERE alias_arn IS NOT NULL;

-- The definitions executions ran (DescribeStateMachineForExecution), content-addressed.
CREATE TABLE sfn_definition (
    definition_key TEXT PRIMARY KEY,
    doc TEXT NOT NULL
);
