package dev.stepline.sfn.tasks;

import dev.stepline.sfn.asl.TaskResource.Kind;
import java.time.Duration;
import java.util.Optional;

/**
 * Resolves one Task invocation to its outcome. One entry point, {@link #invoke}, resolving in this order:
 * <ol>
 *   <li><b>Mock config</b> — only when the execution was started with a test case
 *       ({@code <stateMachineArn>#<TestCase>}), as in Step Functions Local: entries of the file never apply to
 *       executions started without one. The test case must exist (else {@code States.Runtime}, Step Functions
 *       Local's "No mock map found for test …"); a state it names gets the mocked response for its invocation
 *       number ({@link TaskCall#attempt()}), a state it does not name falls through to the real integration.
 *       See {@link MockConfig} for the exact semantics.</li>
 *   <li><b>HTTP Task</b> ({@code http:invoke}) — a real request, {@link HttpInvoke}.</li>
 *   <li><b>Lambda</b> (function ARN or {@code lambda:invoke}) — the configured {@link LambdaEndpoint}; without
 *       one, {@code Lambda.ResourceNotFoundException} (what AWS raises for a function that does not exist),
 *       with a cause that says how to configure Stepline.</li>
 *   <li>Anything else fails; nothing unresolvable ever succeeds:
 *       other optimised or SDK integrations fail with {@code <Service>.SdkClientException} (what the AWS SDK
 *       raises when the service cannot be reached, e.g. {@code SQS.SdkClientException}, {@code S3.…}), with a
 *       cause explaining that Stepline needs a mock config entry for them; activities and
 *       {@code states:startExecution} belong to the engine and fail with {@code States.Runtime} if they get here,
 *       as does an ARN that names no invocable resource.</li>
 * </ol>
 * The integration pattern does not change resolution: a {@code .waitForTaskToken} call's initial invocation is
 * resolved the same way (its result becomes the TaskSubmitted output). Note that Step Functions Local
 * generates a token for a <em>mocked</em> {@code .waitForTaskToken} task and completes it with the mocked
 * response rather than waiting for a callback; {@link #isMocked} lets the engine do the same.
 *
 * <p>Thread-safe and stateless between calls (the invocation counter comes with the call); safe to use from
 * many virtual threads at once. An unexpected exception becomes a {@code States.Runtime} failure.
 */
public final class TaskInvoker {

    private final MockConfig mocks;
    private final LambdaEndpoint lambda;
    private final HttpInvoke http;

    /**
     * @param mocks  the mock configuration, or null
     * @param lambda the Lambda endpoint, or null
     * @param http   the HTTP Task runner
     */
    public TaskInvoker(MockConfig mocks, LambdaEndpoint lambda, HttpInvoke http) {
        this.mocks = mocks;
        this.lambda = lambda;
        this.http = java.util.Objects.requireNonNull(http, "http is null");
    }

    /**
     * Builds an invoker from configuration: loads and validates the mock config file (if any) and creates
     * the HTTP clients.
     *
     * @throws MockConfigException when the mock config file is unreadable or malformed
     */
    public static TaskInvoker create(TaskConfig config) throws MockConfigException {
        MockConfig mocks = config.mockConfigFile() == null ? null : MockConfig.load(config.mockConfigFile());
        Duration timeout = config.httpTimeout();
        LambdaEndpoint lambda = config.lambdaEndpoint() == null ? null
                : LambdaEndpoint.create(config.lambdaEndpoint(), timeout);
        return new TaskInvoker(mocks, lambda, HttpInvoke.create(timeout));
    }

    public Optional<MockConfig> mockConfig() {
        return Optional.ofNullable(mocks);
    }

    /**
     * For StartExecution with a {@code #TestCase} suffix: the reason the test case cannot be used, or empty
     * when it can (or {@code testCase} is null/empty). Step Functions Local rejects such a start with
     * "No mock map found for test &lt;TestCase&gt;".
     *
     * @param stateMachineArn the unqualified state machine ARN (or its name)
     */
    public Optional<String> testCaseProblem(String stateMachineArn, String testCase) {
        if (testCase == null || testCase.isEmpty()) {
            return Optional.empty();
        }
        String name = TaskCall.stateMachineName(stateMachineArn);
        if (mocks == null) {
            return Optional.of("No mock map found for test " + testCase
                    + ": Stepline has no mock config file configured (TaskConfig mockConfigFile)");
        }
        if (!mocks.hasTestCase(name, testCase)) {
            return Optional.of("No mock map found for test " + testCase + ": mock config file " + mocks.source()
                    + " defines no test case '" + testCase + "' for state machine '" + name + "' (it has: "
                    + mocks.testCases(name) + ")");
        }
        return Optional.empty();
    }

    /** Whether the call is answered by the mock config (its test case names its state). */
    public boolean isMocked(TaskCall call) {
        return mocks != null && call.testCase() != null
                && mocks.mockFor(call.stateMachineName(), call.testCase(), call.stateName()).isPresent();
    }

    /** Resolves and performs one Task invocation. Never throws for task-level problems. */
    public TaskOutcome invoke(TaskCall call) {
        try {
            Optional<TaskOutcome> mocked = resolveMock(call);
            if (mocked.isPresent()) {
                return mocked.get();
            }
            String integration = call.integration();
            if (call.kind() == Kind.ACTIVITY) {
                return TaskOutcome.failed("States.Runtime", "Activity task '" + call.resource()
                        + "' is dispatched by the engine to activity workers, not invoked by TaskInvoker");
            }
            if ("http:invoke".equals(integration)) {
                return http.invoke(call);
            }
            if (call.kind() == Kind.LAMBDA_FUNCTION || "lambda:invoke".equals(integration)) {
                return lambda == null ? LambdaEndpoint.notConfigured(call) : lambda.invoke(call);
            }
            if ("states:startExecution".equals(integration)) {
                return TaskOutcome.failed("States.Runtime", "states:startExecution is run by the engine, not by "
                        + "TaskInvoker (resource " + call.resource() + ")");
            }
            if (call.kind() == Kind.SERVICE_INTEGRATION || call.kind() == Kind.SDK_INTEGRATION) {
                return unsupported(call);
            }
            return TaskOutcome.failed("States.Runtime", "The resource '" + call.resource()
                    + "' is not a Lambda function, activity, or Step Functions service integration that Stepline can"
                    + " invoke");
        } catch (RuntimeException e) {
            return TaskOutcome.failed("States.Runtime", "Stepline failed to run the task for state '"
                    + call.stateName() + "': " + e);
        }
    }

    private Optional<TaskOutcome> resolveMock(TaskCall call) {
        if (call.testCase() == null) {
            return Optional.empty();
        }
        Optional<String> problem = testCaseProblem(call.stateMachineArn(), call.testCase());
        if (problem.isPresent()) {
            return Optional.of(TaskOutcome.failed("States.Runtime", problem.get()));
        }
        return mocks.resolve(call.stateMachineName(), call.testCase(), call.stateName(), call.attempt());
    }

    private static TaskOutcome unsupported(TaskCall call) {
        String service = ServiceNames.prefix(call.integration());
        return TaskOutcome.failed(service + ".SdkClientException",
                "Unable to execute HTTP request: Stepline does not emulate the '" + call.integration()
                        + "' integration (resource " + call.resource() + "). To run state '" + call.stateName()
                        + "', mock it: in the mock config file map StateMachines." + call.stateMachineName()
                        + ".TestCases.<TestCase>." + call.stateName()
                        + " to a MockedResponses entry, and start the execution with '" + call.stateMachineArn()
                        + "#<TestCase>'");
    }
}
