package dev.stepline.sfn.runtime;

import dev.stepline.engine.Signal;
import dev.stepline.engine.Transition;
import dev.stepline.engine.WorkItem;
import dev.stepline.sfn.asl.ItemBatcher;
import dev.stepline.sfn.asl.ItemReader;
import dev.stepline.sfn.asl.MapState;
import dev.stepline.sfn.asl.NumericValue;
import dev.stepline.sfn.asl.Payload;
import dev.stepline.sfn.runtime.dataflow.DataFlow;
import dev.stepline.sfn.runtime.dataflow.Json;
import dev.stepline.sfn.runtime.dataflow.JsonataEvaluator;
import dev.stepline.sfn.runtime.dataflow.JsonataScope;
import dev.stepline.sfn.runtime.dataflow.StateValues;
import dev.stepline.sfn.runtime.dataflow.StatesError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Distributed Map part of one {@link Interpreter} transition (spec §6.14): a Map Run whose
 * items run as child executions of the labelled state machine ({@link MapRunWork}). Created per
 * transition with its interpreter; remembers which Map Runs changed (their summaries go with the
 * execution's) and which may start more children once the signals are applied.
 */
final class DistributedMaps {
    /** The ItemReader task's outcome: {task, items} or {task, error, cause}. */
    static final String MAP_READ = "mapRead";
    /** A Map Run child closed: {task (the run's key), index, status, error?, cause?}. */
    static final String MAP_CHILD_ENDED = "mapChildEnded";
    /**
     * A redrive task is done: {task, succeeded: [index]} — children it did not redrive because they had
     * succeeded after all (they ended before the stop of the run's previous attempt reached them).
     */
    static final String MAP_REDRIVEN = "mapRedriven";
    /** The results of a Map Run: {task, output} or {task, error, cause}. */
    static final String MAP_COLLECTED = "mapCollected";
    /** UpdateMapRun: {mapRunArn, maxConcurrency?, toleratedFailureCount?, toleratedFailurePercentage?}. */
    static final String UPDATE_MAP_RUN = "updateMapRun";
    static final String EXCEED_TOLERATED = "States.ExceedToleratedFailureThreshold";
    /** [unverified] AWS's cause text for an exceeded threshold. */
    static final String EXCEED_TOLERATED_CAUSE = "The specified tolerated failure threshold was exceeded";

    private final Interpreter in;
    private final AslExecution ex;
    private final Transition tx;
    /** Map Runs changed in this transition, by ARN (their summaries are written with the execution's). */
    private final Map<String, MapRunWork> changedRuns = new LinkedHashMap<>();
    /** Map Runs whose freed capacity should start more children once the signals are applied. */
    private final Set<Flow> refill = new LinkedHashSet<>();
    /** The children of the Map Runs redriven in this transition, by run ARN (shown as PENDING_REDRIVE). */
    private final Map<String, List<String>> redriven = new LinkedHashMap<>();

    DistributedMaps(Interpreter in, AslExecution ex, Transition tx) {
        this.in = in;
        this.ex = ex;
        this.tx = tx;
    }

    /** The summaries of the Map Runs changed so far in this transition. */
    List<MapRunSummary> changedSummaries() {
        List<MapRunSummary> runs = new ArrayList<>(changedRuns.size());
        changedRuns.values().forEach(run -> runs.add(run.summary(ex.executionArn,
                redriven.getOrDefault(run.mapRunArn, List.of()))));
        return runs;
    }

    /**
     * A Distributed Map (spec §6.14): a Map Run whose items run as child executions of the labelled
     * state machine. With an ItemReader, the items are read first by the {@code <key>:read} task.
     */
    void attemptDistributed(Flow flow, MapState state) throws StatesError {
        boolean jsonata = Interpreter.jsonata(state);
        JsonNode effective = jsonata ? flow.input : in.select(flow, state.inputPath(), flow.input, "InputPath");
        MapRunWork run = new MapRunWork();
        run.key = ex.nextKey("m");
        run.effective = effective;
        long concurrency = in.seconds(flow, state.maxConcurrency(), effective, "MaxConcurrency");
        if (concurrency < 0) {
            throw StatesError.runtime("MaxConcurrency cannot be negative.");
        }
        run.maxConcurrency = (int) Math.min(concurrency, Integer.MAX_VALUE);
        if (state.toleratedFailureCount() != null) {
            long count = in.seconds(flow, state.toleratedFailureCount(), effective, "ToleratedFailureCount");
            if (count < 0) {
                throw StatesError.runtime("ToleratedFailureCount cannot be negative.");
            }
            run.toleratedCount = count;
        }
        if (state.toleratedFailurePercentage() != null) {
            NumericValue value = state.toleratedFailurePercentage();
            double percentage = (value instanceof NumericValue.FromJsonata expression
                    ? JsonataEvaluator.number(expression.expression(), in.jsonataScope(flow), "ToleratedFailurePercentage")
                    : StateValues.decimal(value, in.scope(flow, effective, null), "ToleratedFailurePercentage"))
                    .doubleValue();
            if (percentage < 0 || percentage > 100) {
                // [unverified] wording
                throw StatesError.runtime("ToleratedFailurePercentage must be between 0 and 100.");
            }
            run.toleratedPercentage = percentage;
        }
        String[] arn = ex.executionArn.split(":", 7);
        String label = state.label() != null ? state.label() : uuid(ex.executionArn + "#" + state.name());
        String machine = ex.stateMachineName + "/" + label;
        String base = "arn:" + arn[1] + ":states:" + arn[3] + ":" + arn[4] + ":";
        run.childMachineArn = base + "stateMachine:" + machine;
        run.mapRunArn = base + "mapRun:" + machine + ":" + uuid(ex.executionArn + "#" + run.key);
        if (state.resultWriter() != null && state.resultWriter().resource() != null) {
            JsonNode parameters = arguments(flow, state.resultWriter().parameters(), effective, jsonata);
            run.writer = parameters instanceof ObjectNode object ? object : Json.object();
        }
        flow.work = run;
        flow.phase = Flow.WAIT;
        ItemReader reader = state.itemReader();
        if (reader != null) {
            run.phase = MapRunWork.READING;
            ObjectNode payload = Json.object();
            payload.put("mapRun", "read");
            payload.put("task", run.key);
            payload.put("resource", reader.resource());
            payload.set("parameters", arguments(flow, reader.parameters(), effective, jsonata));
            if (reader.readerConfig() != null) {
                payload.set("readerConfig", reader.readerConfig());
            }
            if (reader.maxItems() != null) {
                long max = in.seconds(flow, reader.maxItems(), effective, "MaxItems");
                if (max <= 0) {
                    throw new StatesError("States.ItemReaderFailed", "field MaxItems must be positive", null);
                }
                payload.put("maxItems", max);
            }
            payload.put("region", ex.region);
            payload.put("account", in.account());
            tx.schedule(new WorkItem(run.key + ":read", WorkItem.Kind.TASK, 0, null, payload));
            return;
        }
        JsonNode items = jsonata ? in.jsonataItems(flow, state)
                : state.itemsPath() == null ? effective : in.select(flow, state.itemsPath(), effective, "ItemsPath");
        if (!items.isArray()) {
            flow.work = null;
            String cause = "Map state input must be an array but was: " + Json.compact(items);
            throw jsonata ? new StatesError(StatesError.QUERY_EVALUATION_ERROR, cause, "Items")
                    : StatesError.runtime(cause);
        }
        beginRun(flow, state, run, (ArrayNode) items);
    }

    /**
     * The parent was redriven and its Distributed Map state entered again with the Map Run that did not
     * succeed: the same run is redriven (spec §4.7, §4.9). {@code MapStateStarted} and {@code MapRunRedriven}
     * are recorded, the run's unsuccessful children are redriven in place (PENDING_REDRIVE until their turn
     * under MaxConcurrency), children never started are started, and the run ends as usual.
     * [unverified] whether AWS records MapStateStarted again before MapRunRedriven.
     */
    void redriveRun(Flow flow, MapRunWork run) {
        ObjectNode details = Json.object();
        details.put("length", run.totalItems);
        long started = in.append("MapStateStarted", flow.prev, details);
        flow.prev = started;
        List<Integer> again = run.redrive(ex.redriveMs);
        ObjectNode redrive = Json.object();
        redrive.put("mapRunArn", run.mapRunArn);
        redrive.put("redriveCount", run.redriveCount);
        run.threadPrev = in.append("MapRunRedriven", started, redrive);
        flow.work = run;
        flow.phase = Flow.WAIT;
        redriven.put(run.mapRunArn, again.stream().map(run::childArn).toList());
        changedRuns.put(run.mapRunArn, run);
        fill(flow, run);
    }

    /** Parameters (JSONPath, over the effective input) or Arguments (JSONata) of an ItemReader/ResultWriter. */
    private JsonNode arguments(Flow flow, Payload payload, JsonNode effective, boolean jsonata) throws StatesError {
        if (payload == null) {
            return Json.object();
        }
        return jsonata ? JsonataEvaluator.template(payload, in.jsonataScope(flow), "Arguments")
                : DataFlow.template(payload, in.scope(flow, effective, null));
    }

    private static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The items are known: build the children's inputs, record the start of the Map Run and start children. */
    private void beginRun(Flow flow, MapState state, MapRunWork run, ArrayNode items) throws StatesError {
        boolean jsonata = Interpreter.jsonata(state);
        ArrayNode selected = items;
        if (state.itemSelector() != null) {
            selected = Json.NODES.arrayNode(items.size());
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                selected.add(jsonata
                        ? JsonataEvaluator.template(state.itemSelector(), new JsonataScope(run.effective,
                                in.context(flow, null, i, item), in.variables(flow)), "ItemSelector")
                        : DataFlow.template(state.itemSelector(), in.mapItemScope(flow, run.effective, i, item)));
            }
        }
        run.totalItems = items.size();
        if (state.itemBatcher() != null) {
            batch(flow, state.itemBatcher(), run, selected, jsonata);
        } else {
            run.inputs = selected;
        }
        run.totalChildren = run.inputs.size();
        run.effective = null;
        ObjectNode details = Json.object();
        details.put("length", items.size());
        long started = in.append("MapStateStarted", flow.prev, details);
        flow.prev = started;
        ObjectNode runDetails = Json.object();
        runDetails.put("mapRunArn", run.mapRunArn);
        run.threadPrev = in.append("MapRunStarted", started, runDetails);
        run.startMs = tx.now().toEpochMilli();
        run.phase = MapRunWork.RUNNING;
        changedRuns.put(run.mapRunArn, run);
        fill(flow, run);
    }

    /** ItemBatcher: consecutive items grouped up to MaxItemsPerBatch and MaxInputBytesPerBatch. */
    private void batch(Flow flow, ItemBatcher batcher, MapRunWork run, ArrayNode items, boolean jsonata)
            throws StatesError {
        long maxItems = batcher.maxItemsPerBatch() == null ? Long.MAX_VALUE
                : in.seconds(flow, batcher.maxItemsPerBatch(), run.effective, "MaxItemsPerBatch");
        long maxBytes = batcher.maxInputBytesPerBatch() == null ? Interpreter.MAX_PAYLOAD
                : in.seconds(flow, batcher.maxInputBytesPerBatch(), run.effective, "MaxInputBytesPerBatch");
        if (maxItems <= 0 || maxBytes <= 0) {
            throw StatesError.runtime("The ItemBatcher limits must be positive."); // [unverified] wording
        }
        JsonNode batchInput = batcher.batchInput() == null ? null
                : arguments(flow, batcher.batchInput(), run.effective, jsonata);
        ArrayNode inputs = Json.NODES.arrayNode();
        List<Integer> sizes = new ArrayList<>();
        ArrayNode current = null;
        long bytes = 0;
        for (JsonNode item : items) {
            int size = Json.utf8Length(Json.compact(item)) + 1;
            if (current != null && (current.size() >= maxItems || bytes + size > maxBytes)) {
                sizes.add(current.size());
                current = null;
            }
            if (current == null) {
                ObjectNode input = inputs.addObject();
                current = input.putArray("Items");
                if (batchInput != null) {
                    input.set("BatchInput", batchInput);
                }
                bytes = 0;
            }
            current.add(item);
            bytes += size;
        }
        if (current != null) {
            sizes.add(current.size());
        }
        run.inputs = inputs;
        run.batchSizes = sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@link #fill} for every run whose children ended or whose limits changed in this transition. */
    boolean refill() {
        boolean any = false;
        for (Flow flow : refill) {
            if (flow.work instanceof MapRunWork run && run.phase == MapRunWork.RUNNING && "RUNNING".equals(run.status)
                    && !ex.closed()) { // (a failed run stays with its Map state, for a redrive)
                fill(flow, run);
                any = true;
            }
        }
        refill.clear();
        return any;
    }

    /** Starts children while the run has capacity; when every child has ended, collects the results. */
    private void fill(Flow flow, MapRunWork run) {
        if (!run.allEnded()) {
            startChildren(flow, run);
            return;
        }
        run.phase = MapRunWork.COLLECTING;
        ObjectNode payload = Json.object();
        payload.put("mapRun", "collect");
        payload.put("task", run.key);
        payload.put("mapRunArn", run.mapRunArn);
        payload.put("children", run.totalChildren);
        if (run.writer != null) {
            payload.set("writer", run.writer);
        }
        payload.put("region", ex.region);
        payload.put("account", in.account());
        tx.schedule(new WorkItem(run.key + ":collect", WorkItem.Kind.TASK, 0, null, payload));
    }

    private void startChildren(Flow flow, MapRunWork run) {
        int capacity = run.capacity();
        while (!run.pendingRedrive.isEmpty() && run.running.size() < capacity) {
            int first = run.pendingRedrive.first();
            ArrayNode children = Json.NODES.arrayNode();
            while (!run.pendingRedrive.isEmpty() && run.running.size() < capacity
                    && children.size() < MapRunWork.START_CHUNK) {
                int index = run.pendingRedrive.pollFirst();
                run.childRedrives.merge(index, 1, Integer::sum);
                ObjectNode child = children.addObject();
                child.put("index", index);
                child.put("arn", run.childArn(index));
                child.put("redriveCount", run.expectedRedriveCount(index));
                run.running.add(index);
            }
            ObjectNode payload = Json.object();
            payload.put("mapRun", "redrive");
            payload.put("task", run.key);
            payload.put("mapRunArn", run.mapRunArn);
            payload.put("parentArn", ex.executionArn);
            payload.set("children", children);
            tx.schedule(new WorkItem(run.key + ":r" + run.redriveCount + "." + first, WorkItem.Kind.TASK, 0, null,
                    payload));
        }
        String definitionKey = ex.definitionKey + "#" + URLEncoder.encode(flow.state, StandardCharsets.UTF_8);
        while (run.next < run.totalChildren && run.running.size() < capacity) {
            int first = run.next;
            ArrayNode children = Json.NODES.arrayNode();
            while (run.next < run.totalChildren && run.running.size() < capacity
                    && children.size() < MapRunWork.START_CHUNK) {
                int index = run.next++;
                ObjectNode child = children.addObject();
                child.put("index", index);
                child.put("name", run.childName(index));
                child.put("arn", run.childArn(index));
                child.put("items", run.items(index));
                child.put("input", Json.compact(run.input(index)));
                run.running.add(index);
            }
            ObjectNode payload = Json.object();
            payload.put("mapRun", "start");
            payload.put("task", run.key);
            payload.put("mapRunArn", run.mapRunArn);
            payload.put("stateMachineArn", run.childMachineArn);
            payload.put("stateMachineName", run.childMachineArn.substring(run.childMachineArn.indexOf(":stateMachine:")
                    + ":stateMachine:".length()));
            payload.put("definitionKey", definitionKey);
            if (ex.roleArn != null) {
                payload.put("roleArn", ex.roleArn);
            }
            payload.put("parentArn", ex.executionArn);
            payload.put("region", ex.region);
            payload.set("children", children);
            tx.schedule(new WorkItem(run.key + ":s" + first, WorkItem.Kind.TASK, 0, null, payload));
        }
        run.dropStartedInputs();
        changedRuns.put(run.mapRunArn, run);
    }

    private Flow mapRunFlow(Predicate<MapRunWork> test) {
        return in.find(f -> f.work instanceof MapRunWork run && test.test(run));
    }

    void mapRead(ObjectNode data) {
        String key = Interpreter.text(data, "task");
        Flow flow = mapRunFlow(run -> run.key.equals(key) && run.phase == MapRunWork.READING);
        if (flow == null) {
            return;
        }
        MapRunWork run = (MapRunWork) flow.work;
        String error = Interpreter.text(data, "error");
        if (error != null) {
            flow.work = null;
            flow.phase = Flow.ATTEMPT;
            flow.prev = in.append("MapStateFailed", flow.prev, null);
            in.handleError(flow, error, Interpreter.text(data, "cause"));
            return;
        }
        JsonNode items = data.get("items");
        try {
            if (!(items instanceof ArrayNode array)) {
                throw new StatesError("States.ItemReaderFailed", "Attempting to map over non-iterable node.", null);
            }
            beginRun(flow, (MapState) in.state(flow), run, array);
        } catch (StatesError e) {
            flow.work = null;
            flow.phase = Flow.ATTEMPT;
            in.raise(flow, e);
        }
    }

    void mapRedriven(ObjectNode data) {
        for (JsonNode index : data.path("succeeded")) {
            ObjectNode ended = Json.object();
            ended.put("task", Interpreter.text(data, "task"));
            ended.put("index", index.asInt());
            ended.put("status", "SUCCEEDED");
            String key = Interpreter.text(data, "task");
            Flow flow = mapRunFlow(run -> run.key.equals(key));
            if (flow != null) {
                ended.put("redriveCount", ((MapRunWork) flow.work).expectedRedriveCount(index.asInt()));
                mapChildEnded(ended);
            }
        }
    }

    void mapChildEnded(ObjectNode data) {
        String key = Interpreter.text(data, "task");
        Flow flow = mapRunFlow(run -> run.key.equals(key));
        if (flow == null) {
            return; // the run ended (failed, aborted) before this child
        }
        MapRunWork run = (MapRunWork) flow.work;
        int index = data.path("index").asInt(-1);
        if (run.phase != MapRunWork.RUNNING || data.path("redriveCount").asInt(0) != run.expectedRedriveCount(index)
                || !run.running.remove(index)) {
            return; // ignored, or the end of an attempt before the child was redriven
        }
        int items = run.items(index);
        switch (String.valueOf(Interpreter.text(data, "status"))) {
            case "SUCCEEDED" -> {
                run.succeeded++;
                run.itemsSucceeded += items;
            }
            case "TIMED_OUT" -> {
                run.timedOut++;
                run.itemsTimedOut += items;
                run.unsuccessful.put(index, "TIMED_OUT");
            }
            case "ABORTED" -> {
                run.aborted++;
                run.itemsAborted += items;
                run.unsuccessful.put(index, "ABORTED");
            }
            default -> {
                run.failed++;
                run.itemsFailed += items;
                run.unsuccessful.put(index, "FAILED");
            }
        }
        changedRuns.put(run.mapRunArn, run);
        if (run.exceeded()) {
            mapRunFailed(flow, run, EXCEED_TOLERATED, EXCEED_TOLERATED_CAUSE);
            return;
        }
        refill.add(flow);
    }

    void mapCollected(ObjectNode data) {
        String key = Interpreter.text(data, "task");
        Flow flow = mapRunFlow(run -> run.key.equals(key) && run.phase == MapRunWork.COLLECTING);
        if (flow == null) {
            return;
        }
        MapRunWork run = (MapRunWork) flow.work;
        String error = Interpreter.text(data, "error");
        if (error != null) {
            mapRunFailed(flow, run, error, Interpreter.text(data, "cause"));
            return;
        }
        JsonNode result = Interpreter.parseOrNull(Interpreter.text(data, "output"));
        endMapRun(run, "SUCCEEDED");
        long succeeded = in.append("MapRunSucceeded", run.threadPrev, null);
        in.stateSucceeded(flow, in.state(flow), result == null ? Json.NODES.nullNode() : result, succeeded);
    }

    void updateMapRun(ObjectNode data) {
        String arn = Interpreter.text(data, "mapRunArn");
        Flow flow = mapRunFlow(run -> run.mapRunArn.equals(arn) && run.phase == MapRunWork.RUNNING);
        if (flow == null) {
            return;
        }
        MapRunWork run = (MapRunWork) flow.work;
        if (data.hasNonNull("maxConcurrency")) {
            run.maxConcurrency = data.get("maxConcurrency").asInt();
        }
        if (data.hasNonNull("toleratedFailureCount")) {
            run.toleratedCount = data.get("toleratedFailureCount").asLong();
        }
        if (data.hasNonNull("toleratedFailurePercentage")) {
            run.toleratedPercentage = data.get("toleratedFailurePercentage").asDouble();
        }
        changedRuns.put(run.mapRunArn, run);
        if (run.exceeded()) {
            mapRunFailed(flow, run, EXCEED_TOLERATED, EXCEED_TOLERATED_CAUSE);
            return;
        }
        refill.add(flow);
    }

    /** MapRunFailed, then MapStateFailed; the error is retried, caught or fails the thread. */
    private void mapRunFailed(Flow flow, MapRunWork run, String error, String cause) {
        endMapRun(run, "FAILED");
        ObjectNode details = Json.object();
        details.put("error", error);
        if (cause != null) {
            details.put("cause", cause);
        }
        long failed = in.append("MapRunFailed", run.threadPrev, details);
        flow.prev = in.append("MapStateFailed", failed, null);
        flow.work = null;
        flow.phase = Flow.ATTEMPT;
        in.handleError(flow, error, cause);
        if (flow.phase == Flow.FAILED) {
            flow.work = run; // neither retried nor caught: kept for a redrive of the parent
        }
    }

    /** Closes the run: cancels its pending work and stops the children still running. */
    void endMapRun(MapRunWork run, String status) {
        tx.cancel(run.key + ":read");
        tx.cancel(run.key + ":collect");
        for (int index : run.running) {
            tx.deliver(run.childArn(index), WorkItem.signal("parentAborted:" + ex.executionArn, 0,
                    new Signal("stop", Json.object())));
            run.aborted++;
            run.itemsAborted += run.items(index);
            run.unsuccessful.put(index, "ABORTED");
        }
        run.running.clear();
        run.status = status;
        run.stopMs = tx.now().toEpochMilli();
        if ("SUCCEEDED".equals(status)) {
            run.inputs = null;
        }
        run.effective = null;
        if (run.mapRunArn != null && run.startMs > 0) {
            changedRuns.put(run.mapRunArn, run);
        }
    }
}
