package dev.stepline.sfn.api;

import dev.stepline.engine.Projection;
import dev.stepline.sfn.runtime.ExecutionSummary;
import dev.stepline.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code sfn_execution} table: Step Functions' listing view of its executions. The engine's
 * projection writes it in the same transaction as the transition that changed the execution, so
 * List and Describe always read committed engine state (AWS is eventually consistent; we need not be).
 */
final class ExecutionRows implements Projection {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The payload part of a row. */
    record Doc(String input, String output, String error, String cause, String traceHeader, String definitionKey) {}

    /** One row. */
    record Row(String arn, String stateMachineArn, String versionArn, String aliasArn, String name, String status,
               long startMs, Long stopMs, int redriveCount, Long redriveMs, Doc doc, String mapRunArn, Integer itemIndex,
               Integer itemCount) {
        Instant startDate() {
            return Instant.ofEpochMilli(startMs);
        }

        Instant stopDate() {
            return stopMs == null ? null : Instant.ofEpochMilli(stopMs);
        }

        Instant redriveDate() {
            return redriveMs == null ? null : Instant.ofEpochMilli(redriveMs);
        }
    }

    /** Which executions to list. */
    record Filter(String column, String value, String status, Boolean redriven) {}

    private static final String COLUMNS = "arn, state_machine_arn, version_arn, alias_arn, name, status, start_ms, stop_ms,"
            + " redrive_count, redrive_ms, doc, map_run_arn, item_index, item_count";

    private final ExecutionWaiters waiters = new ExecutionWaiters();
    private final MapRunRows mapRuns = new MapRunRows();

    MapRunRows mapRuns() {
        return mapRuns;
    }

    /** Callers waiting for executions to close. */
    ExecutionWaiters waiters() {
        return waiters;
    }

    @Override
    public void write(Tx tx, List<Change> changes) {
        List<Object[]> rows = new ArrayList<>(changes.size());
        List<dev.stepline.sfn.runtime.MapRunSummary> runs = new ArrayList<>();
        for (Change change : changes) {
            ExecutionSummary s = (ExecutionSummary) change.summary();
            runs.addAll(s.mapRuns());
            if (!"RUNNING".equals(s.status())) {
                waiters.closing(s.executionArn());
            }
            Doc doc = new Doc(s.input(), s.output(), s.error(), s.cause(), s.traceHeader(), s.definitionKey());
            rows.add(new Object[] {s.executionArn(), s.stateMachineArn(), s.versionArn(), s.aliasArn(), s.name(), s.status(),
                    s.startDate().toEpochMilli(), s.stopDate() == null ? null : s.stopDate().toEpochMilli(), s.redriveCount(),
                    s.redriveDate() == null ? null : s.redriveDate().toEpochMilli(), JSON.writeValueAsString(doc),
                    s.mapChild() == null ? null : s.mapChild().mapRunArn(),
                    s.mapChild() == null ? null : s.mapChild().index(),
                    s.mapChild() == null ? null : s.mapChild().itemCount()});
        }
        if (!rows.isEmpty()) {
            tx.batch("INSERT INTO sfn_execution (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (arn) DO UPDATE SET status = excluded.status, stop_ms = excluded.stop_ms,"
                    + " redrive_count = excluded.redrive_count, redrive_ms = excluded.redrive_ms, doc = excluded.doc", rows);
        }
        if (!runs.isEmpty()) {
            mapRuns.write(tx, runs);
        }
    }

    /** A Map Run's children in item order. */
    List<Row> byMapRun(Tx tx, String mapRunArn) {
        return tx.query("SELECT " + COLUMNS + " FROM sfn_execution WHERE map_run_arn = ? ORDER BY item_index",
                ExecutionRows::row, mapRunArn);
    }

    Optional<Row> find(Tx tx, String arn) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM sfn_execution WHERE arn = ?", ExecutionRows::row, arn);
    }

    /**
     * One page, newest first, strictly after the keyset position ({@code afterStartMs},
     * {@code afterArn}) when given; fetches {@code limit} rows.
     */
    List<Row> page(Tx tx, Filter filter, Long afterStartMs, String afterArn, int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM sfn_execution WHERE ")
                .append(filter.column()).append(" = ?");
        List<Object> args = new ArrayList<>();
        args.add(filter.value());
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            args.add(filter.status());
        }
        if (filter.redriven() != null) {
            sql.append(filter.redriven() ? " AND redrive_count > 0" : " AND redrive_count = 0");
        }
        if (afterStartMs != null) {
            // A range on start_ms the index can seek to, then the tie-break on arn.
            sql.append(" AND start_ms <= ? AND (start_ms < ? OR arn < ?)");
            args.add(afterStartMs);
            args.add(afterStartMs);
            args.add(afterArn);
        }
        sql.append(" ORDER BY start_ms DESC, arn DESC LIMIT ").append(limit);
        return tx.query(sql.toString(), ExecutionRows::row, args.toArray());
    }

    private static Row row(ResultSet rs) throws SQLException {
        long stop = rs.getLong(8);
        Long stopMs = rs.wasNull() ? null : stop;
        long redrive = rs.getLong(10);
        Long redriveMs = rs.wasNull() ? null : redrive;
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getLong(7), stopMs, rs.getInt(9), redriveMs, JSON.readValue(rs.getString(11), Doc.class), rs.getString(12),
                integer(rs, 13), integer(rs, 14));
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
