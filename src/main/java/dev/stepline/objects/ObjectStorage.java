package dev.stepline.objects;

import static java.util.Objects.requireNonNull;

import dev.stepline.store.Database;
import dev.stepline.store.Dialect;
import dev.stepline.store.RowMapper;
import dev.stepline.store.Tx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The object store's truth: bucket and version rows in SQL, bytes in {@link Blobs}. This is
 * also the {@link ObjectStore} other services read through.
 *
 * <p>Every write to a bucket's objects first locks the bucket row (on PostgreSQL with
 * {@code FOR UPDATE}; SQLite serialises writers anyway), which orders concurrent writes to one
 * key and keeps DeleteBucket from racing a PutObject. Bytes are written before the transaction
 * and unlinked after it commits, so the SQLite writer lock is never held across file I/O.
 */
public final class ObjectStorage implements ObjectStore {
    /** A bucket row. */
    record Bucket(String name, String account, String region, Instant created, Versioning versioning) {}

    /**
     * One version of a key (or a delete marker).
     *
     * @param eTag    quoted MD5 hex, as S3 sends it
     * @param headers stored response headers: Content-Type, Content-Encoding, …, x-amz-meta-*
     */
    record Version(String bucket, String key, long seq, String versionId, boolean latest, boolean deleteMarker,
                   long size, String eTag, Instant lastModified, String blob, String checksumAlgorithm,
                   String checksumValue, Map<String, String> headers) {}

    /** What a PutObject stores. */
    record NewObject(byte[] data, String eTag, Map<String, String> headers, String checksumAlgorithm, String checksumValue) {
        NewObject {
            requireNonNull(data, "data is null");
            requireNonNull(eTag, "eTag is null");
            headers = Map.copyOf(headers);
        }
    }

    /** A CreateBucket's outcome: the bucket, and whether this call made it. */
    record Created(Bucket bucket, boolean isNew) {}

    /** What a DeleteObject did: the version it created or removed (null when none) and whether that is a delete marker. */
    record Deleted(String versionId, boolean deleteMarker) {}

    static final String NULL_VERSION = "null";
    private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> HEADER_MAP = new TypeReference<>() {};
    private static final String VERSION_COLUMNS = "bucket, object_key, seq, version_id, is_latest, delete_marker, size, etag, "
            + "last_modified_ms, blob, checksum_algorithm, checksum_value, headers";
    private static final RowMapper<Version> VERSION = row -> new Version(row.getString(1), row.getString(2), row.getLong(3),
            row.getString(4), row.getInt(5) == 1, row.getInt(6) == 1, row.getLong(7), row.getString(8),
            Instant.ofEpochMilli(row.getLong(9)), row.getString(10), row.getString(11), row.getString(12),
            JSON.readValue(row.getString(13), HEADER_MAP));
    private static final RowMapper<Bucket> BUCKET = row -> new Bucket(row.getString(1), row.getString(2), row.getString(3),
            Instant.ofEpochMilli(row.getLong(4)), Versioning.fromStored(row.getString(5)));

    private final Database database;
    private final Blobs blobs;
    private final Clock clock;

    /**
     * @param root where object bytes live on the embedded store, normally {@code <dataDir>/objects};
     *             on PostgreSQL they live in the database, shared by every node
     */
    public ObjectStorage(Database database, Path root, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.blobs = database.dialect() != Dialect.POSTGRESQL ? new BlobFiles(root)
                : new DatabaseBlobs(database, clock, root != null && Files.isDirectory(root) ? new BlobFiles(root) : null);
        blobs.sweepLeftovers(clock.instant(), Duration.ofHours(1));
    }

    @Override
    public Optional<StoredObject> get(String bucket, String key, String versionId) {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        return version(bucket, key, versionId)
                .filter(v -> !v.deleteMarker())
                .flatMap(v -> bytes(v).map(content -> new StoredObject(bucket, key, v.versionId(), content, v.eTag())));
    }

    @Override
    public Optional<StoredObject> put(String bucket, String key, byte[] content, String contentType) {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(content, "content is null");
        if (bucket(bucket).isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> headers = Map.of("Content-Type", contentType == null ? "binary/octet-stream" : contentType);
        String eTag = ObjectOperations.eTag(ObjectOperations.md5(content));
        Version stored = put(bucket, key, new NewObject(content, eTag, headers, null, null), current -> {});
        return Optional.of(new StoredObject(bucket, key, stored.versionId(), content, stored.eTag()));
    }

    @Override
    public Optional<List<ObjectSummary>> list(String bucket, String prefix, String startAfter, int limit) {
        requireNonNull(bucket, "bucket is null");
        if (bucket(bucket).isEmpty()) {
            return Optional.empty();
        }
        String from = prefix == null ? "" : prefix;
        String after = startAfter == null ? "" : startAfter;
        return Optional.of(current(bucket, after, from, S3Wire.prefixSuccessor(from), limit).stream()
                .map(v -> new ObjectSummary(v.key(), v.size(), v.eTag(), v.lastModified()))
                .toList());
    }

    @Override
    public boolean delete(String bucket, String key) {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        if (bucket(bucket).isEmpty()) {
            return false;
        }
        delete(bucket, key, null);
        return true;
    }

    @Override
    public BucketCreation addBucket(String bucket, String account, String region) {
        requireNonNull(account, "account is null");
        requireNonNull(region, "region is null");
        if (!BucketNames.isValid(bucket)) {
            return BucketCreation.INVALID_NAME;
        }
        try {
            return createBucket(bucket, account, region).isNew() ? BucketCreation.CREATED
                    : BucketCreation.ALREADY_OWNED_BY_YOU;
        } catch (S3Error e) {
            return BucketCreation.ALREADY_EXISTS;
        }
    }

    @Override
    public Optional<String> bucketAccount(String bucket) {
        requireNonNull(bucket, "bucket is null");
        return bucket(bucket).map(Bucket::account);
    }

    @Override
    public BucketDeletion removeBucket(String bucket) {
        requireNonNull(bucket, "bucket is null");
        try {
            deleteBucket(bucket);
            return BucketDeletion.DELETED;
        } catch (S3Error e) {
            return e.code().equals("BucketNotEmpty") ? BucketDeletion.NOT_EMPTY : BucketDeletion.NO_SUCH_BUCKET;
        }
    }

    // ---- buckets

    /**
     * Creates a bucket, or answers the existing one when {@code account} owns it (the caller
     * decides whether that is an error).
     *
     * @throws S3Error BucketAlreadyExists when another account owns the name
     */
    Created createBucket(String name, String account, String region) {
        return database.write(tx -> {
            int inserted = tx.update("INSERT INTO s3_bucket (name, account, region, created_ms, versioning) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (name) DO NOTHING", name, account, region, clock.millis(), Versioning.UNVERSIONED.wire());
            Bucket bucket = bucket(tx, name).orElseThrow();
            if (!bucket.account().equals(account)) {
                throw S3Error.of("BucketAlreadyExists", 409, "The requested bucket name is not available. The bucket "
                        + "namespace is shared by all users of the system. Please select a different name and try again.")
                        .with("BucketName", name);
            }
            return new Created(bucket, inserted == 1);
        });
    }

    Optional<Bucket> bucket(String name) {
        return database.read(tx -> bucket(tx, name));
    }

    /** The account's buckets in name order, after {@code after} (exclusive, "" for the start). */
    List<Bucket> buckets(String account, String prefix, String after, int limit) {
        return database.read(tx -> tx.query("SELECT name, account, region, created_ms, versioning FROM s3_bucket "
                + "WHERE account = ? AND name > ? AND name >= ? ORDER BY name LIMIT ?", BUCKET, account, after, prefix, limit))
                .stream().filter(b -> b.name().startsWith(prefix)).toList();
    }

    /** @throws S3Error NoSuchBucket, BucketNotEmpty (versions and delete markers count) */
    void deleteBucket(String name) {
        List<String> removed = database.write(tx -> {
            lockBucket(tx, name);
            if (tx.queryOne("SELECT 1 FROM s3_object WHERE bucket = ? LIMIT 1", row -> 1, name).isPresent()) {
                throw S3Error.of("BucketNotEmpty", 409, "The bucket you tried to delete is not empty").with("BucketName", name);
            }
            // unfinished multipart uploads go with the bucket
            List<String> blobsToRemove = new ArrayList<>();
            for (String uploadId : tx.query("SELECT upload_id FROM s3_upload WHERE bucket = ?", row -> row.getString(1), name)) {
                blobsToRemove.addAll(endUpload(tx, uploadId));
            }
            tx.update("DELETE FROM s3_bucket WHERE name = ?", name);
            return blobsToRemove;
        });
        removed.forEach(blobs::delete);
    }

    void setVersioning(String name, Versioning versioning) {
        database.write(tx -> {
            Versioning current = lockBucket(tx, name);
            if (versioning == Versioning.UNVERSIONED || current == versioning) {
                return null;
            }
            tx.update("UPDATE s3_bucket SET versioning = ? WHERE name = ?", versioning.wire(), name);
            return null;
        });
    }

    // ---- objects

    /**
     * Stores a new current version of {@code key}.
     *
     * @param condition checked against the current version inside the transaction (conditional writes)
     * @throws S3Error NoSuchBucket, or whatever {@code condition} throws
     */
    Version put(String bucket, String key, NewObject object, Consumer<Optional<Version>> condition) {
        String blob = blobs.write(object.data());
        return commit(bucket, key, blob, object.data().length, object.eTag(), object.headers(), object.checksumAlgorithm(),
                object.checksumValue(), condition, tx -> List.of());
    }

    /**
     * Makes an already written blob the key's new current version. {@code alsoInTx} runs in the
     * same transaction and returns further blobs to unlink after commit. On failure the new blob
     * is removed.
     */
    private Version commit(String bucket, String key, String blob, long size, String eTag, Map<String, String> headers,
                           String checksumAlgorithm, String checksumValue, Consumer<Optional<Version>> condition,
                           Function<Tx, List<String>> alsoInTx) {
        List<String> replaced = new ArrayList<>();
        Version stored;
        try {
            stored = database.write(tx -> {
                Versioning versioning = lockBucket(tx, bucket);
                condition.accept(latest(tx, bucket, key).filter(v -> !v.deleteMarker()));
                replaced.addAll(alsoInTx.apply(tx));
                String versionId = versioning == Versioning.ENABLED ? newVersionId() : NULL_VERSION;
                if (versioning != Versioning.ENABLED) {
                    removeNullVersion(tx, bucket, key).ifPresent(replaced::add);
                }
                Version version = new Version(bucket, key, nextSeq(tx, bucket, key), versionId, true, false, size, eTag,
                        Instant.ofEpochMilli(clock.millis()), blob, checksumAlgorithm, checksumValue, headers);
                insertLatest(tx, version);
                return version;
            });
        } catch (RuntimeException | Error e) {
            blobs.delete(blob);
            throw e;
        }
        replaced.forEach(blobs::delete);
        return stored;
    }

    // ---- multipart uploads

    /** An upload in progress. */
    record Upload(String uploadId, String bucket, String key, String account, Map<String, String> headers) {}

    /** One uploaded part. */
    record Part(int number, String blob, long size, String eTag) {}

    Upload createUpload(String bucket, String key, String account, Map<String, String> headers) {
        Upload upload = new Upload(newVersionId() + newVersionId(), bucket, key, account, Map.copyOf(headers));
        database.write(tx -> {
            lockBucket(tx, bucket);
            tx.update("INSERT INTO s3_upload (upload_id, bucket, object_key, account, created_ms, headers) VALUES (?, ?, ?, ?, ?, ?)",
                    upload.uploadId(), bucket, key, account, clock.millis(), JSON.writeValueAsString(upload.headers()));
            return null;
        });
        return upload;
    }

    /** The upload, when it is in progress for this bucket and key. */
    Optional<Upload> upload(String bucket, String key, String uploadId) {
        return database.read(tx -> tx.queryOne("SELECT upload_id, bucket, object_key, account, headers FROM s3_upload "
                + "WHERE upload_id = ? AND bucket = ? AND object_key = ?", row -> new Upload(row.getString(1), row.getString(2),
                row.getString(3), row.getString(4), JSON.readValue(row.getString(5), HEADER_MAP)), uploadId, bucket, key));
    }

    /** Stores (or replaces) one part. */
    void putPart(Upload upload, int number, byte[] data, String eTag) {
        String blob = blobs.write(data);
        Optional<String> old;
        try {
            old = database.write(tx -> {
                requireUpload(tx, upload.uploadId());
                Optional<String> previous = tx.queryOne("SELECT blob FROM s3_upload_part WHERE upload_id = ? AND part_number = ?",
                        row -> row.getString(1), upload.uploadId(), number);
                tx.update("DELETE FROM s3_upload_part WHERE upload_id = ? AND part_number = ?", upload.uploadId(), number);
                tx.update("INSERT INTO s3_upload_part (upload_id, part_number, blob, size, etag) VALUES (?, ?, ?, ?, ?)",
                        upload.uploadId(), number, blob, (long) data.length, eTag);
                return previous;
            });
        } catch (RuntimeException | Error e) {
            blobs.delete(blob);
            throw e;
        }
        old.ifPresent(blobs::delete);
    }

    List<Part> parts(String uploadId) {
        return database.read(tx -> tx.query("SELECT part_number, blob, size, etag FROM s3_upload_part WHERE upload_id = ? "
                + "ORDER BY part_number", row -> new Part(row.getInt(1), row.getString(2), row.getLong(3), row.getString(4)), uploadId));
    }

    /** Joins the chosen parts into the key's new current version and ends the upload. */
    Version completeUpload(Upload upload, List<Part> chosen, String eTag, Consumer<Optional<Version>> condition) {
        long size = chosen.stream().mapToLong(Part::size).sum();
        String blob = blobs.concat(chosen.stream().map(Part::blob).toList());
        return commit(upload.bucket(), upload.key(), blob, size, eTag, upload.headers(), null, null, condition,
                tx -> endUpload(tx, upload.uploadId()));
    }

    void abortUpload(String uploadId) {
        List<String> removed = database.write(tx -> endUpload(tx, uploadId));
        removed.forEach(blobs::delete);
    }

    private static void requireUpload(Tx tx, String uploadId) {
        if (tx.queryOne("SELECT 1 FROM s3_upload WHERE upload_id = ?", row -> 1, uploadId).isEmpty()) {
            throw noSuchUpload(uploadId);
        }
    }

    static S3Error noSuchUpload(String uploadId) {
        return S3Error.of("NoSuchUpload", 404, "The specified upload does not exist. The upload ID may be invalid, "
                + "or the upload may have been aborted or completed.").with("UploadId", uploadId);
    }

    /** Deletes an upload and its part rows; returns the part blobs to unlink after commit. */
    private static List<String> endUpload(Tx tx, String uploadId) {
        requireUpload(tx, uploadId);
        List<String> partBlobs = tx.query("SELECT blob FROM s3_upload_part WHERE upload_id = ?", row -> row.getString(1), uploadId);
        tx.update("DELETE FROM s3_upload_part WHERE upload_id = ?", uploadId);
        tx.update("DELETE FROM s3_upload WHERE upload_id = ?", uploadId);
        return partBlobs;
    }

    /** The named version, or the current one (possibly a delete marker) when {@code versionId} is null. */
    Optional<Version> version(String bucket, String key, String versionId) {
        return database.read(tx -> versionId == null
                ? latest(tx, bucket, key)
                : tx.queryOne("SELECT " + VERSION_COLUMNS + " FROM s3_object WHERE bucket = ? AND object_key = ? AND version_id = ?",
                        VERSION, bucket, key, versionId));
    }

    /** A version's bytes; empty when it was deleted after its row was read. */
    Optional<byte[]> bytes(Version version) {
        return version.blob() == null ? Optional.of(new byte[0]) : blobs.read(version.blob());
    }

    /**
     * DeleteObject: without a version id, removes the object (unversioned), or adds a delete
     * marker (versioned); with one, removes exactly that version and promotes the next newest.
     */
    Deleted delete(String bucket, String key, String versionId) {
        List<String> removed = new ArrayList<>();
        Deleted deleted = database.write(tx -> {
            Versioning versioning = lockBucket(tx, bucket);
            if (versionId != null) {
                Optional<Version> target = tx.queryOne("SELECT " + VERSION_COLUMNS
                        + " FROM s3_object WHERE bucket = ? AND object_key = ? AND version_id = ?", VERSION, bucket, key, versionId);
                if (target.isEmpty()) {
                    return new Deleted(versionId, false);
                }
                Version v = target.get();
                tx.update("DELETE FROM s3_object WHERE bucket = ? AND object_key = ? AND seq = ?", bucket, key, v.seq());
                if (v.blob() != null) {
                    removed.add(v.blob());
                }
                if (v.latest()) {
                    tx.update("UPDATE s3_object SET is_latest = 1 WHERE bucket = ? AND object_key = ? AND seq = "
                            + "(SELECT MAX(seq) FROM s3_object WHERE bucket = ? AND object_key = ?)", bucket, key, bucket, key);
                }
                return new Deleted(versionId, v.deleteMarker());
            }
            switch (versioning) {
                case UNVERSIONED -> {
                    removeNullVersion(tx, bucket, key).ifPresent(removed::add);
                    return new Deleted(null, false);
                }
                case ENABLED, SUSPENDED -> {
                    String markerId = versioning == Versioning.ENABLED ? newVersionId() : NULL_VERSION;
                    if (versioning == Versioning.SUSPENDED) {
                        removeNullVersion(tx, bucket, key).ifPresent(removed::add);
                    }
                    insertLatest(tx, new Version(bucket, key, nextSeq(tx, bucket, key), markerId, true, true, 0, "",
                            Instant.ofEpochMilli(clock.millis()), null, null, null, Map.of()));
                    return new Deleted(markerId, true);
                }
                default -> throw new IllegalStateException(versioning.name());
            }
        });
        removed.forEach(blobs::delete);
        return deleted;
    }

    /**
     * Current (non-deleted) objects in key order: keys above {@code after}, at or above
     * {@code from}, below {@code below} (null: no bound).
     */
    List<Version> current(String bucket, String after, String from, String below, int limit) {
        return database.read(tx -> tx.query("SELECT " + VERSION_COLUMNS + " FROM s3_object WHERE bucket = ? AND is_latest = 1 "
                + "AND delete_marker = 0 AND object_key > ? AND object_key >= ?" + (below == null ? "" : " AND object_key < ?")
                + " ORDER BY object_key LIMIT ?", VERSION, args(bucket, after, from, below, limit)));
    }

    /**
     * Every version and delete marker, by key then newest first, strictly after the position
     * (afterKey, afterSeq): later keys, or afterKey's versions older than afterSeq ({@code 0}
     * skips afterKey entirely); at or above {@code from}, below {@code below} (null: no bound).
     */
    List<Version> versions(String bucket, String afterKey, long afterSeq, String from, String below, int limit) {
        return database.read(tx -> tx.query("SELECT " + VERSION_COLUMNS + " FROM s3_object WHERE bucket = ? "
                + "AND (object_key > ? OR (object_key = ? AND seq < ?)) AND object_key >= ?"
                + (below == null ? "" : " AND object_key < ?") + " ORDER BY object_key, seq DESC LIMIT ?",
                VERSION, below == null
                        ? new Object[] {bucket, afterKey, afterKey, afterSeq, from, limit}
                        : new Object[] {bucket, afterKey, afterKey, afterSeq, from, below, limit}));
    }

    /** The sequence number of one version (for version-id-marker), empty when unknown. */
    Optional<Long> seqOf(String bucket, String key, String versionId) {
        return database.read(tx -> tx.queryOne("SELECT seq FROM s3_object WHERE bucket = ? AND object_key = ? AND version_id = ?",
                row -> row.getLong(1), bucket, key, versionId));
    }

    // ---- helpers (inside a transaction)

    private static Object[] args(String bucket, String after, String from, String below, int limit) {
        return below == null ? new Object[] {bucket, after, from, limit} : new Object[] {bucket, after, from, below, limit};
    }

    private static Optional<Bucket> bucket(Tx tx, String name) {
        return tx.queryOne("SELECT name, account, region, created_ms, versioning FROM s3_bucket WHERE name = ?", BUCKET, name);
    }

    /** Locks the bucket row for this transaction and returns its versioning state. */
    private static Versioning lockBucket(Tx tx, String name) {
        String sql = "SELECT versioning FROM s3_bucket WHERE name = ?" + (tx.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE" : "");
        return tx.queryOne(sql, row -> Versioning.fromStored(row.getString(1)), name)
                .orElseThrow(() -> S3Error.noSuchBucket(name));
    }

    private static Optional<Version> latest(Tx tx, String bucket, String key) {
        return tx.queryOne("SELECT " + VERSION_COLUMNS + " FROM s3_object WHERE bucket = ? AND object_key = ? AND is_latest = 1",
                VERSION, bucket, key);
    }

    private static long nextSeq(Tx tx, String bucket, String key) {
        return tx.queryOne("SELECT COALESCE(MAX(seq), 0) FROM s3_object WHERE bucket = ? AND object_key = ?",
                row -> row.getLong(1), bucket, key).orElse(0L) + 1;
    }

    /** Deletes the key's {@code null} version if any; returns its blob for unlinking after commit. */
    private static Optional<String> removeNullVersion(Tx tx, String bucket, String key) {
        Optional<Version> old = tx.queryOne("SELECT " + VERSION_COLUMNS
                + " FROM s3_object WHERE bucket = ? AND object_key = ? AND version_id = ?", VERSION, bucket, key, NULL_VERSION);
        old.ifPresent(v -> tx.update("DELETE FROM s3_object WHERE bucket = ? AND object_key = ? AND seq = ?", bucket, key, v.seq()));
        return old.map(Version::blob);
    }

    private static void insertLatest(Tx tx, Version v) {
        tx.update("UPDATE s3_object SET is_latest = 0 WHERE bucket = ? AND object_key = ? AND is_latest = 1", v.bucket(), v.key());
        tx.update("INSERT INTO s3_object (" + VERSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                v.bucket(), v.key(), v.seq(), v.versionId(), 1, v.deleteMarker() ? 1 : 0, v.size(), v.eTag(),
                v.lastModified().toEpochMilli(), v.blob(), v.checksumAlgorithm(), v.checksumValue(),
                JSON.writeValueAsString(v.headers()));
    }

    private static String newVersionId() {
        char[] id = new char[32];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }
}
