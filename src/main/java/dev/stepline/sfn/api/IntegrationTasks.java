package dev.stepline.sfn.api;

import dev.stepline.engine.Signal;
import dev.stepline.sfn.tasks.TaskCall;
import dev.stepline.sfn.tasks.TaskInvoker;
import dev.stepline.sfn.tasks.TaskOutcome;
import dev.stepline.sfn.runtime.dataflow.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * Task states resolved by {@link TaskInvoker}: mock configuration, {@code http:invoke}, Lambda
 * endpoints. For {@code .waitForTaskToken} the call's result is the TaskSubmitted output and the
 * task then waits for its callback — except when mocked, where Step Functions Local completes
 * the task with the mocked response.
 */
final class IntegrationTasks implements SfnTaskRunner.External {
    private final TaskInvoker invoker;

    IntegrationTasks(TaskInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    public Signal run(String taskKey, ObjectNode payload) {
        TaskCall call = TaskCall.fromPayload(payload);
        return switch (invoker.invoke(call)) {
            case TaskOutcome.Succeeded ok -> {
                boolean callback = call.pattern() == dev.stepline.sfn.asl.TaskResource.Pattern.WAIT_FOR_TASK_TOKEN
                        && !invoker.isMocked(call);
                ObjectNode data = Json.object().put("task", taskKey).put("output", Json.compact(ok.output()));
                yield new Signal(callback ? "taskSubmitted" : "taskSucceeded", data);
            }
            case TaskOutcome.Failed failed -> SfnTaskRunner.failed(taskKey, failed.error(), failed.cause());
        };
    }
}
