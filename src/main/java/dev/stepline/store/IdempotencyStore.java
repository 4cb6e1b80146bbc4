package dev.stepline.store;

import java.util.Optional;

/** Client tokens of idempotent operations: the request's fingerprint and the answer given. */
public final class IdempotencyStore {
    public record Entry(String fingerprint, String response, long expiresMs) {}

    /** The live entry for {@code (scope, token)}; expired entries count as absent. */
    public Optional<Entry> find(Tx tx, String scope, String token, long nowMs) {
        return tx.queryOne("SELECT fingerprint, response, expires_ms FROM idempotency WHERE scope = ? AND token = ?",
                r -> new Entry(r.getString(1), r.getString(2), r.getLong(3)), scope, token)
                .filter(e -> e.expiresMs() > nowMs);
    }

    public void put(Tx tx, String scope, String token, String fingerprint, String response, long expiresMs) {
        tx.update("INSERT INTO idempotency (scope, token, fingerprint, response, expires_ms) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (scope, token) DO UPDATE SET fingerprint = excluded.fingerprint, "
                + "response = excluded.response, expires_ms = excluded.expires_ms",
                scope, token, fingerprint, response, expiresMs);
    }
}
