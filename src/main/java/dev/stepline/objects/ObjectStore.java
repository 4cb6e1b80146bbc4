package dev.stepline.objects;

import java.util.Optional;

/**
 * What other services read from the object store (MWAA Serverless definitions, Image Builder
 * {@code uri} documents, Step Functions Map item files). Reads go to the caller's view of S3:
 * buckets are one namespace, as on AWS.
 */
public interface ObjectStore {
    /** An object's bytes and identity. */
    record StoredObject(String bucket, String key, String versionId, byte[] content, String eTag) {}

    /**
     * The object, or empty when the bucket, key or version does not exist (a delete marker counts
     * as absent).
     *
     * @param versionId a specific version, or null for the current one
     */
    Optional<StoredObject> get(String bucket, String key, String versionId);
}
