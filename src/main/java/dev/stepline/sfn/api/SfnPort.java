package dev.stepline.sfn.api;

import dev.stepline.ports.StepFunctionsPort;
import dev.stepline.protocol.RequestContext;
import dev.stepline.sfn.api.ExecutionShapes.StartExecutionInput;
import dev.stepline.sfn.api.ExecutionShapes.StopExecutionInput;
import dev.stepline.sfn.runtime.ExecutionStart;
import dev.stepline.server.Platform;
import java.util.Optional;
import java.util.UUID;

/** Step Functions' door for the other faces: the public operations, called as a given account and region. */
final class SfnPort implements StepFunctionsPort {
    private final Platform platform;
    private final Executions executions;

    SfnPort(Platform platform, Executions executions) {
        this.platform = platform;
        this.executions = executions;
    }

    private RequestContext context(String account, String region) {
        return new RequestContext(UUID.randomUUID().toString(), account, region, platform.clock().instant());
    }

    @Override
    public String startExecution(String account, String region, String stateMachineArn, String name, String input,
                                 Waiter waiter) {
        // A waiter is told as a .sync parent task is: the DescribeExecution document as a JSON string.
        ExecutionStart.ParentTask parent = waiter == null ? null
                : new ExecutionStart.ParentTask(waiter.executionId(), waiter.taskKey(), "SYNC");
        return executions.start(context(account, region), new StartExecutionInput(stateMachineArn, name, input, null),
                parent).executionArn();
    }

    @Override
    public Optional<ExecutionView> describeExecution(String account, String region, String executionArn) {
        SfnArn arn = SfnArn.parse(executionArn, "execution");
        if (!arn.account().equals(account) || !arn.region().equals(region)) {
            return Optional.empty();
        }
        return platform.database().read(tx -> executions.rows().find(tx, executionArn))
                .map(row -> new ExecutionView(row.arn(), row.stateMachineArn(), row.name(), row.status(), row.startDate(),
                        row.stopDate(), row.doc().input(), "SUCCEEDED".equals(row.status()) ? row.doc().output() : null,
                        row.doc().error(), row.doc().cause()));
    }

    @Override
    public void stopExecution(String account, String region, String executionArn, String error, String cause) {
        executions.stop(context(account, region), new StopExecutionInput(executionArn, error, cause));
    }
}
