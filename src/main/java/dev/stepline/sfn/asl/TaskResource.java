package dev.stepline.sfn.asl;

import java.util.Objects;

/**
 * A Task state's {@code Resource} ARN, classified (spec §6.10).
 *
 * @param arn         the ARN exactly as written
 * @param kind        what the ARN names
 * @param pattern     how the task waits for its result
 * @param integration for {@link Kind#SERVICE_INTEGRATION}/{@link Kind#SDK_INTEGRATION}: the part after
 *                    {@code arn:aws:states:::} without the pattern suffix (e.g. {@code lambda:invoke},
 *                    {@code aws-sdk:s3:getObject}, {@code http:invoke}); else null
 */
public record TaskResource(String arn, Kind kind, Pattern pattern, String integration) {

    /** What a Task resource names. */
    public enum Kind {
        ACTIVITY,
        LAMBDA_FUNCTION,
        SERVICE_INTEGRATION,
        SDK_INTEGRATION,
        /** Any other ARN; left to the runtime to reject or handle. */
        OTHER
    }

    /** The integration pattern, from the ARN suffix. */
    public enum Pattern {
        REQUEST_RESPONSE,
        /** {@code .sync} */
        SYNC,
        /** {@code .sync:2} */
        SYNC_2,
        /** {@code .waitForTaskToken} */
        WAIT_FOR_TASK_TOKEN
    }

    public TaskResource {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pattern, "pattern");
    }

    /**
     * Classifies an ARN.
     *
     * @return the resource, or null when {@code arn} is not an ARN ({@code arn:<partition>:<service>:...}
     *         with at least six colon-separated parts)
     */
    public static TaskResource classify(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || parts[1].isEmpty() || parts[2].isEmpty()
                || parts[5].isEmpty()) {
            return null;
        }
        String service = parts[2];
        String resource = parts[5];
        if (service.equals("states") && resource.startsWith("activity:")) {
            return new TaskResource(arn, Kind.ACTIVITY, Pattern.REQUEST_RESPONSE, null);
        }
        if (service.equals("lambda") && resource.startsWith("function:")) {
            return new TaskResource(arn, Kind.LAMBDA_FUNCTION, Pattern.REQUEST_RESPONSE, null);
        }
        if (service.equals("states") && parts[3].isEmpty() && parts[4].isEmpty()) {
            Pattern pattern = Pattern.REQUEST_RESPONSE;
            String integration = resource;
            if (integration.endsWith(".sync:2")) {
                pattern = Pattern.SYNC_2;
                integration = integration.substring(0, integration.length() - ".sync:2".length());
            } else if (integration.endsWith(".sync")) {
                pattern = Pattern.SYNC;
                integration = integration.substring(0, integration.length() - ".sync".length());
            } else if (integration.endsWith(".waitForTaskToken")) {
                pattern = Pattern.WAIT_FOR_TASK_TOKEN;
                integration = integration.substring(0, integration.length() - ".waitForTaskToken".length());
            }
            Kind kind = integration.startsWith("aws-sdk:") ? Kind.SDK_INTEGRATION : Kind.SERVICE_INTEGRATION;
            return new TaskResource(arn, kind, pattern, integration);
        }
        return new TaskResource(arn, Kind.OTHER, Pattern.REQUEST_RESPONSE, null);
    }
}
