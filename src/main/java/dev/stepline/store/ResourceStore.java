package dev.stepline.store;

import java.util.List;
import java.util.Optional;

/**
 * Resource definitions of every service, one row per ARN. The SQL is portable between SQLite
 * and PostgreSQL ({@code ON CONFLICT DO NOTHING}); lists are keyset pages on
 * {@code (account, region, kind, sort_key)}, never OFFSET.
 */
public final class ResourceStore {
    private static final String COLUMNS = "arn, account, region, kind, sort_key, created_ms, version, doc";
    private static final RowMapper<StoredResource> ROW = r -> new StoredResource(
            r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
            r.getLong(6), r.getLong(7), r.getString(8));

    public Optional<StoredResource> get(Tx tx, String arn) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM resource WHERE arn = ?", ROW, arn);
    }

    /** Inserts the row with version 1; false when the ARN or the (account, region, kind, sort key) exists. */
    public boolean insert(Tx tx, StoredResource resource) {
        return tx.update("INSERT INTO resource (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT DO NOTHING",
                resource.arn(), resource.account(), resource.region(), resource.kind(), resource.sortKey(),
                resource.createdMs(), resource.doc()) == 1;
    }

    /** Replaces the document if the row is still at {@code expectedVersion}; false otherwise. */
    public boolean update(Tx tx, String arn, long expectedVersion, String doc) {
        return tx.update("UPDATE resource SET doc = ?, version = version + 1 WHERE arn = ? AND version = ?",
                doc, arn, expectedVersion) == 1;
    }

    public boolean delete(Tx tx, String arn) {
        return tx.update("DELETE FROM resource WHERE arn = ?", arn) == 1;
    }

    /**
     * One page of a kind, in sort-key order.
     *
     * @param prefix only sort keys starting with this (empty for all)
     * @param after  only sort keys strictly after this (null for the first page)
     * @param limit  at most this many rows
     */
    public List<StoredResource> list(Tx tx, String account, String region, String kind, String prefix,
                                     String after, int limit) {
        String lower = after != null && after.compareTo(prefix) >= 0 ? after : prefix;
        String op = after != null && after.compareTo(prefix) >= 0 ? ">" : ">=";
        if (prefix.isEmpty()) {
            return tx.query("SELECT " + COLUMNS + " FROM resource WHERE account = ? AND region = ? AND kind = ? AND sort_key "
                            + op + " ? ORDER BY sort_key LIMIT ?", ROW, account, region, kind, lower, limit);
        }
        return tx.query("SELECT " + COLUMNS + " FROM resource WHERE account = ? AND region = ? AND kind = ? AND sort_key "
                        + op + " ? AND sort_key < ? ORDER BY sort_key LIMIT ?",
                ROW, account, region, kind, lower, prefixEnd(prefix), limit);
    }

    /** Rows of a kind, in reverse sort-key order (newest first when the key is a time). */
    public List<StoredResource> listDescending(Tx tx, String account, String region, String kind, String prefix,
                                               String before, int limit) {
        String upper = before != null ? before : prefixEnd(prefix);
        if (prefix.isEmpty() && before == null) {
            return tx.query("SELECT " + COLUMNS + " FROM resource WHERE account = ? AND region = ? AND kind = ? "
                    + "ORDER BY sort_key DESC LIMIT ?", ROW, account, region, kind, limit);
        }
        return tx.query("SELECT " + COLUMNS + " FROM resource WHERE account = ? AND region = ? AND kind = ? AND sort_key < ? "
                        + "AND sort_key >= ? ORDER BY sort_key DESC LIMIT ?",
                ROW, account, region, kind, upper, prefix, limit);
    }

    public long count(Tx tx, String account, String region, String kind) {
        return tx.queryOne("SELECT COUNT(*) FROM resource WHERE account = ? AND region = ? AND kind = ?",
                r -> r.getLong(1), account, region, kind).orElse(0L);
    }

    /** The smallest string greater than every string starting with {@code prefix}. */
    static String prefixEnd(String prefix) {
        if (prefix.isEmpty()) {
            return "\uFFFF";
        }
        return prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
    }
}
