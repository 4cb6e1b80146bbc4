package dev.stepline.sfn.api;

import dev.stepline.engine.Signal;
import dev.stepline.engine.TaskRunner;
import dev.stepline.engine.WorkItem;
import dev.stepline.protocol.AwsException;
import dev.stepline.protocol.RequestContext;
import dev.stepline.sfn.api.ExecutionShapes.StartExecutionInput;
import dev.stepline.sfn.api.ExecutionShapes.StartExecutionOutput;
import dev.stepline.sfn.runtime.ExecutionStart;
import dev.stepline.sfn.runtime.dataflow.Json;
import java.time.Clock;
import java.util.UUID;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the side effects of Task states: {@code states:startExecution} in this server, everything
 * else through {@code external} (mock configuration, HTTP, Lambda endpoints). The outcome goes
 * back to the execution as {@code taskSucceeded}, {@code taskFailed} or — for patterns that wait
 * for more — {@code taskSubmitted}.
 */
final class SfnTaskRunner implements TaskRunner {
    /** Resolves a task other than {@code states:startExecution}: returns the outcome signal's type and data. */
    interface External {
        Signal run(String taskKey, ObjectNode payload);
    }

    private static final String START_EXECUTION = "states:startExecution";

    private final Executions executions;
    private final External external;
    private final Clock clock;
    private final MapRunTasks mapRuns;

    SfnTaskRunner(Executions executions, External external, Clock clock, MapRunTasks mapRuns) {
        this.executions = executions;
        this.external = external;
        this.clock = clock;
        this.mapRuns = mapRuns;
    }

    @Override
    public Signal run(String executionId, WorkItem task) {
        ObjectNode payload = task.payload();
        if (MapRunTasks.handles(payload)) {
            return mapRuns.run(payload);
        }
        if (START_EXECUTION.equals(payload.path("integration").asString(null))) {
            return startExecution(task.key(), payload);
        }
        return external.run(task.key(), payload);
    }

    /** {@code arn:aws:states:::states:startExecution[.sync[:2]|.waitForTaskToken]} (spec §6.10). */
    private Signal startExecution(String key, ObjectNode payload) {
        JsonNode parameters = payload.path("parameters");
        String pattern = payload.path("pattern").asString("REQUEST_RESPONSE");
        String stateMachineArn = parameters.path("StateMachineArn").asString(null);
        if (stateMachineArn == null) {
            return failed(key, "States.Runtime", "The field 'StateMachineArn' is required but was missing");
        }
        JsonNode input = parameters.get("Input");
        String inputText = input == null || input.isNull() ? "{}" : input.isString() ? input.asString() : Json.compact(input);
        String name = parameters.path("Name").asString(null);
        String[] arn = payload.path("executionArn").asString().split(":");
        RequestContext context = new RequestContext(UUID.randomUUID().toString(), arn[4], arn[3], clock.instant());
        boolean waits = pattern.equals("SYNC") || pattern.equals("SYNC_2");
        ExecutionStart.ParentTask parent = waits
                ? new ExecutionStart.ParentTask(payload.path("executionArn").asString(), key, pattern)
                : null;
        StartExecutionOutput started;
        try {
            started = executions.start(context, new StartExecutionInput(stateMachineArn, name, inputText, null), parent);
        } catch (AwsException e) {
            // Optimised integrations name errors <Service>.<Exception> (spec §6.10).
            return failed(key, "StepFunctions." + e.code() + "Exception", e.getMessage());
        }
        ObjectNode output = Json.object();
        output.put("ExecutionArn", started.executionArn());
        output.put("StartDate", started.startDate().toEpochMilli());
        ObjectNode data = Json.object().put("task", key).put("output", Json.compact(output));
        boolean submitted = waits || pattern.equals("WAIT_FOR_TASK_TOKEN");
        return new Signal(submitted ? "taskSubmitted" : "taskSucceeded", data);
    }

    static Signal failed(String key, String error, String cause) {
        ObjectNode data = Json.object().put("task", key).put("error", error);
        if (cause != null) {
            data.put("cause", cause);
        }
        return new Signal("taskFailed", data);
    }
}
