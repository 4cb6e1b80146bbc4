package dev.stepline.objects;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where object bytes live, apart from the rows that name them. Each write makes a new blob with a
 * fresh random id, durable before the caller commits the row naming it; a row owns its blob
 * outright, so deleting a version is "delete the row, then the blob".
 *
 * <p>Two homes: {@link BlobFiles} (files under the data directory: the embedded store) and
 * {@link DatabaseBlobs} (chunks in the shared database: several nodes on one PostgreSQL must all
 * read every object, so bytes cannot stay on the node that received them).
 */
sealed interface Blobs permits BlobFiles, DatabaseBlobs {

    /** Stores {@code data} durably; returns the new blob id. */
    String write(byte[] data);

    /** Stores the given blobs one after the other as a new blob (multipart completion); returns its id. */
    String concat(List<String> parts);

    /** The blob's bytes; empty when it is gone (its version was deleted meanwhile). */
    Optional<byte[]> read(String id);

    /** Removes a blob; a missing one is fine (deletes are retried after crashes). */
    void delete(String id);

    /** Removes leftovers older than {@code age} of writes whose row was never committed (a crash in between). */
    void sweepLeftovers(Instant now, Duration age);
}
