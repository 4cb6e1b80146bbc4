package dev.stepline.mwaa.api;

import static java.util.Objects.requireNonNull;

import dev.stepline.engine.Engine;
import dev.stepline.engine.Signal;
import dev.stepline.mwaa.api.WorkflowDocs.VersionDoc;
import dev.stepline.mwaa.dag.DagDefinition;
import dev.stepline.mwaa.ids.IdGenerator;
import dev.stepline.mwaa.ids.WorkflowArn;
import dev.stepline.mwaa.run.DagDialect;
import dev.stepline.mwaa.run.RunState;
import dev.stepline.store.Database;
import dev.stepline.store.Dialect;
import dev.stepline.store.Tx;
import java.time.Duration;
import java.util.function.Function;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates runs (on demand and scheduled) as engine executions of the {@link DagDialect}, after the
 * concurrency quotas (spec §3.6): at most {@value #MAX_PER_WORKFLOW} runs per workflow and
 * {@value #MAX_PER_ACCOUNT} per account and Region that have not ended. The count and the creation
 * cannot interleave with another start: starts are serialised on this node, and across the nodes of a
 * PostgreSQL cluster by a lock per account and Region, held from the count until the run is committed.
 */
final class RunLauncher {
    static final int MAX_PER_WORKFLOW = 20;
    static final int MAX_PER_ACCOUNT = 100;

    /** What a new run is. */
    record Launch(String workflowArn, String account, String region, VersionDoc version, String runId, String runType,
                  ObjectNode overrides, String fingerprint, long createdMs, long logicalDateMs) {
    }

    private final Database database;
    private final Engine engine;
    private final RunRows rows;
    private final RunDefinitions definitions;
    private final IdGenerator ids;
    private final Duration runTimeout;

    RunLauncher(Database database, Engine engine, RunRows rows, RunDefinitions definitions, IdGenerator ids,
                Duration runTimeout) {
        this.database = requireNonNull(database, "database is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.rows = requireNonNull(rows, "rows is null");
        this.definitions = requireNonNull(definitions, "definitions is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.runTimeout = runTimeout == null ? Duration.ZERO : runTimeout;
    }

    /** The parsed definition of a version (kept for its runs). */
    DagDefinition definition(VersionDoc version) {
        return database.write(tx -> definitions.register(tx, version.definitionSha256(), version.definition()));
    }

    /**
     * Creates the run unless its id exists.
     *
     * @return false when a run with this id already existed (nothing was created)
     * @throws dev.stepline.protocol.AwsException {@code ServiceQuotaExceededException} over a quota
     */
    synchronized boolean launch(Launch launch) {
        DagDefinition dag = definition(launch.version());
        String executionId = RunIds.executionId(launch.workflowArn(), launch.runId());
        RunState run = new RunState();
        WorkflowArn arn = WorkflowArn.parse(launch.workflowArn()).orElseThrow();
        run.workflowArn = launch.workflowArn();
        run.account = launch.account();
        run.region = launch.region();
        run.workflowId = arn.workflowId();
        run.workflowVersion = launch.version().workflowVersion();
        run.runId = launch.runId();
        run.runType = launch.runType();
        run.definitionSha = launch.version().definitionSha256();
        run.fingerprint = launch.fingerprint();
        run.logGroup = launch.version().logging() != null ? launch.version().logging().logGroupName()
                : arn.defaultLogGroup();
        run.overrides = launch.overrides();
        run.logicalDateMs = launch.logicalDateMs();
        run.createdMs = launch.createdMs();
        run.modifiedMs = launch.createdMs();
        run.runTimeoutMs = runTimeout.toMillis();
        run.startError = definitions.templateError(run.definitionSha).orElse(null);
        dag.tasks().keySet().forEach(task -> run.uuids.put(task, ids.taskExecutionUuid()));
        // The engine commits the run on its own connection while this transaction holds the lock. On
        // SQLite a write transaction here would hold the single writer the engine needs.
        Function<Function<Tx, Boolean>, Boolean> transaction =
                database.dialect() == Dialect.POSTGRESQL ? database::write : database::read;
        return transaction.apply(tx -> {
            tx.lockAcrossNodes("mwaa-run-quota:" + launch.account() + ":" + launch.region());
            if (rows.run(tx, launch.workflowArn(), launch.runId()).isPresent()) {
                return false;
            }
            checkQuotas(tx, launch);
            return engine.create(DagDialect.KIND, executionId, run,
                    new Signal("created", JsonNodeFactory.instance.objectNode()));
        });
    }

    private void checkQuotas(Tx tx, Launch launch) {
        if (rows.active(tx, null, null, launch.workflowArn()) >= MAX_PER_WORKFLOW) {
            throw MwaaErrors.quotaExceeded("WorkflowRun", launch.workflowArn(), "L-MWAAS-RUNS-PER-WORKFLOW",
                    "The workflow already has the maximum number of concurrent runs (" + MAX_PER_WORKFLOW + ").");
        }
        if (rows.active(tx, launch.account(), launch.region(), null) >= MAX_PER_ACCOUNT) {
            throw MwaaErrors.quotaExceeded("WorkflowRun", launch.workflowArn(), "L-MWAAS-RUNS-PER-ACCOUNT",
                    "The account already has the maximum number of concurrent workflow runs (" + MAX_PER_ACCOUNT + ").");
        }
    }
}
