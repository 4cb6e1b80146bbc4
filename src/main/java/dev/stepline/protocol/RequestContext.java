package dev.stepline.protocol;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Who is asking and where: resolved once per request by the router.
 *
 * @param requestId the {@code x-amzn-RequestId} of this request (lower-case UUID)
 * @param account   the 12-digit account id the caller's access key maps to
 * @param region    the region from the SigV4 credential scope, or the configured default
 * @param received  when the request arrived, on the engine clock
 */
public record RequestContext(String requestId, String account, String region, Instant received) {
    public RequestContext {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(account, "account is null");
        requireNonNull(region, "region is null");
        requireNonNull(received, "received is null");
    }
}
