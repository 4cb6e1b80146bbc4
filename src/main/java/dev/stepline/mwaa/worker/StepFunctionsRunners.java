package dev.stepline.mwaa.worker;

import dev.stepline.ports.StepFunctionsPort;
import dev.stepline.ports.StepFunctionsPort.ExecutionView;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Amazon provider's Step Functions operators against Stepline's own Step Functions (as the
 * workflow's account and Region):
 * <ul>
 *   <li>{@code StepFunctionStartExecutionOperator} — starts {@code state_machine_arn} ({@code name},
 *       {@code input} as JSON text or a mapping); XCom: the execution ARN. With
 *       {@code wait_for_completion: true} it waits for the end and fails unless it SUCCEEDED.</li>
 *   <li>{@code StepFunctionGetExecutionOutputOperator} — XCom: the execution's output (or its error).</li>
 *   <li>{@code StepFunctionExecutionSensor} — pokes until the execution ends; fails unless SUCCEEDED.</li>
 * </ul>
 */
final class StepFunctionsRunners {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long WAIT_POLL_MS = 500;

    private final Supplier<StepFunctionsPort> port;

    StepFunctionsRunners(Supplier<StepFunctionsPort> port) {
        this.port = port;
    }

    Outcome start(Attempt attempt) throws InterruptedException {
        String arn = attempt.text("state_machine_arn", null);
        if (arn == null) {
            return Outcome.failed("missing keyword argument 'state_machine_arn'");
        }
        JsonNode input = attempt.arg("input");
        String inputText = input == null ? "{}" : input.isString() ? input.asString() : JSON.writeValueAsString(input);
        String executionArn = port.get().startExecution(attempt.account(), attempt.region(), arn,
                attempt.text("name", null), inputText, null);
        attempt.log().info("Started State Machine execution for " + arn + ": " + executionArn);
        if (attempt.flag("wait_for_completion", false)) {
            while (true) {
                ExecutionView view = describe(attempt, executionArn).orElseThrow();
                if (!"RUNNING".equals(view.status())) {
                    if (!"SUCCEEDED".equals(view.status())) {
                        return Outcome.failed("Step Function execution " + executionArn + " ended " + view.status());
                    }
                    break;
                }
                Thread.sleep(WAIT_POLL_MS);
            }
        }
        return Outcome.returned(JSON.writeValueAsString(executionArn));
    }

    Outcome output(Attempt attempt) {
        String executionArn = attempt.text("execution_arn", null);
        Optional<ExecutionView> view = describe(attempt, executionArn);
        if (view.isEmpty()) {
            return Outcome.failed("Execution Does Not Exist: " + executionArn);
        }
        String value = view.get().output() != null ? view.get().output() : view.get().error();
        return Outcome.returned(value == null ? null : jsonOrText(value));
    }

    Outcome sensor(Attempt attempt) {
        String executionArn = attempt.text("execution_arn", null);
        Optional<ExecutionView> view = describe(attempt, executionArn);
        if (view.isEmpty()) {
            return Outcome.failed("Execution Does Not Exist: " + executionArn);
        }
        String status = view.get().status();
        attempt.log().info("Step Function execution " + executionArn + " is " + status);
        return switch (status) {
            case "RUNNING", "PENDING_REDRIVE" -> Outcome.reschedule();
            case "SUCCEEDED" -> Outcome.returned(view.get().output() == null ? null : jsonOrText(view.get().output()));
            default -> Outcome.failed("Step Function sensor failed. State Machine Output: " + view.get().output());
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
