package dev.stepline.sfn.runtime;

import static java.util.Objects.requireNonNull;

import dev.stepline.sfn.asl.Catcher;
import dev.stepline.sfn.asl.ChoiceBranch;
import dev.stepline.sfn.asl.ChoiceRule;
import dev.stepline.sfn.asl.ChoiceState;
import dev.stepline.sfn.asl.FailState;
import dev.stepline.sfn.asl.JsonPathExpression;
import dev.stepline.sfn.asl.MapState;
import dev.stepline.sfn.asl.NumericValue;
import dev.stepline.sfn.asl.ParallelState;
import dev.stepline.sfn.asl.PassState;
import dev.stepline.sfn.asl.Payload;
import dev.stepline.sfn.asl.PayloadTemplate;
import dev.stepline.sfn.asl.QueryLanguage;
import dev.stepline.sfn.asl.ReferencePath;
import dev.stepline.sfn.asl.Retrier;
import dev.stepline.sfn.asl.State;
import dev.stepline.sfn.asl.StringValue;
import dev.stepline.sfn.asl.SucceedState;
import dev.stepline.sfn.asl.TaskState;
import dev.stepline.sfn.asl.WaitState;
import dev.stepline.sfn.runtime.dataflow.DataFlow;
import dev.stepline.sfn.runtime.dataflow.Json;
import dev.stepline.sfn.runtime.dataflow.JsonataEvaluator;
import dev.stepline.sfn.runtime.dataflow.JsonataScope;
import dev.stepline.sfn.runtime.dataflow.Scope;
import dev.stepline.sfn.runtime.dataflow.StateValues;
import dev.stepline.sfn.runtime.dataflow.StatesError;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs ONE state in isolation, as the TestState API does (spec §4.13): the state's data flow with the
 * same functions the {@link Interpreter} uses ({@link DataFlow}, {@link StateValues}, {@link JsonataEvaluator},
 * {@link Interpreter#matches}), recording each intermediate value for {@code inspectionData}. Nothing waits:
 * a Wait state is evaluated and passed through, a Retry that applies reports {@code RETRIABLE} with the
 * backoff it would wait. Task, Parallel and Map results come from a {@link Work} (a mock or a real task call).
 *
 * <p>Stateless; one {@link #run} call per request.
 */
public final class StateProbe {
    /** How the state ended. */
    public enum Status { SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR }

    /** What produces the result of a Task, Parallel or Map state. */
    public sealed interface Work {
        /** A mocked (or already computed) result. */
        record Result(JsonNode value) implements Work {
            public Result {
                requireNonNull(value, "value is null");
            }
        }

        /** A mocked error. */
        record Error(String error, String cause) implements Work {
            public Error {
                requireNonNull(error, "error is null");
            }
        }

        /** A real invocation of the Task with its effective parameters (Parameters/Arguments applied). */
        @FunctionalInterface
        non-sealed interface Call extends Work {
            Work call(TaskState state, JsonNode parameters);
        }
    }

    /**
     * @param state              the state under test
     * @param input              the state input
     * @param context            the context object ({@code $$}, {@code $states.context})
     * @param variables          the variables visible to the state
     * @param work               the result source of a Task, Parallel or Map (null for the other types)
     * @param retrierRetryCount  retries already made by the Retry that applies ({@code stateConfiguration})
     * @param mapFailureCount    failed Map iterations ({@code stateConfiguration.mapIterationFailureCount}), or null
     * @param now                the time the state is entered (Wait deadlines are checked against it)
     */
    public record Request(State state, JsonNode input, ObjectNode context, Map<String, JsonNode> variables, Work work,
                          int retrierRetryCount, Integer mapFailureCount, Instant now) {
        public Request {
            requireNonNull(state, "state is null");
            requireNonNull(now, "now is null");
            requireNonNull(input, "input is null");
            requireNonNull(context, "context is null");
            variables = Map.copyOf(variables);
        }
    }

    /**
     * @param inspection {@code inspectionData} members in AWS's names (JSON values; the API encodes them)
     */
    public record Outcome(Status status, JsonNode output, String error, String cause, String nextState,
                          ObjectNode inspection) {}

    /** The error raised when the Map's failed iterations exceed its tolerance ([aws-snap]). */
    static final String EXCEED_TOLERATED_FAILURE = "States.ExceedToleratedFailureThreshold";
    static final String EXCEED_TOLERATED_FAILURE_CAUSE = "The specified tolerated failure threshold was exceeded";

    private final Request request;
    private final ObjectNode inspection = Json.object();
    private final Map<String, JsonNode> variables;

    private StateProbe(Request request) {
        this.request = request;
        this.variables = new LinkedHashMap<>(request.variables());
    }

    public static Outcome run(Request request) {
        return new StateProbe(request).run();
    }

    private Outcome run() {
        State state = request.state();
        inspection.set("input", request.input());
        try {
            return switch (state) {
                case PassState pass -> pass(pass);
                case SucceedState succeed -> succeed(succeed);
                case FailState fail -> fail(fail);
                case ChoiceState choice -> choice(choice);
                case WaitState wait -> waitState(wait);
                case TaskState task -> task(task);
                case ParallelState parallel -> parallel(parallel);
                case MapState map -> map(map);
            };
        } catch (StatesError e) {
            return failed(e.error(), e.cause());
        }
    }

    // ---------------------------------------------------------------- simple states

    private Outcome pass(PassState state) throws StatesError {
        JsonNode input = request.input();
        if (jsonata(state)) {
            JsonataScope scope = jsonataScope();
            ObjectNode assigned = jsonataAssign(state.assign(), scope, "Assign");
            return succeeded(state, output(state.output(), scope, input), assigned, null);
        }
        JsonNode result;
        if (state.result() != null) {
            // [aws-snap] with Result, AWS shows neither afterInputPath nor afterParameters
            result = state.result();
            inspection.set("result", result);
        } else {
            JsonNode effective = select(state.inputPath(), input, "InputPath");
            inspection.set("afterInputPath", effective);
            if (state.parameters() != null) {
                effective = DataFlow.template(state.parameters(), scope(effective));
            }
            inspection.set("afterParameters", effective);
            result = effective;
        }
        inspection.set("afterResultSelector", result);
        ObjectNode assigned = state.assign() == null ? null : assign(state.assign(), result);
        JsonNode output = place(state.resultPath(), input, result);
        inspection.set("afterResultPath", output);
        return succeeded(state, select(state.outputPath(), output, "OutputPath"), assigned, null);
    }

    private Outcome succeed(SucceedState state) throws StatesError {
        if (jsonata(state)) {
            return succeeded(state, output(state.output(), jsonataScope(), request.input()), null, null);
        }
        JsonNode effective = select(state.inputPath(), request.input(), "InputPath");
        inspection.set("afterInputPath", effective);
        return succeeded(state, select(state.outputPath(), effective, "OutputPath"), null, null);
    }

    private Outcome fail(FailState state) throws StatesError {
        if (!jsonata(state)) {
            inspection.set("afterInputPath", request.input());
        }
        return failed(string(state.error(), "Error"), string(state.cause(), "Cause"));
    }

    private String string(StringValue value, String field) throws StatesError {
        return switch (value) {
            case null -> null;
            case StringValue.Fixed fixed -> fixed.value();
            case StringValue.FromJsonata expression -> JsonataEvaluator.string(expression.expression(), jsonataScope(), field);
            default -> StateValues.string(value, scope(request.input()), field);
        };
    }

    private Outcome choice(ChoiceState state) throws StatesError {
        JsonNode input = request.input();
        if (jsonata(state)) {
            JsonataScope scope = jsonataScope();
            for (int i = 0; i < state.choices().size(); i++) {
                ChoiceBranch branch = state.choices().get(i);
                ChoiceRule.JsonataCondition condition = (ChoiceRule.JsonataCondition) branch.rule();
                String at = "Choices[" + i + "]/";
                boolean matched = condition.literal() != null ? condition.literal()
                        : JsonataEvaluator.condition(condition.expression(), scope, at + "Condition");
                if (matched) {
                    Payload assign = branch.assign() != null ? branch.assign() : state.assign();
                    Payload output = branch.output() != null ? branch.output() : state.output();
                    return succeeded(state, output == null ? input : JsonataEvaluator.template(output, scope, at + "Output"),
                            jsonataAssign(assign, scope, branch.assign() != null ? at + "Assign" : "Assign"), branch.next());
                }
            }
            if (state.defaultState() == null) {
                throw new StatesError(StatesError.NO_CHOICE_MATCHED, "No Choice matched and no Default was specified.");
            }
            return succeeded(state, output(state.output(), scope, input), jsonataAssign(state.assign(), scope, "Assign"),
                    state.defaultState());
        }
        JsonNode effective = select(state.inputPath(), input, "InputPath");
        inspection.set("afterInputPath", effective);
        Interpreter.Chosen chosen = Interpreter.choose(state, scope(effective));
        ObjectNode assigned = chosen.assign() == null ? null : assign(chosen.assign(), effective);
        return succeeded(state, select(state.outputPath(), effective, "OutputPath"), assigned, chosen.next());
    }

    /** The deadline is evaluated (its errors are real) but never waited for (spec §4.13). */
    private Outcome waitState(WaitState state) throws StatesError {
        JsonNode input = request.input();
        Instant now = request.now();
        if (jsonata(state)) {
            JsonataScope scope = jsonataScope();
            if (state.seconds() instanceof NumericValue.FromJsonata expression) {
                JsonataEvaluator.integer(expression.expression(), scope, "Seconds");
            } else if (state.timestamp() instanceof StringValue.FromJsonata expression) {
                JsonataEvaluator.timestamp(expression.expression(), scope, "Timestamp");
            }
            return succeeded(state, output(state.output(), scope, input), jsonataAssign(state.assign(), scope, "Assign"),
                    null);
        }
        JsonNode effective = select(state.inputPath(), input, "InputPath");
        inspection.set("afterInputPath", effective);
        if (!(state.seconds() instanceof NumericValue.Fixed) && !(state.timestamp() instanceof StringValue.Fixed)) {
            StateValues.waitUntil(state, scope(effective), now);
        }
        ObjectNode assigned = state.assign() == null ? null : assign(state.assign(), effective);
        return succeeded(state, select(state.outputPath(), effective, "OutputPath"), assigned, null);
    }

    // ---------------------------------------------------------------- Task, Parallel, Map

    private Outcome task(TaskState state) throws StatesError {
        JsonNode parameters = effectiveInput(state, state.inputPath(), state.parameters(), state.arguments());
        Work work = request.work();
        if (work instanceof Work.Call call) {
            work = call.call(state, parameters);
        }
        return afterWork(state, work, state.resultSelector(), state.assign(), state.resultPath(), state.outputPath(),
                state.output(), state.retry(), state.catchers());
    }

    private Outcome parallel(ParallelState state) throws StatesError {
        effectiveInput(state, state.inputPath(), state.parameters(), state.arguments());
        return afterWork(state, request.work(), state.resultSelector(), state.assign(), state.resultPath(),
                state.outputPath(), state.output(), state.retry(), state.catchers());
    }

    private Outcome map(MapState state) throws StatesError {
        boolean jsonata = jsonata(state);
        JsonNode effective = request.input();
        JsonNode items;
        if (jsonata) {
            items = state.items() == null ? effective
                    : state.items().template() instanceof PayloadTemplate.JsonataValue value
                            ? JsonataEvaluator.array(value.expression(), jsonataScope(), "Items")
                            : JsonataEvaluator.template(state.items(), jsonataScope(), "Items");
        } else {
            effective = select(state.inputPath(), effective, "InputPath");
            inspection.set("afterInputPath", effective);
            items = state.itemsPath() == null ? effective : select(state.itemsPath(), effective, "ItemsPath");
            if (state.itemsPath() != null) {
                inspection.set("afterItemsPath", items);
            }
        }
        long maxConcurrency = seconds(state.maxConcurrency(), effective, "MaxConcurrency");
        inspection.put("maxConcurrency", maxConcurrency);
        Long toleratedCount = state.toleratedFailureCount() == null ? null
                : seconds(state.toleratedFailureCount(), effective, "ToleratedFailureCount");
        BigDecimal toleratedPercentage = state.toleratedFailurePercentage() == null ? null
                : decimal(state.toleratedFailurePercentage(), effective, "ToleratedFailurePercentage");
        if (toleratedCount != null) {
            inspection.put("toleratedFailureCount", toleratedCount);
        }
        if (toleratedPercentage != null) {
            inspection.put("toleratedFailurePercentage", toleratedPercentage.floatValue());
        }
        if (state.itemReader() == null && items.isArray() && state.itemSelector() != null) {
            var selected = Json.NODES.arrayNode(items.size());
            for (int i = 0; i < items.size(); i++) {
                ObjectNode context = request.context().deepCopy();
                ObjectNode item = context.putObject("Map").putObject("Item");
                item.put("Index", i);
                item.set("Value", items.get(i));
                selected.add(jsonata
                        ? JsonataEvaluator.template(state.itemSelector(), jsonataScope().withContext(context), "ItemSelector")
                        : DataFlow.template(state.itemSelector(), new Scope(effective, context, variables)));
            }
            inspection.set("afterItemSelector", selected);
        }
        Work work = request.work();
        Integer failures = request.mapFailureCount();
        if (failures != null && failures > 0 && (toleratedCount != null || toleratedPercentage != null)
                && exceedsTolerance(failures, items.isArray() ? items.size() : 0, toleratedCount, toleratedPercentage)) {
            work = new Work.Error(EXCEED_TOLERATED_FAILURE, EXCEED_TOLERATED_FAILURE_CAUSE);
        }
        return afterWork(state, work, state.resultSelector(), state.assign(), state.resultPath(), state.outputPath(),
                state.output(), state.retry(), state.catchers());
    }

    private static boolean exceedsTolerance(int failures, int iterations, Long count, BigDecimal percentage) {
        boolean overCount = count == null || failures > count;
        boolean overPercentage = percentage == null || iterations == 0
                || BigDecimal.valueOf(failures * 100L).compareTo(percentage.multiply(BigDecimal.valueOf(iterations))) > 0;
        return overCount && overPercentage;
    }

    /** InputPath and Parameters (JSONPath) or Arguments (JSONata): the effective input of the work. */
    private JsonNode effectiveInput(State state, JsonPathExpression inputPath, Payload parameters, Payload arguments)
            throws StatesError {
        if (jsonata(state)) {
            if (arguments == null) {
                return request.input();
            }
            JsonNode after = JsonataEvaluator.template(arguments, jsonataScope(), "Arguments");
            inspection.set("afterArguments", after);
            return after;
        }
        JsonNode effective = select(inputPath, request.input(), "InputPath");
        inspection.set("afterInputPath", effective);
        if (parameters != null) {
            effective = DataFlow.template(parameters, scope(effective));
        }
        inspection.set("afterParameters", effective);
        return effective;
    }

    private Outcome afterWork(State state, Work work, Payload resultSelector, Payload assign, ReferencePath resultPath,
                              JsonPathExpression outputPath, Payload output, List<Retrier> retriers,
                              List<Catcher> catchers) {
        if (work instanceof Work.Error error) {
            return handleError(state, error.error(), error.cause(), retriers, catchers);
        }
        JsonNode result = ((Work.Result) work).value();
        // [aws-snap] a Map's inspection data stops before its result: no result, afterResultSelector, afterResultPath
        boolean showResult = !(state instanceof MapState);
        if (showResult) {
            inspection.set("result", result);
        }
        try {
            if (jsonata(state)) {
                JsonataScope scope = jsonataScope().withResult(result);
                ObjectNode assigned = jsonataAssign(assign, scope, "Assign");
                return succeeded(state, output == null ? result : JsonataEvaluator.template(output, scope, "Output"),
                        assigned, null);
            }
        } catch (StatesError e) {
            return handleError(state, e.error(), e.cause(), retriers, catchers);
        }
        try {
            JsonNode selected = resultSelector == null ? result : DataFlow.template(resultSelector, scope(result));
            if (showResult) {
                inspection.set("afterResultSelector", selected);
            }
            ObjectNode assigned = assign == null ? null : assign(assign, result);
            JsonNode placed = place(resultPath, request.input(), selected);
            if (showResult) {
                inspection.set("afterResultPath", placed);
            }
            return succeeded(state, select(outputPath, placed, "OutputPath"), assigned, null);
        } catch (StatesError e) {
            return failed(e.error(), e.cause()); // post-processing errors are not retried or caught
        }
    }

    /** As {@link Interpreter}: States.Runtime is final; else the first matching Retrier, then the first Catcher. */
    private Outcome handleError(State state, String error, String cause, List<Retrier> retriers, List<Catcher> catchers) {
        if (StatesError.RUNTIME.equals(error)) {
            return failed(error, cause);
        }
        boolean task = state instanceof TaskState;
        for (int i = 0; i < retriers.size(); i++) {
            Retrier retrier = retriers.get(i);
            if (!Interpreter.matches(retrier.errorEquals(), error, task)) {
                continue;
            }
            if (request.retrierRetryCount() < retrier.maxAttempts()) {
                ObjectNode details = inspection.putObject("errorDetails");
                details.put("retryBackoffIntervalSeconds", backoffSeconds(retrier, request.retrierRetryCount()));
                details.put("retryIndex", i);
                return new Outcome(Status.RETRIABLE, null, error, cause, null, inspection());
            }
            break;
        }
        for (int i = 0; i < catchers.size(); i++) {
            Catcher catcher = catchers.get(i);
            if (!Interpreter.matches(catcher.errorEquals(), error, task)) {
                continue;
            }
            ObjectNode errorOutput = Json.object();
            errorOutput.put("Error", error);
            errorOutput.put("Cause", cause == null ? "" : cause);
            try {
                JsonNode output;
                ObjectNode assigned;
                if (jsonata(state)) {
                    JsonataScope scope = jsonataScope().withErrorOutput(errorOutput);
                    String field = "Catch[" + i + "]/";
                    assigned = jsonataAssign(catcher.assign(), scope, field + "Assign");
                    output = catcher.output() == null ? errorOutput
                            : JsonataEvaluator.template(catcher.output(), scope, field + "Output");
                } else {
                    assigned = catcher.assign() == null ? null : assign(catcher.assign(), errorOutput);
                    output = DataFlow.placeResult(catcher.resultPath(), request.input(), errorOutput);
                }
                inspection.putObject("errorDetails").put("catchIndex", i);
                assignVariables(assigned);
                return new Outcome(Status.CAUGHT_ERROR, output, error, cause, catcher.next(), inspection());
            } catch (StatesError e) {
                return failed(e.error(), e.cause());
            }
        }
        return failed(error, cause);
    }

    /** IntervalSeconds × BackoffRate^retries, capped by MaxDelaySeconds; whole seconds, no jitter. */
    static long backoffSeconds(Retrier retrier, int retries) {
        double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate().doubleValue(), retries);
        if (retrier.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        return (long) Math.min(seconds, Integer.MAX_VALUE);
    }

    // ---------------------------------------------------------------- helpers

    private Outcome succeeded(State state, JsonNode output, ObjectNode assigned, String next) {
        assignVariables(assigned);
        return new Outcome(Status.SUCCEEDED, output, null, null, next != null ? next : state.next(), inspection());
    }

    private Outcome failed(String error, String cause) {
        return new Outcome(Status.FAILED, null, error, cause, null, inspection());
    }

    private void assignVariables(ObjectNode assigned) {
        if (assigned != null) {
            for (Map.Entry<String, JsonNode> entry : assigned.properties()) {
                variables.put(entry.getKey(), entry.getValue());
            }
        }
    }

    private ObjectNode inspection() {
        if (!variables.isEmpty()) {
            ObjectNode values = Json.object();
            variables.forEach(values::set);
            inspection.set("variables", values);
        }
        return inspection;
    }

    private static boolean jsonata(State state) {
        return state.queryLanguage() == QueryLanguage.JSONATA;
    }

    private Scope scope(JsonNode input) {
        return new Scope(input, request.context(), request.variables());
    }

    private JsonataScope jsonataScope() {
        return new JsonataScope(request.input(), request.context(), request.variables());
    }

    private JsonNode select(JsonPathExpression path, JsonNode value, String field) throws StatesError {
        if (path != null && path.root() == dev.stepline.sfn.asl.PathRoot.INPUT && path.relativePath().equals("$")) {
            return value;
        }
        return DataFlow.select(path, scope(value), field);
    }

    private static JsonNode place(ReferencePath path, JsonNode rawInput, JsonNode result) throws StatesError {
        return Interpreter.place(path, rawInput, result);
    }

    private ObjectNode assign(Payload assign, JsonNode dollar) throws StatesError {
        JsonNode values = DataFlow.template(assign, scope(dollar));
        return values instanceof ObjectNode object ? object : Json.object();
    }

    private static JsonNode output(Payload output, JsonataScope scope, JsonNode fallback) throws StatesError {
        return Interpreter.output(null, output, scope, fallback);
    }

    private static ObjectNode jsonataAssign(Payload assign, JsonataScope scope, String field) throws StatesError {
        return Interpreter.jsonataAssign(assign, scope, field);
    }

    private long seconds(NumericValue value, JsonNode effective, String field) throws StatesError {
        return switch (value) {
            case null -> 0;
            case NumericValue.Fixed fixed -> fixed.longValue();
            case NumericValue.FromJsonata expression -> JsonataEvaluator.integer(expression.expression(), jsonataScope(), field);
            default -> StateValues.number(value, scope(effective), field);
        };
    }

    private BigDecimal decimal(NumericValue value, JsonNode effective, String field) throws StatesError {
        return switch (value) {
            case NumericValue.FromJsonata expression -> JsonataEvaluator.number(expression.expression(), jsonataScope(), field);
            default -> StateValues.decimal(value, scope(effective), field);
        };
    }
}
