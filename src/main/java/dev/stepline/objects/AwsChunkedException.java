package dev.stepline.objects;

import static java.util.Objects.requireNonNull;

/**
 * An {@code aws-chunked} request body that cannot be accepted. Carries the S3 error code and HTTP status to answer
 * with, so the S3 layer can render it directly.
 */
public final class AwsChunkedException extends RuntimeException {
    private final String code;
    private final int status;

    public AwsChunkedException(String code, int status, String message) {
        super(requireNonNull(message, "message"));
        this.code = requireNonNull(code, "code");
        this.status = status;
    }

    /** The S3 error code, e.g. {@code IncompleteBody}, {@code BadDigest}, {@code SignatureDoesNotMatch}. */
    public String code() {
        return code;
    }

    /** The HTTP status: 400 for malformed bodies and bad checksums, 403 for bad chunk signatures. */
    public int status() {
        return status;
    }
}
