package dev.stepline.sfn.api;

import dev.stepline.sfn.runtime.TaskTokens;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Task tokens: {@code base64url(executionArn \n parkedKey) . base64url(HMAC)}. Opaque and
 * unguessable to clients (spec §2.3), verifiable by every node that shares the key, and
 * deterministic for (execution, item), so a transition recomputed after a crash hands out the
 * token it handed out before.
 */
final class TaskTokenSigner implements TaskTokens {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 18;

    /** Which parked item a token names. */
    record Target(String executionArn, String parkedKey) {}

    private final byte[] key;

    TaskTokenSigner(byte[] key) {
        this.key = key.clone();
    }

    @Override
    public String issue(String executionId, String parkedKey) {
        byte[] body = (executionId + "\n" + parkedKey).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(body));
    }

    /** The token's target, or empty when it is malformed or was not issued here. */
    Optional<Target> open(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] body = DECODER.decode(token.substring(0, dot));
            byte[] mac = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac, mac(body))) {
                return Optional.empty();
            }
            String text = new String(body, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            return newline < 0 ? Optional.empty()
                    : Optional.of(new Target(text.substring(0, newline), text.substring(newline + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal(body);
            return java.util.Arrays.copyOf(full, MAC_BYTES);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
