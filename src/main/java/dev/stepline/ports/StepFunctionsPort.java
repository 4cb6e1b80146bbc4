package dev.stepline.ports;

import dev.stepline.engine.Signal;
import dev.stepline.engine.WorkItem;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the other faces may ask of Step Functions (Image Builder's {@code ExecuteStateMachine} step,
 * MWAA Serverless's Step Functions operators). Calls run as the given account and region, with the
 * same checks and errors as the public API ({@link dev.stepline.protocol.AwsException}).
 */
public interface StepFunctionsPort {

    /**
     * An engine execution of another dialect waiting for a Step Functions execution: when the
     * execution ends, Step Functions delivers to {@code executionId} a signal
     * {@code taskSucceeded {task: taskKey, output: <DescribeExecution JSON string>}} or
     * {@code taskFailed {task: taskKey, error, cause}} (for a failed, timed-out or aborted run,
     * {@code error} is {@code States.TaskFailed} and {@code cause} the DescribeExecution JSON string).
     */
    record Waiter(String executionId, String taskKey) {
    }

    /** A Standard execution as DescribeExecution shows it ({@code output} only when SUCCEEDED). */
    record ExecutionView(String executionArn, String stateMachineArn, String name, String status, Instant startDate,
                         Instant stopDate, String input, String output, String error, String cause) {
    }

    /**
     * Starts an execution of {@code stateMachineArn} (name generated when null, input {@code "{}"}
     * when null) and returns its ARN; {@code waiter} (nullable) is told when it ends.
     */
    String startExecution(String account, String region, String stateMachineArn, String name, String input,
                          Waiter waiter);

    /** The execution, if it exists in that account and region. */
    Optional<ExecutionView> describeExecution(String account, String region, String executionArn);

    /** Aborts a running execution as StopExecution does (a closed one is left as it is). */
    void stopExecution(String account, String region, String executionArn, String error, String cause);

    /**
     * For a dialect that must abort an execution it started from inside its own transition (no I/O
     * allowed there): deliver this item to the execution's ARN with {@code Transition.deliver}.
     *
     * @param requester the id of the execution asking (keys the item, so a repeat replaces it)
     */
    static WorkItem stopItem(String requester, String cause) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        if (cause != null) {
            data.put("cause", cause);
        }
        return WorkItem.signal("parentAborted:" + requester, 0, new Signal("stop", data));
    }
}
