package dev.stepline.protocol.sigv4;

import static java.util.Objects.requireNonNull;

/**
 * What the server needs from a signed request before verifying it: which account (by access key) and which region
 * and service the client signed for. Produced by {@link SigV4Verifier#scopeOf}.
 */
public record RequestScope(String accessKeyId, String region, String service) {
    public RequestScope {
        requireNonNull(accessKeyId, "accessKeyId");
        requireNonNull(region, "region");
        requireNonNull(service, "service");
    }
}
