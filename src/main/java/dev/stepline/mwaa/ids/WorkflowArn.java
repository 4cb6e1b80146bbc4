package dev.stepline.mwaa.ids;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Matcher;

/**
 * A workflow ARN, {@code arn:<partition>:airflow-serverless:<region>:<account>:workflow/<name>-<suffix>}
 * (spec §1.5). {@code <name>-<suffix>} is the <em>workflow id</em> used in log groups and streams.
 *
 * @param partition {@code aws}, {@code aws-cn}, {@code aws-us-gov}, {@code aws-iso}, ...
 * @param region e.g. {@code us-east-1}
 * @param accountId 12 digits
 * @param name the bare workflow name given to CreateWorkflow
 * @param suffix the 10 random characters the service appended at creation
 */
public record WorkflowArn(String partition, String region, String accountId, String name, String suffix) {
    /** Length of the random suffix. */
    public static final int SUFFIX_LENGTH = 10;

    public WorkflowArn {
        requireNonNull(partition, "partition is null");
        requireNonNull(region, "region is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(name, "name is null");
        requireNonNull(suffix, "suffix is null");
        String arn = format(partition, region, accountId, name, suffix);
        if (!MwaaPatterns.matches(MwaaPatterns.WORKFLOW_ARN, arn) || arn.length() > MwaaPatterns.WORKFLOW_ARN_MAX
                || !MwaaPatterns.matches(MwaaPatterns.NAME, name)) {
            throw new IllegalArgumentException("not a valid workflow ARN: " + arn);
        }
    }

    /**
     * Parses an ARN that satisfies the model's {@code WorkflowArn} pattern.
     *
     * @return empty when it does not (the caller reports a ValidationException)
     */
    public static Optional<WorkflowArn> parse(String arn) {
        if (arn == null || arn.length() > MwaaPatterns.WORKFLOW_ARN_MAX) {
            return Optional.empty();
        }
        Matcher m = MwaaPatterns.WORKFLOW_ARN.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        String partition = arn.substring("arn:".length(), arn.indexOf(":airflow-serverless:"));
        String id = m.group(3);
        String name = id.substring(0, id.length() - SUFFIX_LENGTH - 1);
        if (!MwaaPatterns.matches(MwaaPatterns.NAME, name)) {
            return Optional.empty();
        }
        return Optional.of(new WorkflowArn(partition, m.group(1), m.group(2), name,
                id.substring(id.length() - SUFFIX_LENGTH)));
    }

    /** {@code <name>-<suffix>}: the workflow id of log groups and log streams. */
    public String workflowId() {
        return name + "-" + suffix;
    }

    /** The default CloudWatch log group, {@code /aws/mwaa-serverless/<name>-<suffix>/}. */
    public String defaultLogGroup() {
        return "/aws/mwaa-serverless/" + workflowId() + "/";
    }

    @Override
    public String toString() {
        return format(partition, region, accountId, name, suffix);
    }

    private static String format(String partition, String region, String accountId, String name, String suffix) {
        return "arn:" + partition + ":airflow-serverless:" + region + ":" + accountId + ":workflow/" + name + "-"
                + suffix;
    }
}
