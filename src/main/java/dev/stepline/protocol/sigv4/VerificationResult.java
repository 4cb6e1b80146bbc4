package dev.stepline.protocol.sigv4;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The outcome of {@link SigV4Verifier#verify}: {@link Verified} or {@link Rejected}. */
public sealed interface VerificationResult permits VerificationResult.Verified, VerificationResult.Rejected {

    default boolean isVerified() {
        return this instanceof Verified;
    }

    /**
     * The signature is valid.
     *
     * @param signature    the parsed signature parts
     * @param signedAt     the request timestamp the client signed
     * @param payloadHash  the payload hash that entered the canonical request (a hex digest,
     *                     {@code UNSIGNED-PAYLOAD} or a {@code STREAMING-*} value)
     * @param chunkSigning what {@code AwsChunked} needs to check chunk signatures (always present; only meaningful
     *                     for {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]} bodies)
     */
    record Verified(SignatureInfo signature, Instant signedAt, String payloadHash, ChunkSigningContext chunkSigning)
            implements VerificationResult {
        public Verified {
            requireNonNull(signature, "signature");
            requireNonNull(signedAt, "signedAt");
            requireNonNull(payloadHash, "payloadHash");
            requireNonNull(chunkSigning, "chunkSigning");
        }

        public CredentialScope credential() {
            return signature.credential();
        }
    }

    /**
     * The request is refused.
     *
     * @param code    the AWS error code ({@code __type} / {@code x-amzn-ErrorType} / S3 {@code <Code>})
     * @param status  the HTTP status
     * @param message the error message
     * @param details extra S3-style error elements (e.g. {@code AWSAccessKeyId}, {@code StringToSign},
     *                {@code CanonicalRequest}, {@code RequestTime}, {@code ServerTime}); may be empty. JSON services
     *                ignore them.
     */
    record Rejected(String code, int status, String message, Map<String, String> details)
            implements VerificationResult {
        public Rejected {
            requireNonNull(code, "code");
            requireNonNull(message, "message");
            details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }

        public Rejected(String code, int status, String message) {
            this(code, status, message, Map.of());
        }
    }
}
