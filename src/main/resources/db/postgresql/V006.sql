-- Step Functions' newer features: Distributed Map Runs and their child executions.

-- A Distributed Map child execution names its Map Run and its place in it (ListExecutions by mapRunArn,
-- the Map Run's results in item order).
ALTER TABLE sfn_execution ADD COLUMN map_run_arn TEXT;
ALTER TABLE sfn_execution ADD COLUMN item_index INTEGER;
ALTER TABLE sfn_execution ADD COLUMN item_count INTEGER;
CREATE INDEX sfn_execution_by_map_run ON sfn_execution (map_run_arn, start_ms DESC, arn DESC) WHERE map_run_arn IS NOT NULL;
CREATE INDEX sfn_execution_by_map_run_item ON sfn_execution (map_run_arn, item_index) WHERE map_run_arn IS NOT NULL;

-- Map Runs (ListMapRuns, DescribeMapRun, UpdateMapRun), written by the engine's projection with the
-- parent execution's transition; doc holds the configuration and the counts.
CREATE TABLE sfn_map_run (
    arn TEXT PRIMARY KEY,
    execution_arn TEXT NOT NULL,
    state_machine_arn TEXT NOT NULL,
    status TEXT NOT NULL,
    start_ms BIGINT NOT NULL,
    stop_ms BIGINT,
    doc TEXT NOT NULL
);
CREATE INDEX sfn_map_run_by_execution ON sfn_map_run (execution_arn, start_ms DESC, arn DESC);
