package dev.stepline.imagebuilder.runtime;

import dev.stepline.imagebuilder.arn.ExecutionIds;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Ids an image build makes, derived from the image ARN and a counter kept in its state, so that a
 * transition computed again after a lost commit makes the same ids (the dialect stays
 * deterministic). Formats are AWS's: {@code wf-}/{@code step-} + UUID, {@code i-}/{@code ami-}/
 * {@code snap-} + 17 lower-case hex digits, UUIDs for run commands and associations.
 */
final class RunIds {
    private RunIds() {}

    static UUID uuid(ImageRun run) {
        long n = run.nextId++;
        return UUID.nameUUIDFromBytes((run.arn + "#" + n).getBytes(StandardCharsets.UTF_8));
    }

    static String workflowExecutionId(ImageRun run) {
        return ExecutionIds.workflowExecutionId(uuid(run));
    }

    static String stepExecutionId(ImageRun run) {
        return ExecutionIds.stepExecutionId(uuid(run));
    }

    /** {@code prefix-} + 17 hex digits, e.g. {@code i-0a1b2c3d4e5f60718}. */
    static String ec2(ImageRun run, String prefix) {
        UUID u = uuid(run);
        String hex = HexFormat.of().toHexDigits(u.getMostSignificantBits()) + HexFormat.of().toHexDigits(u.getLeastSignificantBits());
        return prefix + "-" + hex.substring(0, 17);
    }
}
