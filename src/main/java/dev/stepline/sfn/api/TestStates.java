package dev.stepline.sfn.api;

import dev.stepline.protocol.RequestContext;
import dev.stepline.sfn.api.TestStateShapes.InspectionData;
import dev.stepline.sfn.api.TestStateShapes.InspectionErrorDetails;
import dev.stepline.sfn.api.TestStateShapes.MockInput;
import dev.stepline.sfn.api.TestStateShapes.TestStateConfiguration;
import dev.stepline.sfn.api.TestStateShapes.TestStateInput;
import dev.stepline.sfn.api.TestStateShapes.TestStateOutput;
import dev.stepline.sfn.asl.AslParser;
import dev.stepline.sfn.asl.AslValidationException;
import dev.stepline.sfn.asl.MapState;
import dev.stepline.sfn.asl.ParallelState;
import dev.stepline.sfn.asl.State;
import dev.stepline.sfn.asl.StateMachineDefinition;
import dev.stepline.sfn.asl.StateMachineType;
import dev.stepline.sfn.asl.TaskResource;
import dev.stepline.sfn.asl.TaskState;
import dev.stepline.sfn.runtime.StateProbe;
import dev.stepline.sfn.runtime.dataflow.Json;
import dev.stepline.sfn.tasks.TaskCall;
import dev.stepline.sfn.tasks.TaskInvoker;
import dev.stepline.sfn.tasks.TaskOutcome;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TestState (spec §4.13): runs one state — given alone, or picked by {@code stateName} from a whole state
 * machine — with {@link StateProbe}, the interpreter's data flow. Task states without a mock really call
 * their integration through {@link TaskInvoker} (HTTP Task, Lambda endpoint, mock config); Parallel and
 * Map need a mock. The request is checked in AWS's order with AWS's observed messages ([aws-snap]);
 * wordings marked [unverified] are Stepline's own.
 */
final class TestStates {
    /** [aws-snap] the name AWS gives a state tested on its own ({@code $$.State.Name}). */
    static final String SINGLE_STATE_NAME = "StateName";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> CONTEXT_FIELDS = Set.of("Execution", "State", "StateMachine", "Task");

    private final TaskInvoker tasks;
    private final Clock clock;

    TestStates(TaskInvoker tasks, Clock clock) {
        this.tasks = tasks;
        this.clock = clock;
    }

    TestStateOutput test(RequestContext request, TestStateInput in) {
        MockInput mock = in.mock();
        TestStateConfiguration config = in.stateConfiguration();
        checkMock(in, mock);
        if (in.context() != null && mock == null) {
            // [unverified] wording; the model: "may only be specified if a mock is specified"
            throw SfnErrors.validation("TestState does not support Context when a mock is not specified.");
        }
        if (config != null && config.mapIterationFailureCount() != null && mock == null) {
            throw SfnErrors.validation("TestState does not support MapIterationFailureCount when a mock is not specified.");
        }
        State state = stateUnderTest(in.definition(), in.stateName());
        checkStateType(state, mock, in.roleArn());
        JsonNode input = parseInput(in.input());
        Map<String, JsonNode> variables = parseVariables(in.variables());
        int retries = config == null || config.retrierRetryCount() == null ? 0 : config.retrierRetryCount();
        ObjectNode context = context(request, state, input, in.roleArn(), retries);
        if (in.context() != null) {
            mergeContext(context, in.context());
        }
        StateProbe.Work work = work(request, state, mock, config);
        Integer failures = config == null ? null : config.mapIterationFailureCount();
        if (failures != null && state instanceof MapState && mock != null) {
            checkFailureCount(failures, mock);
        }
        StateProbe.Outcome outcome = StateProbe.run(new StateProbe.Request(state, input, context, variables, work,
                retries, failures, clock.instant()));
        boolean inspect = in.inspectionLevel() != null && !"INFO".equals(in.inspectionLevel());
        return new TestStateOutput(outcome.output() == null ? null : Json.compact(outcome.output()), outcome.error(),
                outcome.cause(), inspect ? inspection(outcome.inspection()) : null, outcome.nextState(),
                outcome.status().name());
    }

    // ---------------------------------------------------------------- request checks

    private static void checkMock(TestStateInput in, MockInput mock) {
        if (mock == null) {
            return;
        }
        if (mock.result() != null && mock.errorOutput() != null) {
            throw SfnErrors.validation("A test mock should have only one of the following fields: [result, errorOutput].");
        }
        if (Boolean.TRUE.equals(in.revealSecrets())) {
            throw SfnErrors.validation("TestState does not support RevealSecrets when a mock is specified.");
        }
        if (mock.result() != null) {
            try {
                Json.parse(mock.result());
            } catch (JacksonException e) {
                throw SfnErrors.validation("Mocked result must be valid JSON");
            }
        }
        if (mock.result() == null && mock.errorOutput() == null) {
            // [unverified] wording
            throw SfnErrors.validation("A test mock should have one of the following fields: [result, errorOutput].");
        }
        if (mock.errorOutput() != null && mock.errorOutput().error() == null) {
            // [unverified] wording; the model documents 'error' as required with an errorOutput
            throw SfnErrors.validation("The field 'error' is required when mock.errorOutput is specified.");
        }
    }

    /**
     * A whole state machine with {@code stateName}; else one state, compiled inside a machine that gives it
     * AWS's name and a terminal placeholder for every state it may transition to.
     */
    private static State stateUnderTest(String definition, String stateName) {
        if (stateName != null) {
            StateMachineDefinition machine = AslParser.parse(definition, StateMachineType.STANDARD);
            State state = machine.allStates().get(stateName);
            if (state == null) {
                throw SfnErrors.validation("State not found in definition");
            }
            return state;
        }
        JsonNode node;
        try {
            node = Json.parse(definition);
        } catch (JacksonException e) {
            node = null;
        }
        if (!(node instanceof ObjectNode single)) {
            // AWS's INVALID_JSON_DESCRIPTION or "Definition must be a valid JSON object", as CreateStateMachine
            throw new AslValidationException(AslParser.analyze(definition, StateMachineType.STANDARD).diagnostics());
        }
        ObjectNode states = Json.object();
        states.set(SINGLE_STATE_NAME, single);
        for (String target : targets(single)) {
            if (!target.equals(SINGLE_STATE_NAME)) {
                states.putObject(target).put("Type", "Succeed");
            }
        }
        ObjectNode machine = Json.object();
        machine.put("StartAt", SINGLE_STATE_NAME);
        machine.set("States", states);
        return AslParser.parse(Json.compact(machine), StateMachineType.STANDARD).states().get(SINGLE_STATE_NAME);
    }

    /** The names a state transitions to: {@code Next}, {@code Default}, {@code Choices[].Next}, {@code Catch[].Next}. */
    private static Set<String> targets(ObjectNode state) {
        Set<String> names = new LinkedHashSet<>();
        addText(names, state.get("Next"));
        addText(names, state.get("Default"));
        for (String list : new String[] {"Choices", "Catch"}) {
            JsonNode entries = state.get(list);
            if (entries != null && entries.isArray()) {
                for (JsonNode entry : entries) {
                    addText(names, entry.get("Next"));
                }
            }
        }
        return names;
    }

    private static void addText(Set<String> names, JsonNode value) {
        if (value != null && value.isString() && !value.asString().isEmpty()) {
            names.add(value.asString());
        }
    }

    private static void checkStateType(State state, MockInput mock, String roleArn) {
        boolean branching = state instanceof MapState || state instanceof ParallelState;
        if (mock != null && !(state instanceof TaskState) && !branching) {
            throw SfnErrors.validation("State type '" + state.type().name() + "' is not supported when a mock is specified");
        }
        if (mock == null && branching) {
            throw SfnErrors.error("InvalidDefinition", "TestState API does not support Map or Parallel states. "
                    + "Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]");
        }
        if (mock == null && state instanceof TaskState task) {
            if (roleArn == null) {
                throw SfnErrors.validation("RoleArn must be specified when testing a Task state");
            }
            TaskResource resource = task.resource();
            if (resource.kind() == TaskResource.Kind.ACTIVITY || resource.pattern() != TaskResource.Pattern.REQUEST_RESPONSE) {
                // [unverified] wording; the model: these "can only be tested with a mock"
                throw SfnErrors.validation("TestState only supports Activity tasks, .sync or .waitForTaskToken "
                        + "integration patterns when a mock is specified.");
            }
        }
        if (mock != null && mock.result() != null) {
            JsonNode result = Json.parse(mock.result());
            if (state instanceof MapState map) {
                if (map.resultWriter() != null ? !result.isObject() : !result.isArray()) {
                    throw SfnErrors.validation(map.resultWriter() != null ? "Mocked result must be a JSON object."
                            : "Mocked result must be an array.");
                }
            } else if (state instanceof ParallelState parallel) {
                if (!result.isArray()) {
                    throw SfnErrors.validation("Mocked result must be an array.");
                }
                if (result.size() != parallel.branches().size()) {
                    throw SfnErrors.validation(
                            "Mocked result must contain the same number of items as number of Parallel branches.");
                }
            }
        }
    }

    private static void checkFailureCount(int failures, MockInput mock) {
        if (mock.result() != null) {
            JsonNode result = Json.parse(mock.result());
            if (result.isArray() && failures > result.size()) {
                throw SfnErrors.validation(
                        "Map iteration failure count must be less than or equal to the number of Map iterations");
            }
        }
    }

    /** As StartExecution: AWS parses with Jackson and echoes its message (spec §1.4). */
    private static JsonNode parseInput(String input) {
        if (input == null) {
            return Json.object();
        }
        if (input.isEmpty()) {
            throw SfnErrors.invalidExecutionInput("Invalid execution input.");
        }
        try {
            return Json.parse(input);
        } catch (JacksonException e) {
            throw SfnErrors.invalidExecutionInput(e.getOriginalMessage());
        }
    }

    private static Map<String, JsonNode> parseVariables(String variables) {
        if (variables == null) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = Json.parse(variables);
        } catch (JacksonException e) {
            node = null;
        }
        if (!(node instanceof ObjectNode object)) {
            // [unverified] wording; the model: "JSON object literal that sets variables"
            throw SfnErrors.validation("Variables must be a valid JSON object.");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        object.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue()));
        return values;
    }

    // ---------------------------------------------------------------- context

    /**
     * [aws-snap] AWS runs the test as an Express execution of a throw-away state machine: random names,
     * {@code express:} execution ARN, no RedriveCount.
     */
    private ObjectNode context(RequestContext request, State state, JsonNode input, String roleArn, int retries) {
        String machineName = UUID.randomUUID().toString();
        String executionName = UUID.randomUUID().toString();
        String now = ISO_MILLIS.format(clock.instant());
        ObjectNode context = Json.object();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", SfnArn.of(request.region(), request.account(), "express", machineName + ":" + executionName));
        execution.set("Input", input);
        execution.put("Name", executionName);
        if (roleArn != null) {
            execution.put("RoleArn", roleArn);
        }
        execution.put("StartTime", now);
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", SfnArn.of(request.region(), request.account(), "stateMachine", machineName));
        machine.put("Name", machineName);
        ObjectNode current = context.putObject("State");
        current.put("Name", state.name());
        current.put("EnteredTime", now);
        current.put("RetryCount", retries);
        return context;
    }

    /** The caller's context object replaces the members it gives ([aws-snap] field rules). */
    private static void mergeContext(ObjectNode context, String given) {
        JsonNode node;
        try {
            node = Json.parse(given);
        } catch (JacksonException e) {
            node = null;
        }
        if (!(node instanceof ObjectNode object)) {
            throw SfnErrors.validation("Invalid Context object provided: the Context object must be a JSON object"); // [unverified]
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String field = entry.getKey();
            if (field.equals("Map")) {
                throw SfnErrors.validation(
                        "Invalid Context object provided: 'Map' field is not supported when mocking a Context object");
            }
            if (!CONTEXT_FIELDS.contains(field)) {
                throw SfnErrors.validation("Invalid Context object provided: Field '" + field + "' is not allowed");
            }
        }
        JsonNode id = object.path("Execution").get("Id");
        if (id != null && !id.isString()) {
            throw SfnErrors.validation("Invalid Context object provided: Execution.Id must be a string");
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (entry.getValue() instanceof ObjectNode section && context.get(entry.getKey()) instanceof ObjectNode current) {
                current.setAll(section);
            } else {
                context.set(entry.getKey(), entry.getValue());
            }
        }
    }

    // ---------------------------------------------------------------- work

    private StateProbe.Work work(RequestContext request, State state, MockInput mock, TestStateConfiguration config) {
        if (mock != null) {
            if (mock.errorOutput() != null) {
                return new StateProbe.Work.Error(mock.errorOutput().error(), mock.errorOutput().cause());
            }
            JsonNode result = Json.parse(mock.result());
            if (state instanceof TaskState task) {
                MockResultSchemas.violation(task.resource(), result, mock.fieldValidationMode()).ifPresent(problem -> {
                    throw SfnErrors.validation(problem);
                });
            }
            return new StateProbe.Work.Result(result);
        }
        if (!(state instanceof TaskState)) {
            return null;
        }
        String machineArn = SfnArn.of(request.region(), request.account(), "stateMachine", "TestState");
        String executionArn = SfnArn.of(request.region(), request.account(), "express",
                "TestState:" + UUID.randomUUID());
        return (StateProbe.Work.Call) (task, parameters) -> {
            TaskResource resource = task.resource();
            TaskCall call = new TaskCall(resource.arn(), resource.kind(), resource.integration(), resource.pattern(),
                    parameters, task.name(), machineArn, executionArn, null, request.region(), request.account(), 0,
                    null);
            return switch (tasks.invoke(call)) {
                case TaskOutcome.Succeeded ok -> new StateProbe.Work.Result(ok.output());
                case TaskOutcome.Failed failed -> new StateProbe.Work.Error(failed.error(), failed.cause());
            };
        };
    }

    // ---------------------------------------------------------------- output

    private static InspectionData inspection(ObjectNode data) {
        JsonNode details = data.get("errorDetails");
        InspectionErrorDetails errorDetails = details == null ? null : new InspectionErrorDetails(
                integer(details.get("catchIndex")), integer(details.get("retryIndex")),
                details.has("retryBackoffIntervalSeconds") ? details.get("retryBackoffIntervalSeconds").longValue() : null);
        return new InspectionData(text(data, "input"), text(data, "afterArguments"), text(data, "afterInputPath"),
                text(data, "afterParameters"), text(data, "result"), text(data, "afterResultSelector"),
                text(data, "afterResultPath"), null, null, text(data, "variables"), errorDetails,
                text(data, "afterItemsPath"), text(data, "afterItemSelector"), null, null,
                data.has("toleratedFailureCount") ? data.get("toleratedFailureCount").longValue() : null,
                data.has("toleratedFailurePercentage") ? data.get("toleratedFailurePercentage").floatValue() : null,
                data.has("maxConcurrency") ? data.get("maxConcurrency").longValue() : null);
    }

    private static String text(ObjectNode data, String field) {
        JsonNode value = data.get(field);
        return value == null ? null : Json.compact(value);
    }

    private static Integer integer(JsonNode value) {
        return value == null ? null : value.intValue();
    }
}
