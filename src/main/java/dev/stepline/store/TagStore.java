package dev.stepline.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tags of any resource, by ARN. Keys are returned in byte order. */
public final class TagStore {
    public Map<String, String> get(Tx tx, String arn) {
        Map<String, String> tags = new LinkedHashMap<>();
        tx.query("SELECT tag_key, tag_value FROM tag WHERE arn = ? ORDER BY tag_key", row -> {
            tags.put(row.getString(1), row.getString(2));
            return null;
        }, arn);
        return tags;
    }

    /** Adds or overwrites tags. */
    public void put(Tx tx, String arn, Map<String, String> tags) {
        List<Object[]> rows = new ArrayList<>();
        tags.forEach((k, v) -> rows.add(new Object[] {arn, k, v}));
        tx.batch("INSERT INTO tag (arn, tag_key, tag_value) VALUES (?, ?, ?) "
                + "ON CONFLICT (arn, tag_key) DO UPDATE SET tag_value = excluded.tag_value", rows);
    }

    public void remove(Tx tx, String arn, Collection<String> keys) {
        List<Object[]> rows = new ArrayList<>();
        keys.forEach(k -> rows.add(new Object[] {arn, k}));
        tx.batch("DELETE FROM tag WHERE arn = ? AND tag_key = ?", rows);
    }

    public void removeAll(Tx tx, String arn) {
        tx.update("DELETE FROM tag WHERE arn = ?", arn);
    }
}
