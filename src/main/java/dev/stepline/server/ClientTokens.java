package dev.stepline.server;

import static java.util.Objects.requireNonNull;

import dev.stepline.protocol.AwsException;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.store.IdempotencyStore;
import dev.stepline.store.Tx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Client-token idempotency for the operations that model one (Image Builder {@code clientToken},
 * MWAA Serverless {@code ClientToken}, later Step Functions' redrive): the first call runs and its
 * response is kept with a fingerprint of the request; a repeat with the same request gets the
 * same response and no new side effects; a repeat with a different request gets the service's
 * mismatch error. Runs inside the caller's transaction, so the response and the effects commit
 * together.
 */
public final class ClientTokens {
    private final IdempotencyStore store;
    private final Duration lifetime;

    public ClientTokens(IdempotencyStore store, Duration lifetime) {
        this.store = requireNonNull(store, "store is null");
        this.lifetime = requireNonNull(lifetime, "lifetime is null");
    }

    /**
     * @param scope    the operation and owner, e.g. {@code imagebuilder:CreateWorkflow:123456789012}
     * @param token    the client token; null runs {@code action} without idempotency
     * @param request  the decoded request (its JSON form is the fingerprint)
     * @param mismatch the error for a token reused with a different request
     */
    public <T> T run(Tx tx, JsonCodec codec, String scope, String token, Object request, Class<T> responseType,
                     long nowMs, Supplier<AwsException> mismatch, Supplier<T> action) {
        if (token == null) {
            return action.get();
        }
        String fingerprint = fingerprint(codec.writeString(request));
        Optional<IdempotencyStore.Entry> existing = store.find(tx, scope, token, nowMs);
        if (existing.isPresent()) {
            if (!existing.get().fingerprint().equals(fingerprint)) {
                throw mismatch.get();
            }
            return codec.mapper().readValue(existing.get().response(), responseType);
        }
        T response = action.get();
        store.put(tx, scope, token, fingerprint, codec.writeString(response), nowMs + lifetime.toMillis());
        return response;
    }

    private static String fingerprint(String json) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
