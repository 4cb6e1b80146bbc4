package dev.stepline.mwaa.worker;

import dev.stepline.ports.StepFunctionsPort;
import dev.stepline.ports.StepFunctionsPort.ExecutionView;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Amazon provider's Step Functions operators (provider 9.x arguments) against Stepline's own
 * Step Functions, as the workflow's account and Region:
 * <ul>
 *   <li>{@code StepFunctionStartExecutionOperator} — starts {@code state_machine_arn} ({@code name},
 *       {@code state_machine_input} as JSON text or a mapping; {@code input} is accepted too); XCom: the
 *       execution ARN. With {@code wait_for_completion: true} (a Stepline extension: the service ignores
 *       {@code deferrable}, so the provider's own way to wait is unavailable) the attempt is deferred — no
 *       worker thread waits: the execution's end reaches the run as a {@link StepFunctionsPort.Waiter}
 *       signal, and the attempt fails unless it SUCCEEDED.</li>
 *   <li>{@code StepFunctionGetExecutionOutputOperator} — XCom: the execution's output (or its error).</li>
 *   <li>{@code StepFunctionExecutionSensor} — pokes (on the engine clock) until the execution ends;
 *       fails unless SUCCEEDED; pushes the output as XCom {@code output}.</li>
 * </ul>
 */
final class StepFunctionsRunners {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<StepFunctionsPort> port;

    StepFunctionsRunners(Supplier<StepFunctionsPort> port) {
        this.port = port;
    }

    Outcome start(Attempt attempt) {
        String arn = attempt.text("state_machine_arn", null);
        if (arn == null) {
            return Outcome.failed("missing keyword argument 'state_machine_arn'");
        }
        JsonNode input = attempt.arg("state_machine_input");
        input = input == null ? attempt.arg("input") : input;
        String inputText = input == null ? "{}" : input.isString() ? input.asString() : JSON.writeValueAsString(input);
        boolean wait = attempt.flag("wait_for_completion", false);
        StepFunctionsPort.Waiter waiter = wait ? new StepFunctionsPort.Waiter(attempt.executionId(), attempt.id()) : null;
        String executionArn = port.get().startExecution(attempt.account(), attempt.region(), arn,
                attempt.text("name", null), inputText, waiter);
        attempt.log().info("Started State Machine execution for " + arn + ": " + executionArn);
        String xcom = JSON.writeValueAsString(executionArn);
        if (wait) {
            attempt.log().info("Pausing task as DEFERRED until the execution ends");
            return Outcome.deferred(Map.of("return_value", xcom));
        }
        return Outcome.returned(xcom);
    }

    Outcome output(Attempt attempt) {
        String executionArn = attempt.text("execution_arn", null);
        Optional<ExecutionView> view = describe(attempt, executionArn);
        if (view.isEmpty()) {
            return Outcome.failed("ExecutionDoesNotExist: Execution Does Not Exist: '" + executionArn + "'");
        }
        String value = view.get().output() != null ? view.get().output() : view.get().error();
        attempt.log().info("Got State Machine Execution output for " + executionArn);
        return Outcome.returned(value == null ? null : jsonOrText(value));
    }

    Outcome sensor(Attempt attempt) {
        String executionArn = attempt.text("execution_arn", null);
        Optional<ExecutionView> view = describe(attempt, executionArn);
        if (view.isEmpty()) {
            return Outcome.failed("ExecutionDoesNotExist: Execution Does Not Exist: '" + executionArn + "'");
        }
        String status = view.get().status();
        attempt.log().info("Step Function execution " + executionArn + " is " + status);
        String output = view.get().output();
        return switch (status) {
            case "RUNNING", "PENDING_REDRIVE" -> Outcome.reschedule();
            case "SUCCEEDED" -> Outcome.success(output == null ? Map.of() : Map.of("output", jsonOrText(output)));
            default -> Outcome.failed("Step Function sensor failed. State Machine Output: " + (output == null ? "None"
                    : output));
        };
    }

    private Optional<ExecutionView> describe(Attempt attempt, String executionArn) {
        return executionArn == null ? Optional.empty()
                : port.get().describeExecution(attempt.account(), attempt.region(), executionArn);
    }

    /** XCom of a JSON document: the document itself (a text that is not JSON is kept as a string). */
    private static String jsonOrText(String value) {
        try {
            return JSON.writeValueAsString(JSON.readTree(value));
        } catch (RuntimeException e) {
            return JSON.writeValueAsString(value);
        }
    }
}
