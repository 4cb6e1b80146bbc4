package dev.stepline.protocol.sigv4;

import static java.util.Objects.requireNonNull;

/**
 * What is needed to check the chunk and trailer signatures of an {@code aws-chunked} body signed with
 * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}: the derived signing key, the request timestamp and scope,
 * and the seed signature (the request's own signature), per the S3 "chunked upload" SigV4 pages.
 *
 * <pre>
 * chunk:   AWS4-HMAC-SHA256-PAYLOAD \n timestamp \n scope \n previous-signature \n sha256("") \n sha256(chunk-data)
 * trailer: AWS4-HMAC-SHA256-TRAILER \n timestamp \n scope \n previous-signature \n sha256(canonical trailer lines)
 * </pre>
 */
public final class ChunkSigningContext {
    private final byte[] signingKey;
    private final String amzDate;
    private final String scope;
    private final String seedSignature;

    public ChunkSigningContext(byte[] signingKey, String amzDate, String scope, String seedSignature) {
        this.signingKey = requireNonNull(signingKey, "signingKey").clone();
        this.amzDate = requireNonNull(amzDate, "amzDate");
        this.scope = requireNonNull(scope, "scope");
        this.seedSignature = requireNonNull(seedSignature, "seedSignature").toLowerCase(java.util.Locale.ROOT);
    }

    /** The request signature, which seeds the chain of chunk signatures. */
    public String seedSignature() {
        return seedSignature;
    }

    public String amzDate() {
        return amzDate;
    }

    public String scope() {
        return scope;
    }

    /** The expected signature of one chunk, given the previous signature (the seed for the first chunk). */
    public String chunkSignature(String previousSignature, byte[] data, int off, int len) {
        String sts = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + '\n' + scope + '\n' + previousSignature + '\n'
                + Crypto.EMPTY_SHA256 + '\n' + Crypto.sha256Hex(data, off, len);
        return Crypto.hex(Crypto.hmac(signingKey, sts));
    }

    /**
     * The expected trailer signature, given the previous (final-chunk) signature and the canonical trailer block
     * ({@code name:value\n} per trailing header, the {@code x-amz-trailer-signature} line excluded).
     */
    public String trailerSignature(String previousSignature, String canonicalTrailers) {
        String sts = "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + '\n' + scope + '\n' + previousSignature + '\n'
                + Crypto.sha256Hex(canonicalTrailers);
        return Crypto.hex(Crypto.hmac(signingKey, sts));
    }

    /** Constant-time, case-insensitive comparison of an expected (lower-hex) and a provided signature. */
    public static boolean matches(String expected, String provided) {
        return Crypto.signaturesEqual(expected, provided);
    }

    @Override
    public String toString() {
        return "ChunkSigningContext[" + amzDate + ", " + scope + "]";
    }
}
