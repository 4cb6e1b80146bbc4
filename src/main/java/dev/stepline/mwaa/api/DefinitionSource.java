package dev.stepline.mwaa.api;

import static java.util.Objects.requireNonNull;

import dev.stepline.mwaa.api.WorkflowShapes.DefinitionS3Location;
import dev.stepline.mwaa.dag.DagDefinition;
import dev.stepline.mwaa.dag.DefinitionException;
import dev.stepline.mwaa.dag.OperatorAllowlist;
import dev.stepline.objects.ObjectStore;
import dev.stepline.objects.ObjectStore.StoredObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads a workflow definition once from the object store and validates it (spec §2.6, §7): a
 * missing bucket, key or version and every definition problem become a
 * {@link DefinitionException}, which the face answers with {@code ValidationException}
 * ({@code Reason other}, {@code FieldList [{Name: DefinitionS3Location, …}]}).
 */
final class DefinitionSource {
    /** What a version keeps: the text read and what it means. */
    record Snapshot(String text, String sha256, DagDefinition dag) {}

    private final ObjectStore objects;
    private final OperatorAllowlist allowlist;

    DefinitionSource(ObjectStore objects, OperatorAllowlist allowlist) {
        this.objects = requireNonNull(objects, "objects is null");
        this.allowlist = requireNonNull(allowlist, "allowlist is null");
    }

    Snapshot read(DefinitionS3Location location) {
        StoredObject object = objects.get(location.bucket(), location.objectKey(), location.versionId())
                .orElseThrow(() -> new DefinitionException(unreadable(location)));
        DagDefinition dag = DagDefinition.parse(object.content(), allowlist);
        String text = new String(object.content(), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return new Snapshot(text, sha256(object.content()), dag);
    }

    /**
     * The object store answers only "absent", so a missing bucket and a missing key read the
     * same; a missing version of an object that exists is told apart.
     */
    private String unreadable(DefinitionS3Location location) {
        String where = "s3://" + location.bucket() + "/" + location.objectKey();
        if (location.versionId() != null) {
            boolean objectExists = objects.get(location.bucket(), location.objectKey(), null).isPresent();
            return "Unable to read " + where + " (VersionId " + location.versionId() + "): "
                    + (objectExists ? "the version does not exist" : "the object does not exist");
        }
        return "Unable to read " + where + ": the object does not exist";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
