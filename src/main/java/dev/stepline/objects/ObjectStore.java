package dev.stepline.objects;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The object store as other services use it (MWAA Serverless definitions and S3 operators, Image
 * Builder {@code uri} documents, Step Functions Map item readers and result writers). Calls act on
 * the one S3 namespace, as on AWS: buckets are global, whichever account calls.
 */
public interface ObjectStore {
    /** An object's bytes and identity. */
    record StoredObject(String bucket, String key, String versionId, byte[] content, String eTag) {}

    /** One current object as a listing shows it. */
    record ObjectSummary(String key, long size, String eTag, Instant lastModified) {}

    /**
     * The object, or empty when the bucket, key or version does not exist (a delete marker counts
     * as absent).
     *
     * @param versionId a specific version, or null for the current one
     */
    Optional<StoredObject> get(String bucket, String key, String versionId);

    /**
     * Stores {@code content} as the key's new current version, as PutObject does (a new version in
     * a versioned bucket, a replacement otherwise).
     *
     * @param contentType stored as the object's Content-Type; null for binary/octet-stream
     * @return the stored object, or empty when the bucket does not exist
     */
    Optional<StoredObject> put(String bucket, String key, byte[] content, String contentType);

    /**
     * Current objects whose key starts with {@code prefix}, in key order, strictly after
     * {@code startAfter} (null or empty: from the first), at most {@code limit}.
     *
     * @return the page, or empty when the bucket does not exist
     */
    Optional<List<ObjectSummary>> list(String bucket, String prefix, String startAfter, int limit);

    /**
     * Deletes the key's current object as DeleteObject without a version id does (a delete marker
     * in a versioned bucket). Deleting an absent key is not an error.
     *
     * @return false when the bucket does not exist
     */
    boolean delete(String bucket, String key);

    /** What {@link #addBucket} did, as CreateBucket would answer. */
    enum BucketCreation {
        /** The bucket is new. */
        CREATED,
        /** The caller's account already owns a bucket of that name (nothing changed). */
        ALREADY_OWNED_BY_YOU,
        /** Another account owns the name (BucketAlreadyExists). */
        ALREADY_EXISTS,
        /** The name breaks S3's bucket naming rules (InvalidBucketName). */
        INVALID_NAME
    }

    /** Creates a bucket owned by {@code account} in {@code region}, as CreateBucket does. */
    BucketCreation addBucket(String bucket, String account, String region);

    /** What {@link #removeBucket} did, as DeleteBucket would answer. */
    enum BucketDeletion { DELETED, NO_SUCH_BUCKET, NOT_EMPTY }

    /** Deletes an empty bucket (versions and delete markers count as content), as DeleteBucket does. */
    BucketDeletion removeBucket(String bucket);

    /** The account that owns the bucket, or empty when it does not exist. */
    Optional<String> bucketAccount(String bucket);
}
