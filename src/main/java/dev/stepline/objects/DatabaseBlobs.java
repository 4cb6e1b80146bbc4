package dev.stepline.objects;

import static java.util.Objects.requireNonNull;

import dev.stepline.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Object bytes in the database itself, as rows of at most {@value #CHUNK_BYTES} bytes
 * ({@code s3_blob_chunk}), so that every node of a cluster on one PostgreSQL reads every object.
 *
 * <p>A write commits its chunks in a transaction of its own before the caller commits the row
 * naming the blob, exactly as {@link BlobFiles} makes its file durable first. Multipart completion
 * copies the parts' chunks inside the database ({@code INSERT … SELECT}), never through this JVM. A
 * crash between the two commits leaves chunks no row names; {@link #sweepLeftovers} removes them
 * once they are old enough that no write in flight can still be about to name them.
 *
 * <p>Objects stored before bytes moved into the database (files under the data directory) stay
 * readable and deletable through {@code earlier}.
 */
final class DatabaseBlobs implements Blobs {
    static final int CHUNK_BYTES = 4 * 1024 * 1024;

    private final Database database;
    private final Clock clock;
    private final BlobFiles earlier;

    /** @param earlier where this node kept object bytes before they moved into the database; null for none */
    DatabaseBlobs(Database database, Clock clock, BlobFiles earlier) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.earlier = earlier;
    }

    @Override
    public String write(byte[] data) {
        String id = BlobFiles.newId();
        long now = clock.millis();
        List<Object[]> rows = new ArrayList<>();
        int seq = 0;
        for (int from = 0; from < data.length || seq == 0; from += CHUNK_BYTES) {
            rows.add(new Object[] {id, seq++, Arrays.copyOfRange(data, from, Math.min(data.length, from + CHUNK_BYTES)), now});
        }
        database.write(tx -> tx.batch("INSERT INTO s3_blob_chunk (blob, seq, data, created_ms) VALUES (?, ?, ?, ?)", rows));
        return id;
    }

    @Override
    public String concat(List<String> parts) {
        String id = BlobFiles.newId();
        long now = clock.millis();
        database.write(tx -> {
            long next = 0;
            for (String part : parts) {
                next += tx.update("INSERT INTO s3_blob_chunk (blob, seq, data, created_ms) "
                        + "SELECT ?, seq + ?, data, ? FROM s3_blob_chunk WHERE blob = ?", id, next, now, part);
            }
            if (next == 0) {
                tx.update("INSERT INTO s3_blob_chunk (blob, seq, data, created_ms) VALUES (?, 0, ?, ?)", id, new byte[0], now);
            }
            return null;
        });
        return id;
    }

    @Override
    public Optional<byte[]> read(String id) {
        List<byte[]> chunks = database.read(tx -> tx.query("SELECT data FROM s3_blob_chunk WHERE blob = ? ORDER BY seq",
                row -> row.getBytes(1), id));
        if (chunks.isEmpty()) {
            return earlier == null ? Optional.empty() : earlier.read(id);
        }
        if (chunks.size() == 1) {
            return Optional.of(chunks.getFirst());
        }
        byte[] whole = new byte[chunks.stream().mapToInt(c -> c.length).sum()];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, whole, at, chunk.length);
            at += chunk.length;
        }
        return Optional.of(whole);
    }

    @Override
    public void delete(String id) {
        if (id != null) {
            database.write(tx -> tx.update("DELETE FROM s3_blob_chunk WHERE blob = ?", id));
            if (earlier != null) {
                earlier.delete(id);
            }
        }
    }

    @Override
    public void sweepLeftovers(Instant now, Duration age) {
        database.write(tx -> tx.update("DELETE FROM s3_blob_chunk WHERE created_ms < ? "
                + "AND NOT EXISTS (SELECT 1 FROM s3_object o WHERE o.blob = s3_blob_chunk.blob) "
                + "AND NOT EXISTS (SELECT 1 FROM s3_upload_part p WHERE p.blob = s3_blob_chunk.blob)",
                now.minus(age).toEpochMilli()));
    }
}
