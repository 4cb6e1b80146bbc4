package dev.stepline.imagebuilder.runtime;

import static java.util.Objects.requireNonNull;

import dev.stepline.engine.Signal;
import dev.stepline.engine.TaskRunner;
import dev.stepline.engine.WorkItem;
import dev.stepline.ports.Ports;
import dev.stepline.ports.StepFunctionsPort;
import dev.stepline.protocol.AwsException;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs ExecuteStateMachine's TASK item ({@code sfn:<step id>}): starts a real Step Functions
 * execution as the image's account, named after the step execution id so that a second run of the
 * item after a crash finds the same execution, and asks to be told when it ends
 * ({@code taskSucceeded}/{@code taskFailed} with task {@code sfn:<step id>}). Reports
 * {@code stateMachineStarted} with the execution's ARN, or the error that prevented the start.
 */
public final class StateMachineTasks implements TaskRunner {
    private final Ports ports;

    public StateMachineTasks(Ports ports) {
        this.ports = requireNonNull(ports, "ports is null");
    }

    @Override
    public Signal run(String executionId, WorkItem task) {
        ObjectNode p = task.payload();
        String step = p.path("step").asString();
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("step", step);
        try {
            String arn = ports.stepFunctions().startExecution(p.path("account").asString(), p.path("region").asString(),
                    p.path("stateMachineArn").asString(), step, p.path("input").asString("{}"),
                    new StepFunctionsPort.Waiter(executionId, task.key()));
            data.put("executionArn", arn);
        } catch (AwsException e) {
            data.put("error", "Failed to start the state machine execution: " + e.code() + ": " + e.getMessage());
        }
        return new Signal("stateMachineStarted", data);
    }
}
