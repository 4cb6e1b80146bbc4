-- Image Builder's workflow runtime: the listing view of images, workflow executions and step
-- executions, written by the engine's projection in the transaction of each transition (the
-- engine's execution state is the truth), and the injected faults of the simulation.
-- list_key orders an account's images by recipe name, then newest version and build first:
-- '<recipe arn name> <inverted version>/<inverted build>' (fixed-width digits).
CREATE TABLE ib_image (
    arn TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    list_key TEXT NOT NULL,
    pipeline_arn TEXT,
    status TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    spec TEXT NOT NULL,
    state TEXT NOT NULL
);
CREATE INDEX ib_image_by_owner ON ib_image (account, region, list_key);
CREATE INDEX ib_image_by_pipeline ON ib_image (pipeline_arn, list_key);

-- One row per workflow execution; seq is its position in the image (start order).
CREATE TABLE ib_workflow_execution (
    id TEXT PRIMARY KEY,
    image_arn TEXT NOT NULL,
    seq INTEGER NOT NULL,
    doc TEXT NOT NULL
);
CREATE UNIQUE INDEX ib_workflow_execution_by_image ON ib_workflow_execution (image_arn, seq);

-- One row per step execution; seq is its position in the document. waiting_since_ms is set
-- while the step is WAITING (ListWaitingWorkflowSteps reads the partial index).
CREATE TABLE ib_step_execution (
    id TEXT PRIMARY KEY,
    workflow_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    image_arn TEXT NOT NULL,
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    waiting_since_ms BIGINT,
    doc TEXT NOT NULL
);
CREATE UNIQUE INDEX ib_step_execution_by_workflow ON ib_step_execution (workflow_id, seq);
CREATE INDEX ib_step_execution_by_image ON ib_step_execution (image_arn);
CREATE INDEX ib_step_execution_waiting ON ib_step_execution (account, region, waiting_since_ms, id)
    WHERE waiting_since_ms IS NOT NULL;

-- Faults injected through /_stepline/imagebuilder/faults (kept across restarts).
CREATE TABLE ib_fault (
    workflow TEXT NOT NULL,
    step TEXT NOT NULL,
    mode TEXT NOT NULL,
    seconds DOUBLE PRECISION NOT NULL,
    message TEXT,
    PRIMARY KEY (workflow, step)
);
