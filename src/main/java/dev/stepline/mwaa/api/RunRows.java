package dev.stepline.mwaa.api;

import dev.stepline.engine.Projection;
import dev.stepline.mwaa.run.RunStatus;
import dev.stepline.mwaa.run.RunSummary;
import dev.stepline.mwaa.run.RunSummary.InstanceDoc;
import dev.stepline.mwaa.run.RunSummary.InstanceRow;
import dev.stepline.mwaa.run.RunSummary.RunDoc;
import dev.stepline.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code mwaa_run} and {@code mwaa_task_instance} tables: MWAA Serverless' view of its runs,
 * written by the run dialect's projection in the engine's transaction, so every read sees exactly
 * what the engine committed. Runs list newest first on {@code (created_ms DESC, run_id DESC)};
 * task instances in creation order ({@code seq}).
 */
final class RunRows implements Projection {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RUN_COLUMNS = "workflow_arn, run_id, workflow_version, run_type, status, created_ms,"
            + " started_ms, completed_ms, modified_ms, doc";
    private static final String TI_COLUMNS = "run_id, task_instance_id, seq, status, started_ms, ended_ms, modified_ms, doc";

    /** One run row. */
    record Run(String workflowArn, String runId, String workflowVersion, String runType, RunStatus status,
               long createdMs, Long startedMs, Long completedMs, long modifiedMs, RunDoc doc) {
        Instant created() {
            return Instant.ofEpochMilli(createdMs);
        }
    }

    /** One task-instance row. */
    record Instance(String runId, String id, int seq, String status, Long startedMs, Long endedMs, long modifiedMs,
                    InstanceDoc doc) {
    }

    @Override
    public void write(Tx tx, List<Change> changes) {
        List<Object[]> runs = new ArrayList<>(changes.size());
        List<Object[]> instances = new ArrayList<>();
        for (Change change : changes) {
            RunSummary s = (RunSummary) change.summary();
            runs.add(new Object[] {s.workflowArn(), s.runId(), s.account(), s.region(), s.workflowVersion(), s.runType(),
                    s.status().name(), s.status().terminal() ? 0 : 1, s.createdMs(), s.startedMs(), s.completedMs(),
                    s.modifiedMs(), s.doc()});
            for (InstanceRow ti : s.instances()) {
                instances.add(new Object[] {s.workflowArn(), s.runId(), ti.id(), ti.seq(), ti.status().name(),
                        ti.startedMs(), ti.endedMs(), ti.modifiedMs(), ti.doc()});
            }
        }
        tx.batch("INSERT INTO mwaa_run (workflow_arn, run_id, account, region, workflow_version, run_type, status, active,"
                + " created_ms, started_ms, completed_ms, modified_ms, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (workflow_arn, run_id) DO UPDATE SET status = excluded.status, active = excluded.active,"
                + " started_ms = excluded.started_ms, completed_ms = excluded.completed_ms,"
                + " modified_ms = excluded.modified_ms, doc = excluded.doc", runs);
        tx.batch("INSERT INTO mwaa_task_instance (workflow_arn, run_id, task_instance_id, seq, status, started_ms, ended_ms,"
                + " modified_ms, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workflow_arn, run_id, task_instance_id)"
                + " DO UPDATE SET status = excluded.status, started_ms = excluded.started_ms, ended_ms = excluded.ended_ms,"
                + " modified_ms = excluded.modified_ms, doc = excluded.doc", instances);
    }

    Optional<Run> run(Tx tx, String workflowArn, String runId) {
        return tx.queryOne("SELECT " + RUN_COLUMNS + " FROM mwaa_run WHERE workflow_arn = ? AND run_id = ?",
                RunRows::run, workflowArn, runId);
    }

    /** Runs newest first, strictly after the keyset position when given; {@code version} filters (nullable). */
    List<Run> runs(Tx tx, String workflowArn, String version, Long afterCreatedMs, String afterRunId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(RUN_COLUMNS).append(" FROM mwaa_run WHERE workflow_arn = ?");
        List<Object> args = new ArrayList<>();
        args.add(workflowArn);
        if (version != null) {
            sql.append(" AND workflow_version = ?");
            args.add(version);
        }
        if (afterCreatedMs != null) {
            sql.append(" AND created_ms <= ? AND (created_ms < ? OR run_id < ?)");
            args.add(afterCreatedMs);
            args.add(afterCreatedMs);
            args.add(afterRunId);
        }
        sql.append(" ORDER BY created_ms DESC, run_id DESC LIMIT ").append(limit);
        return tx.query(sql.toString(), RunRows::run, args.toArray());
    }

    /** Runs that have not ended, of a workflow (or of the account and Region when {@code workflowArn} is null). */
    long active(Tx tx, String account, String region, String workflowArn) {
        return workflowArn == null
                ? tx.queryOne("SELECT COUNT(*) FROM mwaa_run WHERE account = ? AND region = ? AND active = 1",
                        rs -> rs.getLong(1), account, region).orElse(0L)
                : tx.queryOne("SELECT COUNT(*) FROM mwaa_run WHERE workflow_arn = ? AND active = 1",
                        rs -> rs.getLong(1), workflowArn).orElse(0L);
    }

    /** Ids of the runs of a workflow that have not ended. */
    List<String> activeRunIds(Tx tx, String workflowArn) {
        return tx.query("SELECT run_id FROM mwaa_run WHERE workflow_arn = ? AND active = 1", rs -> rs.getString(1),
                workflowArn);
    }

    /** A run's task instances in creation order, from {@code afterSeq} (exclusive, -1 for all). */
    List<Instance> instances(Tx tx, String workflowArn, String runId, int afterSeq, int limit) {
        return tx.query("SELECT " + TI_COLUMNS + " FROM mwaa_task_instance WHERE workflow_arn = ? AND run_id = ? AND seq > ?"
                + " ORDER BY seq LIMIT " + limit, RunRows::instance, workflowArn, runId, afterSeq);
    }

    Optional<Instance> instance(Tx tx, String workflowArn, String runId, String id) {
        return tx.queryOne("SELECT " + TI_COLUMNS + " FROM mwaa_task_instance WHERE workflow_arn = ? AND run_id = ?"
                + " AND task_instance_id = ?", RunRows::instance, workflowArn, runId, id);
    }

    /** Removes a deleted workflow's runs and task instances. */
    void deleteAll(Tx tx, String workflowArn) {
        tx.update("DELETE FROM mwaa_task_instance WHERE workflow_arn = ?", workflowArn);
        tx.update("DELETE FROM mwaa_run WHERE workflow_arn = ?", workflowArn);
    }

    private static Run run(ResultSet rs) throws SQLException {
        return new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), RunStatus.valueOf(rs.getString(5)),
                rs.getLong(6), nullableLong(rs, 7), nullableLong(rs, 8), rs.getLong(9),
                JSON.readValue(rs.getString(10), RunDoc.class));
    }

    private static Instance instance(ResultSet rs) throws SQLException {
        return new Instance(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), nullableLong(rs, 5),
                nullableLong(rs, 6), rs.getLong(7), JSON.readValue(rs.getString(8), InstanceDoc.class));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
