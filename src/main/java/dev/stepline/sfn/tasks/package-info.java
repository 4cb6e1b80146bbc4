/**
 * Task state invocations: what happens when the engine runs a Task work item.
 *
 * <p>{@link dev.stepline.sfn.tasks.TaskInvoker#invoke} takes a {@link dev.stepline.sfn.tasks.TaskCall} (parsed
 * from the work item payload with {@link dev.stepline.sfn.tasks.TaskCall#fromPayload}) and returns a
 * {@link dev.stepline.sfn.tasks.TaskOutcome}: a Step Functions Local mock
 * ({@link dev.stepline.sfn.tasks.MockConfig}), a real HTTP Task ({@link dev.stepline.sfn.tasks.HttpInvoke}),
 * a Lambda invocation on a configured endpoint ({@link dev.stepline.sfn.tasks.LambdaEndpoint}), or a failure
 * named the way AWS names it. Configuration: {@link dev.stepline.sfn.tasks.TaskConfig}.
 *
 * <p>Activities, {@code .waitForTaskToken} callbacks and {@code states:startExecution} belong to the engine.
 */
package dev.stepline.sfn.tasks;
