package dev.stepline.protocol.sigv4;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The signature parts a client sent, either in the {@code Authorization} header or in presigned-URL query parameters.
 *
 * @param location        where the signature was found
 * @param credential      the parsed credential scope
 * @param signedHeaders   the client's {@code SignedHeaders} list, split on {@code ;}, in the client's order
 * @param signature       the hex signature, as sent
 * @param amzDate         the {@code X-Amz-Date} query value (presigned form only); null for the header form, whose
 *                        timestamp comes from the {@code X-Amz-Date} or {@code Date} header
 * @param expiresSeconds  the {@code X-Amz-Expires} value (presigned form only); -1 for the header form
 */
public record SignatureInfo(
        Location location,
        CredentialScope credential,
        List<String> signedHeaders,
        String signature,
        String amzDate,
        long expiresSeconds) {

    /** The only signing algorithm supported (SigV4a, {@code AWS4-ECDSA-P256-SHA256}, is not). */
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    public enum Location { HEADER, QUERY }

    public SignatureInfo {
        requireNonNull(location, "location");
        requireNonNull(credential, "credential");
        signedHeaders = List.copyOf(signedHeaders);
        requireNonNull(signature, "signature");
    }

    /** The {@code SignedHeaders} value as it enters the canonical request. */
    public String signedHeadersValue() {
        return String.join(";", signedHeaders);
    }
}
