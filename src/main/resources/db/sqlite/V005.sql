-- MWAA Serverless runs and task instances, written by the run projection in the engine's
-- transaction (ListWorkflowRuns keyset-pages on (created_ms DESC, run_id DESC)), and the
-- definition texts runs execute (kept apart from versions: deleting a version must not break
-- a run of it).
CREATE TABLE mwaa_run (
    workflow_arn TEXT NOT NULL,
    run_id TEXT NOT NULL,
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    workflow_version TEXT NOT NULL,
    run_type TEXT NOT NULL,
    status TEXT NOT NULL,
    active INTEGER NOT NULL,
    created_ms BIGINT NOT NULL,
    started_ms BIGINT,
    completed_ms BIGINT,
    modified_ms BIGINT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (workflow_arn, run_id)
);
CREATE INDEX mwaa_run_by_created ON mwaa_run (workflow_arn, created_ms DESC, run_id DESC);
CREATE INDEX mwaa_run_by_version ON mwaa_run (workflow_arn, workflow_version, created_ms DESC, run_id DESC);
CREATE INDEX mwaa_run_active ON mwaa_run (account, region, active);

CREATE TABLE mwaa_task_instance (
    workflow_arn TEXT NOT NULL,
    run_id TEXT NOT NULL,
    task_instance_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    started_ms BIGINT,
    ended_ms BIGINT,
    modified_ms BIGINT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (workflow_arn, run_id, task_instance_id)
);
CREATE UNIQUE INDEX mwaa_task_instance_by_seq ON mwaa_task_instance (workflow_arn, run_id, seq);

CREATE TABLE mwaa_definition (
    sha256 TEXT PRIMARY KEY,
    text TEXT NOT NULL
);
