package dev.stepline.sfn.runtime;

import dev.stepline.sfn.runtime.dataflow.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Distributed Map state's Map Run in flight (spec §6.14, §4.9): the items it reads, the child
 * executions it starts (each an engine execution of its own, started by TASK items
 * {@code <key>:s<n>} and telling this execution when it ends with a {@code mapChildEnded} signal),
 * and the counts DescribeMapRun shows. The child executions' outputs stay in their own rows; the
 * {@code <key>:collect} task gathers them (or writes them with the ResultWriter) at the end.
 *
 * <p>A run that failed or was aborted is kept by its Map state (with the inputs of the children it
 * never started): redriving the parent redrives the same run ({@link #redrive}), whose unsuccessful
 * children are then redriven in place by TASK items {@code <key>:r<redriveCount>.<first>}.
 */
final class MapRunWork implements Flow.Work {
    /** Waiting for the ItemReader task {@code <key>:read}. */
    static final int READING = 0;
    /** Children are running. */
    static final int RUNNING = 1;
    /** Every child ended within the tolerated failures: waiting for {@code <key>:collect}. */
    static final int COLLECTING = 2;

    /**
     * How many children run at once when {@code MaxConcurrency} is 0 (unlimited). AWS runs up to
     * 10,000; Stepline caps an unlimited Map Run at 1,000 so that one run cannot flood a node's
     * engine (an explicit MaxConcurrency up to 10,000 is honoured).
     */
    static final int UNLIMITED_CAP = 1_000;
    /** The most children one start task creates. */
    static final int START_CHUNK = 500;

    /** Prefix of this run's work item keys. */
    String key;
    int phase;
    String mapRunArn;
    /** {@code arn:...:stateMachine:<sm>/<label>}. */
    String childMachineArn;
    /** The parent's MapRunStarted event (then MapRunSucceeded/Failed), the thread's last event. */
    long threadPrev;
    long startMs;
    /** The effective input ({@code $} of ItemSelector, ItemBatcher.BatchInput, ResultWriter) until the run starts. */
    JsonNode effective;
    /** The inputs of the children not started yet: {@code inputs[i]} is child {@code inputBase + i}'s. */
    ArrayNode inputs;
    int inputBase;
    /** Items per child when batched, else null (one item each). */
    int[] batchSizes;
    int totalItems;
    int totalChildren;
    /** The next child to start. */
    int next;
    /** Started children that have not ended. */
    TreeSet<Integer> running = new TreeSet<>();
    long succeeded;
    long failed;
    long timedOut;
    long aborted;
    long itemsSucceeded;
    long itemsFailed;
    long itemsTimedOut;
    long itemsAborted;
    int maxConcurrency;
    /** -1 when not set. */
    long toleratedCount = -1;
    /** -1 when not set. */
    double toleratedPercentage = -1;
    /** {@code {"Bucket","Prefix"}} of the ResultWriter, or null. */
    ObjectNode writer;
    /** RUNNING, SUCCEEDED, FAILED or ABORTED. */
    String status = "RUNNING";
    Long stopMs;
    /** Children that ended FAILED, TIMED_OUT or ABORTED since the run (last) started, by index. */
    TreeMap<Integer, String> unsuccessful = new TreeMap<>();
    /** Unsuccessful children waiting to be redriven (MaxConcurrency applies). */
    TreeSet<Integer> pendingRedrive = new TreeSet<>();
    /**
     * The {@code redriveCount} each redriven child has once redriven, by index (absent: 0); a child's
     * end reported with another count is stale (from an attempt before the redrive).
     */
    TreeMap<Integer, Integer> childRedrives = new TreeMap<>();
    /** How many times the run was redriven. */
    int redriveCount;
    /** When it was last redriven (epoch millis), or 0. */
    long redriveMs;

    /**
     * Redrives the run (its parent was redriven): RUNNING again, its unsuccessful children no longer
     * count as failed but wait to be redriven. Returns their indexes.
     */
    List<Integer> redrive(long nowMs) {
        redriveCount++;
        redriveMs = nowMs;
        status = "RUNNING";
        stopMs = null;
        phase = RUNNING;
        for (Map.Entry<Integer, String> child : unsuccessful.entrySet()) {
            int items = items(child.getKey());
            switch (child.getValue()) {
                case "TIMED_OUT" -> {
                    timedOut--;
                    itemsTimedOut -= items;
                }
                case "ABORTED" -> {
                    aborted--;
                    itemsAborted -= items;
                }
                default -> {
                    failed--;
                    itemsFailed -= items;
                }
            }
            pendingRedrive.add(child.getKey());
        }
        unsuccessful.clear();
        return new ArrayList<>(pendingRedrive);
    }

    /** The {@code redriveCount} child {@code index} reports when its current attempt ends. */
    int expectedRedriveCount(int index) {
        return childRedrives.getOrDefault(index, 0);
    }

    /** The input of child {@code index} (not started yet). */
    JsonNode input(int index) {
        return inputs.get(index - inputBase);
    }

    /** Forgets the inputs of started children (they live in the children now), so the stored state shrinks. */
    void dropStartedInputs() {
        if (next >= totalChildren) {
            inputs = null;
            return;
        }
        int started = next - inputBase;
        if (started > inputs.size() / 2) { // amortised: the stored form never holds started inputs (see encode)
            ArrayNode rest = Json.NODES.arrayNode(inputs.size() - started);
            for (int i = started; i < inputs.size(); i++) {
                rest.add(inputs.get(i));
            }
            inputs = rest;
            inputBase = next;
        }
    }

    int items(int child) {
        return batchSizes == null ? 1 : batchSizes[child];
    }

    /** How many children may run at once now. */
    int capacity() {
        return maxConcurrency == 0 ? UNLIMITED_CAP : Math.min(maxConcurrency, MAX_CONCURRENCY);
    }

    /** AWS's most child executions of one Map Run at once. */
    static final int MAX_CONCURRENCY = 10_000;

    /** The child execution's name: a UUID derived from the Map Run and the index, so a repeated start is idempotent. */
    String childName(int index) {
        return java.util.UUID.nameUUIDFromBytes((mapRunArn + "#" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    /** {@code arn:...:execution:<sm>/<label>:<childName>}. */
    String childArn(int index) {
        int machine = childMachineArn.indexOf(":stateMachine:");
        return childMachineArn.substring(0, machine) + ":execution:"
                + childMachineArn.substring(machine + ":stateMachine:".length()) + ":" + childName(index);
    }

    /** Whether the failures so far exceed what the run tolerates (spec §6.14). */
    boolean exceeded() {
        long failures = itemsFailed + itemsTimedOut + itemsAborted;
        if (failures == 0) {
            return false;
        }
        if (toleratedCount < 0 && toleratedPercentage < 0) {
            return true;
        }
        if (toleratedCount >= 0 && failures > toleratedCount) {
            return true;
        }
        return toleratedPercentage >= 0 && totalItems > 0 && failures * 100.0 / totalItems > toleratedPercentage;
    }

    boolean allEnded() {
        return next >= totalChildren && running.isEmpty() && pendingRedrive.isEmpty();
    }

    MapRunSummary summary(String executionArn, List<String> markPendingRedrive) {
        long startedChildren = next;
        long startedItems = 0;
        if (batchSizes == null) {
            startedItems = next;
        } else {
            for (int i = 0; i < next; i++) {
                startedItems += batchSizes[i];
            }
        }
        long runningItems = 0;
        for (int child : running) {
            runningItems += items(child);
        }
        long pendingRedriveItems = 0;
        for (int child : pendingRedrive) {
            pendingRedriveItems += items(child);
        }
        boolean written = !"RUNNING".equals(status) && !"ABORTED".equals(status);
        MapRunSummary.Counts items = new MapRunSummary.Counts(totalItems - startedItems, runningItems, itemsSucceeded,
                itemsFailed, itemsTimedOut, itemsAborted, totalItems,
                written ? itemsSucceeded + itemsFailed + itemsTimedOut + itemsAborted : 0, pendingRedriveItems);
        MapRunSummary.Counts executions = new MapRunSummary.Counts(totalChildren - startedChildren, running.size(),
                succeeded, failed, timedOut, aborted, totalChildren,
                written ? succeeded + failed + timedOut + aborted : 0, pendingRedrive.size());
        return new MapRunSummary(mapRunArn, executionArn, childMachineArn, status, startMs, stopMs, maxConcurrency,
                Math.max(0, toleratedPercentage), Math.max(0, toleratedCount), items, executions, redriveCount,
                redriveCount == 0 ? null : redriveMs, markPendingRedrive);
    }

    // ---------------------------------------------------------------- stored form

    ObjectNode encode() {
        ObjectNode out = Json.object();
        out.put("k", "D");
        out.put("key", key);
        out.put("ph", phase);
        out.put("arn", mapRunArn);
        out.put("sm", childMachineArn);
        out.put("tp", threadPrev);
        out.put("sd", startMs);
        if (effective != null) {
            out.set("ef", effective);
        }
        if (inputs != null) {
            int started = next - inputBase;
            ArrayNode rest = inputs;
            if (started > 0) {
                rest = Json.NODES.arrayNode(inputs.size() - started);
                for (int i = started; i < inputs.size(); i++) {
                    rest.add(inputs.get(i));
                }
            }
            out.set("in", rest);
            out.put("ib", next);
        }
        if (batchSizes != null) {
            ArrayNode sizes = out.putArray("bs");
            for (int size : batchSizes) {
                sizes.add(size);
            }
        }
        out.put("ti", totalItems);
        out.put("tc", totalChildren);
        out.put("nx", next);
        ArrayNode open = out.putArray("run");
        running.forEach(open::add);
        out.put("s", succeeded).put("f", failed).put("to", timedOut).put("ab", aborted);
        out.put("is", itemsSucceeded).put("if", itemsFailed).put("ito", itemsTimedOut).put("iab", itemsAborted);
        out.put("mc", maxConcurrency);
        out.put("tfc", toleratedCount);
        out.put("tfp", toleratedPercentage);
        if (writer != null) {
            out.set("rw", writer);
        }
        out.put("st", status);
        if (stopMs != null) {
            out.put("stop", stopMs);
        }
        if (!unsuccessful.isEmpty()) {
            ObjectNode failures = out.putObject("un");
            unsuccessful.forEach((index, childStatus) -> failures.put(index.toString(), childStatus));
        }
        if (!pendingRedrive.isEmpty()) {
            ArrayNode pending = out.putArray("prd");
            pendingRedrive.forEach(pending::add);
        }
        if (!childRedrives.isEmpty()) {
            ObjectNode counts = out.putObject("cr");
            childRedrives.forEach((index, count) -> counts.put(index.toString(), count));
        }
        if (redriveCount > 0) {
            out.put("rdc", redriveCount);
            out.put("rdt", redriveMs);
        }
        return out;
    }

    static MapRunWork decode(JsonNode in) {
        MapRunWork work = new MapRunWork();
        work.key = in.get("key").asString();
        work.phase = in.path("ph").asInt();
        work.mapRunArn = in.get("arn").asString();
        work.childMachineArn = in.get("sm").asString();
        work.threadPrev = in.path("tp").asLong();
        work.startMs = in.path("sd").asLong();
        work.effective = in.get("ef");
        work.inputs = in.get("in") instanceof ArrayNode inputs ? inputs : null;
        work.inputBase = in.path("ib").asInt(0);
        if (in.get("bs") instanceof ArrayNode sizes) {
            work.batchSizes = new int[sizes.size()];
            for (int i = 0; i < sizes.size(); i++) {
                work.batchSizes[i] = sizes.get(i).asInt();
            }
        }
        work.totalItems = in.path("ti").asInt();
        work.totalChildren = in.path("tc").asInt();
        work.next = in.path("nx").asInt();
        for (JsonNode child : in.path("run")) {
            work.running.add(child.asInt());
        }
        work.succeeded = in.path("s").asLong();
        work.failed = in.path("f").asLong();
        work.timedOut = in.path("to").asLong();
        work.aborted = in.path("ab").asLong();
        work.itemsSucceeded = in.path("is").asLong();
        work.itemsFailed = in.path("if").asLong();
        work.itemsTimedOut = in.path("ito").asLong();
        work.itemsAborted = in.path("iab").asLong();
        work.maxConcurrency = in.path("mc").asInt();
        work.toleratedCount = in.path("tfc").asLong(-1);
        work.toleratedPercentage = in.path("tfp").asDouble(-1);
        work.writer = in.get("rw") instanceof ObjectNode writer ? writer : null;
        work.status = in.path("st").asString("RUNNING");
        work.stopMs = in.has("stop") ? in.get("stop").asLong() : null;
        for (Map.Entry<String, JsonNode> failure : in.path("un").properties()) {
            work.unsuccessful.put(Integer.parseInt(failure.getKey()), failure.getValue().asString());
        }
        for (JsonNode child : in.path("prd")) {
            work.pendingRedrive.add(child.asInt());
        }
        for (Map.Entry<String, JsonNode> count : in.path("cr").properties()) {
            work.childRedrives.put(Integer.parseInt(count.getKey()), count.getValue().asInt());
        }
        work.redriveCount = in.path("rdc").asInt(0);
        work.redriveMs = in.path("rdt").asLong(0);
        return work;
    }
}
