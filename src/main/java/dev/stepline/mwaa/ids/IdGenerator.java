package dev.stepline.mwaa.ids;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Generates the service's identifiers (spec §1.2, §1.3, §1.5, §1.7, §4.3) from an injected
 * random source, so tests can use a seeded one. Thread-safe when the source is
 * ({@link SecureRandom} is; {@link #secure()} uses one).
 */
public final class IdGenerator {
    private static final char[] LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] BASE62 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** Length of a generated {@code RunId} (observed ids are 15 base-62 characters). */
    public static final int RUN_ID_LENGTH = 15;

    private final RandomGenerator random;

    public IdGenerator(RandomGenerator random) {
        this.random = requireNonNull(random, "random is null");
    }

    /** A generator backed by {@link SecureRandom}. */
    public static IdGenerator secure() {
        return new IdGenerator(new SecureRandom());
    }

    /** A new workflow ARN for {@code name} with a fresh 10-character {@code [a-z0-9]} suffix. */
    public WorkflowArn workflowArn(String partition, String region, String accountId, String name) {
        return new WorkflowArn(partition, region, accountId, name, arnSuffix());
    }

    /** 10 characters from {@code [a-z0-9]}. */
    public String arnSuffix() {
        return randomString(LOWER_ALNUM, WorkflowArn.SUFFIX_LENGTH);
    }

    /** A {@code WorkflowVersion}: 32 lowercase hex characters (a version-4 UUID without dashes). */
    public String workflowVersion() {
        return uuid().toString().replace("-", "");
    }

    /** A {@code RevisionId}: a canonical version-4 UUID string. */
    public String revisionId() {
        return uuid().toString();
    }

    /** A {@code RunId}: 15 base-62 characters (matches {@code IdString}). */
    public String runId() {
        return randomString(BASE62, RUN_ID_LENGTH);
    }

    /** A fresh per-(run, task) uuid for {@link TaskInstanceId}s. */
    public String taskExecutionUuid() {
        return uuid().toString();
    }

    /** The first attempt's task-instance id of {@code taskId}, with a fresh uuid. */
    public TaskInstanceId firstTaskInstanceId(String taskId) {
        return new TaskInstanceId(taskExecutionUuid(), taskId, 1);
    }

    /** A random version-4 UUID drawn from this generator's source. */
    public UUID uuid() {
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private String randomString(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
