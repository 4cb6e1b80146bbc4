package dev.stepline.mwaa.api;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Run ids that are a function of what asked for the run, so a repeat cannot make a second run:
 * the engine refuses to create an execution whose id exists. A StartWorkflowRun with a
 * {@code ClientToken} gets the id of (workflow, token) — SDK retries of one call land on the same
 * run — and a scheduled run the id of (workflow, fire time), so a fire repeated after a crash does
 * not double-fire. Both look like generated ids: 15 base-62 characters (spec §1.3).
 */
final class RunIds {
    private static final char[] BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int LENGTH = 15;

    private RunIds() {}

    static String forToken(String workflowArn, String clientToken) {
        return derive("token\n" + workflowArn + "\n" + clientToken);
    }

    static String forSchedule(String workflowArn, long fireMs) {
        return derive("schedule\n" + workflowArn + "\n" + fireMs);
    }

    /** The engine execution of a run. */
    static String executionId(String workflowArn, String runId) {
        return workflowArn + "/run/" + runId;
    }

    static String sha256Hex(String text) {
        return String.format("%064x", new BigInteger(1, sha256(text)));
    }

    private static String derive(String seed) {
        BigInteger n = new BigInteger(1, sha256(seed));
        BigInteger base = BigInteger.valueOf(BASE62.length);
        char[] out = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            BigInteger[] qr = n.divideAndRemainder(base);
            out[i] = BASE62[qr[1].intValue()];
            n = qr[0];
        }
        return new String(out);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
