package dev.stepline.sfn.api;

import dev.stepline.sfn.runtime.MapRunSummary;
import dev.stepline.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code sfn_map_run} table: Map Runs as the parent execution's transitions left them, written
 * by {@link ExecutionRows} in the engine's transaction.
 */
final class MapRunRows {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "arn, execution_arn, state_machine_arn, status, start_ms, stop_ms, doc";

    /** The configuration and counts of a run. */
    record Doc(int maxConcurrency, double toleratedFailurePercentage, long toleratedFailureCount,
               MapRunSummary.Counts items, MapRunSummary.Counts executions, int redriveCount, Long redriveMs) {}

    record Row(String arn, String executionArn, String stateMachineArn, String status, long startMs, Long stopMs,
               Doc doc) {
        Instant startDate() {
            return Instant.ofEpochMilli(startMs);
        }

        Instant stopDate() {
            return stopMs == null ? null : Instant.ofEpochMilli(stopMs);
        }
    }

    void write(Tx tx, List<MapRunSummary> runs) {
        List<Object[]> rows = new ArrayList<>(runs.size());
        for (MapRunSummary run : runs) {
            Doc doc = new Doc(run.maxConcurrency(), run.toleratedFailurePercentage(), run.toleratedFailureCount(),
                    run.items(), run.executions(), run.redriveCount(), run.redriveMs());
            rows.add(new Object[] {run.mapRunArn(), run.executionArn(), run.stateMachineArn(), run.status(), run.startMs(),
                    run.stopMs(), JSON.writeValueAsString(doc)});
        }
        tx.batch("INSERT INTO sfn_map_run (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (arn) DO UPDATE SET status = excluded.status, stop_ms = excluded.stop_ms, doc = excluded.doc",
                rows);
        List<Object[]> pending = new ArrayList<>();
        for (MapRunSummary run : runs) {
            for (String child : run.markPendingRedrive()) {
                pending.add(new Object[] {child});
            }
        }
        if (!pending.isEmpty()) {
            // Until the child is redriven (its own transition then shows it RUNNING again).
            tx.batch("UPDATE sfn_execution SET status = 'PENDING_REDRIVE' WHERE arn = ?"
                    + " AND status IN ('FAILED', 'TIMED_OUT', 'ABORTED')", pending);
        }
    }

    Optional<Row> find(Tx tx, String arn) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM sfn_map_run WHERE arn = ?", MapRunRows::row, arn);
    }

    /** Newest first, strictly after the keyset position when given. */
    List<Row> page(Tx tx, String executionArn, Long afterStartMs, String afterArn, int limit) {
        if (afterStartMs == null) {
            return tx.query("SELECT " + COLUMNS + " FROM sfn_map_run WHERE execution_arn = ?"
                    + " ORDER BY start_ms DESC, arn DESC LIMIT " + limit, MapRunRows::row, executionArn);
        }
        return tx.query("SELECT " + COLUMNS + " FROM sfn_map_run WHERE execution_arn = ? AND start_ms <= ?"
                + " AND (start_ms < ? OR arn < ?) ORDER BY start_ms DESC, arn DESC LIMIT " + limit, MapRunRows::row,
                executionArn, afterStartMs, afterStartMs, afterArn);
    }

    private static Row row(ResultSet rs) throws SQLException {
        long stop = rs.getLong(6);
        Long stopMs = rs.wasNull() ? null : stop;
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), stopMs,
                JSON.readValue(rs.getString(7), Doc.class));
    }
}
