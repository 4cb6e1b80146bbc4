package dev.stepline.engine;

import dev.stepline.store.Dialect;
import dev.stepline.store.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The engine's SQL: executions, history and work items. Same statements on SQLite and PostgreSQL. */
final class EngineStore {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A stored execution row. */
    record Row(String id, String kind, long version, long nextEventId, boolean closed, String state) {
    }

    /** A stored work item with its owner. */
    record StoredItem(String executionId, WorkItem item) {
    }

    private EngineStore() {
    }

    static Optional<Row> execution(Tx tx, String id) {
        return tx.queryOne("SELECT id, kind, version, next_event_id, closed, state FROM execution WHERE id = ?",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getInt(5) != 0,
                        rs.getString(6)), id);
    }

    static List<StoredItem> items(Tx tx, String executionId) {
        return tx.query("SELECT execution_id, item_key, kind, queue, due_ms, payload FROM work_item WHERE execution_id = ?",
                EngineStore::item, executionId);
    }

    static Optional<StoredItem> item(Tx tx, String executionId, String key) {
        return tx.queryOne("SELECT execution_id, item_key, kind, queue, due_ms, payload FROM work_item"
                + " WHERE execution_id = ? AND item_key = ?", EngineStore::item, executionId, key);
    }

    private static StoredItem item(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredItem(rs.getString(1), new WorkItem(rs.getString(2), WorkItem.Kind.valueOf(rs.getString(3)),
                rs.getLong(5), rs.getString(4), (ObjectNode) JSON.readTree(rs.getString(6))));
    }

    /** Writes every commit of a batch; returns which succeeded (false: id taken / version moved). */
    static boolean[] write(Tx tx, List<Commit> batch, String nodeId, long leaseUntilMs, long lookaheadMs) {
        boolean[] ok = new boolean[batch.size()];
        List<Object[]> creates = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Integer> createIdx = new ArrayList<>();
        List<Integer> updateIdx = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Commit c = batch.get(i);
            if (c.creates()) {
                creates.add(new Object[] {c.executionId(), c.kind(), c.nextEventId(), c.closed() ? 1 : 0, c.state(), c.nowMs()});
                createIdx.add(i);
            } else {
                updates.add(new Object[] {c.state(), c.nextEventId(), c.closed() ? 1 : 0, c.nowMs(), c.executionId(),
                        c.expectedVersion()});
                updateIdx.add(i);
            }
        }
        int[] created = tx.batch("INSERT INTO execution (id, kind, version, next_event_id, closed, state, updated_ms)"
                + " VALUES (?, ?, 1, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", creates);
        for (int j = 0; j < created.length; j++) {
            ok[createIdx.get(j)] = created[j] != 0;
        }
        int[] updated = tx.batch("UPDATE execution SET version = version + 1, state = ?, next_event_id = ?, closed = ?,"
                + " updated_ms = ? WHERE id = ? AND version = ?", updates);
        for (int j = 0; j < updated.length; j++) {
            ok[updateIdx.get(j)] = updated[j] != 0;
        }

        List<Object[]> events = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        List<Object[]> consumed = new ArrayList<>();
        List<Object[]> purges = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        java.util.Set<String> queues = new java.util.HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!ok[i]) {
                continue;
            }
            Commit c = batch.get(i);
            for (NewEvent e : c.events()) {
                events.add(new Object[] {c.executionId(), e.id(), e.timestampMs(), e.type(), e.previousEventId(),
                        e.details()});
            }
            for (String key : c.consumed()) {
                consumed.add(new Object[] {c.executionId(), key});
            }
            for (String key : c.cancelled()) {
                deletes.add(new Object[] {c.executionId(), key});
            }
            if (c.closed()) {
                purges.add(new Object[] {c.executionId()});
            }
            for (WorkItem item : c.scheduled()) {
                inserts.add(insertRow(c.executionId(), item, nodeId, c.nowMs(), leaseUntilMs, lookaheadMs));
                announce(tx, item, queues);
            }
            for (Commit.Foreign f : c.foreign()) {
                inserts.add(insertRow(f.executionId(), f.item(), nodeId, c.nowMs(), leaseUntilMs, lookaheadMs));
                announce(tx, f.item(), queues);
            }
        }
        tx.batch("INSERT INTO history_event (execution_id, event_id, ts_ms, type, previous_event_id, details)"
                + " VALUES (?, ?, ?, ?, ?, ?)", events);
        int[] gone = tx.batch("DELETE FROM work_item WHERE execution_id = ? AND item_key = ?", consumed);
        for (int j = 0; j < gone.length; j++) {
            if (gone[j] == 0) {
                // Applied a signal someone else already consumed: undo the whole batch; every
                // execution in it reloads and re-checks what it still has to apply.
                throw new ConsumedElsewhere((String) consumed.get(j)[0]);
            }
        }
        tx.batch("DELETE FROM work_item WHERE execution_id = ? AND item_key = ?", deletes);
        tx.batch("DELETE FROM work_item WHERE execution_id = ?", purges);
        tx.batch(upsert(tx.dialect()), inserts);
        return ok;
    }

    /** Parked work on a queue is announced to every node once committed (their long polls wake). */
    private static void announce(Tx tx, WorkItem item, java.util.Set<String> announced) {
        if (item.kind() == WorkItem.Kind.PARKED && item.queue() != null && announced.add(item.queue())) {
            tx.publish(Engine.PARKED_CHANNEL, item.queue());
        }
    }

    private static Object[] insertRow(String executionId, WorkItem item, String nodeId, long nowMs, long leaseUntilMs,
                                      long lookaheadMs) {
        boolean held = item.kind() != WorkItem.Kind.PARKED && item.dueMs() <= nowMs + lookaheadMs;
        return new Object[] {executionId, item.key(), item.kind().name(), item.queue(), item.dueMs(),
                held ? nodeId : null, held ? Math.max(item.dueMs(), nowMs) + leaseUntilMs : null,
                JSON.writeValueAsString(item.payload())};
    }

    private static String upsert(Dialect dialect) {
        return "INSERT INTO work_item (execution_id, item_key, kind, queue, due_ms, lease_owner, lease_until_ms, payload)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (execution_id, item_key) DO UPDATE SET kind = excluded.kind,"
                + " queue = excluded.queue, due_ms = excluded.due_ms, lease_owner = excluded.lease_owner,"
                + " lease_until_ms = excluded.lease_until_ms, payload = excluded.payload";
    }

    /** Inserts one work item outside a transition (API calls that signal an execution). */
    static void insert(Tx tx, String executionId, WorkItem item, String nodeId, long nowMs, long leaseMs, long lookaheadMs) {
        tx.batch(upsert(tx.dialect()), List.<Object[]>of(insertRow(executionId, item, nodeId, nowMs, leaseMs, lookaheadMs)));
    }

    /**
     * Claims up to {@code limit} runnable items due by {@code horizonMs} that nobody holds (or whose
     * lease ran out), leasing them to {@code nodeId} until {@code leaseUntilMs} past their due time.
     * Items {@code held} says this node is already working on (its lease ran out before a renewal)
     * are neither claimed nor returned: the renewal keeps them.
     */
    static List<StoredItem> claim(Tx tx, String nodeId, long nowMs, long horizonMs, long leaseMs, int limit,
                                  java.util.function.Predicate<StoredItem> held) {
        String skipLocked = tx.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        List<StoredItem> due = tx.query("SELECT execution_id, item_key, kind, queue, due_ms, payload FROM work_item"
                + " WHERE kind <> 'PARKED' AND due_ms <= ? AND (lease_owner IS NULL OR lease_until_ms < ?)"
                + " ORDER BY due_ms LIMIT " + limit + skipLocked, EngineStore::item, horizonMs, nowMs);
        List<StoredItem> claimed = new ArrayList<>();
        List<Object[]> leases = new ArrayList<>();
        for (StoredItem s : due) {
            if (!held.test(s)) {
                claimed.add(s);
                leases.add(new Object[] {nodeId, Math.max(s.item().dueMs(), nowMs) + leaseMs, s.executionId(), s.item().key()});
            }
        }
        tx.batch("UPDATE work_item SET lease_owner = ?, lease_until_ms = ? WHERE execution_id = ? AND item_key = ?", leases);
        return claimed;
    }

    /**
     * Extends this node's lease on the items it is working on ({@code held}: execution id, item key)
     * to one lease past now or past their due time; items another node took over stay its.
     */
    static void renew(Tx tx, String nodeId, List<String[]> held, long nowMs, long leaseMs) {
        List<Object[]> rows = new ArrayList<>(held.size());
        for (String[] h : held) {
            rows.add(new Object[] {nowMs, nowMs, leaseMs, h[0], h[1], nodeId, nowMs + leaseMs * 2 / 3});
        }
        // Only leases that would run out before the next renewal or so are rewritten.
        tx.batch("UPDATE work_item SET lease_until_ms = (CASE WHEN due_ms > ? THEN due_ms ELSE ? END) + ?"
                + " WHERE execution_id = ? AND item_key = ? AND lease_owner = ? AND lease_until_ms < ?", rows);
    }

    /** Takes the oldest unclaimed parked item of {@code queue} for {@code owner}, if any. */
    static Optional<StoredItem> claimParked(Tx tx, String queue, String owner) {
        String skipLocked = tx.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        Optional<StoredItem> oldest = tx.queryOne("SELECT execution_id, item_key, kind, queue, due_ms, payload FROM work_item"
                + " WHERE queue = ? AND kind = 'PARKED' AND lease_owner IS NULL ORDER BY due_ms LIMIT 1" + skipLocked,
                EngineStore::item, queue);
        oldest.ifPresent(s -> tx.update("UPDATE work_item SET lease_owner = ? WHERE execution_id = ? AND item_key = ?",
                owner, s.executionId(), s.item().key()));
        return oldest;
    }

    /** Moves an item's due time; false when it no longer exists. */
    static boolean reschedule(Tx tx, String executionId, String key, long dueMs) {
        return tx.update("UPDATE work_item SET due_ms = ? WHERE execution_id = ? AND item_key = ?", dueMs, executionId,
                key) > 0;
    }

    /** Marks a closed execution open again (its version moves on); false when it is not closed. */
    static boolean reopen(Tx tx, String executionId) {
        return tx.update("UPDATE execution SET closed = 0, version = version + 1 WHERE id = ? AND closed = 1",
                executionId) > 0;
    }

    /** Deletes an item; false when it no longer existed. */
    static boolean delete(Tx tx, String executionId, String key) {
        return tx.update("DELETE FROM work_item WHERE execution_id = ? AND item_key = ?", executionId, key) > 0;
    }

    /** Forgets every lease (the embedded store has one node: after a restart nobody holds anything). */
    static void releaseAll(Tx tx) {
        tx.update("UPDATE work_item SET lease_owner = NULL, lease_until_ms = NULL WHERE lease_owner IS NOT NULL"
                + " AND kind <> 'PARKED'");
    }

    /** Thrown inside a batch when a consumed item was already gone. */
    static final class ConsumedElsewhere extends RuntimeException {
        ConsumedElsewhere(String executionId) {
            super("a signal of " + executionId + " was consumed by another transition", null, false, false);
        }
    }
}
