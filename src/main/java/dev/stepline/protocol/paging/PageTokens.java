package dev.stepline.protocol.paging;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, signed, expiring {@code nextToken}s (ARCHITECTURE.md §3). A token carries the
 * operation, a fingerprint of the request's other arguments, the last key of the page and the
 * issue time, MACed with a key every node shares (kept in the store). {@link #open} returns the
 * key only for an authentic, unexpired token of the same operation and arguments; each service
 * maps an empty answer to its own error ({@code InvalidToken},
 * {@code InvalidPaginationTokenException}, {@code ValidationException}).
 */
public final class PageTokens {
    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;

    private final byte[] key;
    private final Clock clock;
    private final Duration lifetime;

    public PageTokens(byte[] key, Clock clock, Duration lifetime) {
        this.key = requireNonNull(key, "key is null").clone();
        this.clock = requireNonNull(clock, "clock is null");
        this.lifetime = requireNonNull(lifetime, "lifetime is null");
    }

    /**
     * @param operation   the operation the token belongs to
     * @param fingerprint the request's other arguments, joined in a stable way
     * @param lastKey     where the next page starts (exclusive)
     */
    public String issue(String operation, String fingerprint, String lastKey) {
        byte[] op = operation.getBytes(StandardCharsets.UTF_8);
        byte[] fp = digest(fingerprint);
        byte[] last = lastKey.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(1 + 8 + 2 + op.length + fp.length + last.length);
        payload.put(VERSION).putLong(clock.millis()).putShort((short) op.length).put(op).put(fp).put(last);
        byte[] body = payload.array();
        byte[] mac = mac(body);
        byte[] token = ByteBuffer.allocate(body.length + MAC_BYTES).put(body).put(mac, 0, MAC_BYTES).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The last key, if the token is authentic, unexpired and was issued for this operation and arguments. */
    public Optional<String> open(String token, String operation, String fingerprint) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length < 1 + 8 + 2 + 32 + MAC_BYTES) {
            return Optional.empty();
        }
        int bodyLength = raw.length - MAC_BYTES;
        byte[] expected = mac(java.util.Arrays.copyOf(raw, bodyLength));
        if (!MessageDigest.isEqual(java.util.Arrays.copyOf(expected, MAC_BYTES),
                java.util.Arrays.copyOfRange(raw, bodyLength, raw.length))) {
            return Optional.empty();
        }
        ByteBuffer body = ByteBuffer.wrap(raw, 0, bodyLength);
        if (body.get() != VERSION) {
            return Optional.empty();
        }
        long issued = body.getLong();
        int opLength = body.getShort();
        if (opLength < 0 || body.remaining() < opLength + 32) {
            return Optional.empty();
        }
        byte[] op = new byte[opLength];
        body.get(op);
        byte[] fp = new byte[32];
        body.get(fp);
        byte[] last = new byte[body.remaining()];
        body.get(last);
        long age = clock.millis() - issued;
        if (age > lifetime.toMillis() || !operation.equals(new String(op, StandardCharsets.UTF_8))
                || !MessageDigest.isEqual(fp, digest(fingerprint))) {
            return Optional.empty();
        }
        return Optional.of(new String(last, StandardCharsets.UTF_8));
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
