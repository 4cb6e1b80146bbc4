package dev.stepline.sfn.tasks;

import static java.util.Objects.requireNonNull;

import dev.stepline.sfn.asl.TaskResource;
import dev.stepline.sfn.asl.TaskResource.Kind;
import dev.stepline.sfn.asl.TaskResource.Pattern;
import dev.stepline.sfn.runtime.dataflow.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One invocation of a Task state, as the interpreter hands it to the engine in a task work item.
 *
 * @param resource        the state's {@code Resource} ARN exactly as written
 * @param kind            what the ARN names (see {@link TaskResource})
 * @param integration     for service/SDK integrations the part after {@code arn:aws:states:::} without the
 *                        pattern suffix ({@code lambda:invoke}, {@code aws-sdk:s3:getObject}, {@code http:invoke}),
 *                        else null
 * @param pattern         the integration pattern
 * @param parameters      the effective parameters (Parameters/Arguments after evaluation, or the effective
 *                        input when the state has none)
 * @param stateName       the Task state's name
 * @param stateMachineArn the unqualified state machine ARN
 * @param executionArn    the execution's ARN
 * @param testCase        the Step Functions Local test case from the {@code #TestCase} suffix of the ARN given
 *                        to StartExecution, or null
 * @param region          the execution's region
 * @param account         the execution's account
 * @param attempt         0-based invocation counter of this state in this execution (retries and re-entries
 *                        by loops or Map iterations all count)
 * @param timeoutSeconds  the state's effective TimeoutSeconds, or null when it sets none
 */
public record TaskCall(String resource, Kind kind, String integration, Pattern pattern, JsonNode parameters,
                       String stateName, String stateMachineArn, String executionArn, String testCase,
                       String region, String account, int attempt, Long timeoutSeconds) {

    public TaskCall {
        requireNonNull(resource, "resource is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(pattern, "pattern is null");
        requireNonNull(parameters, "parameters is null");
        requireNonNull(stateName, "stateName is null");
        requireNonNull(stateMachineArn, "stateMachineArn is null");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt is negative: " + attempt);
        }
        if (testCase != null && testCase.isEmpty()) {
            // a bare trailing '#' selects no test case (Step Functions Local runs the real integrations)
            testCase = null;
        }
    }

    /**
     * Reads the work item payload the interpreter writes. {@code kind}, {@code pattern} and
     * {@code integration} may be omitted (or null): they are then derived from {@code resource} with
     * {@link TaskResource#classify}.
     *
     * @throws IllegalArgumentException when a required member is missing or has the wrong type
     */
    public static TaskCall fromPayload(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("task payload must be a JSON object");
        }
        String resource = requiredString(payload, "resource");
        TaskResource classified = TaskResource.classify(resource);
        Kind kind = payload.hasNonNull("kind") ? Kind.valueOf(requiredString(payload, "kind"))
                : classified == null ? Kind.OTHER : classified.kind();
        Pattern pattern = payload.hasNonNull("pattern") ? Pattern.valueOf(requiredString(payload, "pattern"))
                : classified == null ? Pattern.REQUEST_RESPONSE : classified.pattern();
        String integration = optionalString(payload, "integration");
        if (integration == null && classified != null) {
            integration = classified.integration();
        }
        JsonNode parameters = payload.get("parameters");
        if (parameters == null || parameters.isMissingNode()) {
            parameters = Json.object();
        }
        int attempt = 0;
        JsonNode attemptNode = payload.get("attempt");
        if (attemptNode != null && !attemptNode.isNull()) {
            if (!attemptNode.canConvertToInt() || !attemptNode.isIntegralNumber()) {
                throw new IllegalArgumentException("task payload member 'attempt' must be an integer");
            }
            attempt = attemptNode.intValue();
        }
        Long timeout = null;
        JsonNode timeoutNode = payload.get("timeoutSeconds");
        if (timeoutNode != null && !timeoutNode.isNull()) {
            if (!timeoutNode.isIntegralNumber()) {
                throw new IllegalArgumentException("task payload member 'timeoutSeconds' must be an integer");
            }
            timeout = timeoutNode.longValue();
        }
        return new TaskCall(resource, kind, integration, pattern, parameters, requiredString(payload, "stateName"),
                requiredString(payload, "stateMachineArn"), optionalString(payload, "executionArn"),
                optionalString(payload, "testCase"), optionalString(payload, "region"),
                optionalString(payload, "account"), attempt, timeout);
    }

    /** The payload form {@link #fromPayload} reads. */
    public ObjectNode toPayload() {
        ObjectNode node = Json.object();
        node.put("resource", resource);
        node.put("kind", kind.name());
        node.put("integration", integration);
        node.put("pattern", pattern.name());
        node.set("parameters", parameters);
        node.put("stateName", stateName);
        node.put("stateMachineArn", stateMachineArn);
        node.put("executionArn", executionArn);
        node.put("testCase", testCase);
        node.put("region", region);
        node.put("account", account);
        node.put("attempt", attempt);
        if (timeoutSeconds != null) {
            node.put("timeoutSeconds", timeoutSeconds.longValue());
        }
        return node;
    }

    /** A copy with another invocation counter. */
    public TaskCall withAttempt(int newAttempt) {
        return new TaskCall(resource, kind, integration, pattern, parameters, stateName, stateMachineArn, executionArn,
                testCase, region, account, newAttempt, timeoutSeconds);
    }

    /** A copy with another test case (null for none). */
    public TaskCall withTestCase(String newTestCase) {
        return new TaskCall(resource, kind, integration, pattern, parameters, stateName, stateMachineArn, executionArn,
                newTestCase, region, account, attempt, timeoutSeconds);
    }

    /**
     * The state machine's name: the resource part of {@code arn:<p>:states:<r>:<a>:stateMachine:<name>[:<qualifier>]}.
     * This is the key of {@code StateMachines} in a mock config file.
     */
    public String stateMachineName() {
        return stateMachineName(stateMachineArn);
    }

    static String stateMachineName(String arn) {
        String[] parts = arn.split(":", -1);
        if (parts.length >= 7 && parts[5].equals("stateMachine")) {
            return parts[6];
        }
        return arn;
    }

    /**
     * {@code resourceType} of the Task* history events (spec §5.2): {@code lambda} for {@code lambda:invoke},
     * {@code aws-sdk:s3} for {@code aws-sdk:s3:getObject}, {@code http} for {@code http:invoke}; null for
     * resources that are not integrations (function ARNs, activities).
     */
    public String resourceType() {
        if (integration == null) {
            return null;
        }
        int last = integration.lastIndexOf(':');
        return last < 0 ? integration : integration.substring(0, last);
    }

    /**
     * {@code resource} of the Task* history events (spec §5.2): the action with the pattern suffix,
     * e.g. {@code invoke}, {@code sendMessage.waitForTaskToken}, {@code startExecution.sync:2}; for
     * resources that are not integrations, the ARN as written.
     */
    public String resourceName() {
        if (integration == null) {
            return resource;
        }
        String action = integration.substring(integration.lastIndexOf(':') + 1);
        return action + switch (pattern) {
            case REQUEST_RESPONSE -> "";
            case SYNC -> ".sync";
            case SYNC_2 -> ".sync:2";
            case WAIT_FOR_TASK_TOKEN -> ".waitForTaskToken";
        };
    }

    private static String requiredString(JsonNode payload, String name) {
        JsonNode node = payload.get(name);
        if (node == null || !node.isString()) {
            throw new IllegalArgumentException("task payload member '" + name + "' must be a string");
        }
        return node.stringValue();
    }

    private static String optionalString(JsonNode payload, String name) {
        JsonNode node = payload.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new IllegalArgumentException("task payload member '" + name + "' must be a string or null");
        }
        return node.stringValue();
    }
}
