package dev.stepline.sfn.api;

import dev.stepline.engine.Signal;
import dev.stepline.engine.WorkItem;
import dev.stepline.objects.ObjectStore;
import dev.stepline.sfn.runtime.AslDialect;
import dev.stepline.sfn.runtime.ExecutionStart;
import dev.stepline.sfn.runtime.dataflow.Json;
import dev.stepline.server.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The side effects of a Distributed Map's Map Run (TASK items whose payload has {@code mapRun}):
 * {@code read} the ItemReader's items, {@code start} a chunk of child executions, {@code collect}
 * the children's results in item order (or write them with the ResultWriter), {@code redrive} children
 * of a redriven run in place. Each runs at least
 * once: starting a child is idempotent (its ARN is derived from the Map Run and its index), reading
 * and collecting have no effect but their answer, writing replaces the same objects.
 */
final class MapRunTasks {
    /** Children one start task creates at once (their first transitions commit together). */
    private static final int PARALLEL_STARTS = 64;
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Platform platform;
    private final ExecutionRows rows;
    private final ItemReaders readers;

    MapRunTasks(Platform platform, ExecutionRows rows) {
        this.platform = platform;
        this.rows = rows;
        this.readers = new ItemReaders(platform.objects());
    }

    static boolean handles(ObjectNode payload) {
        return payload.has("mapRun");
    }

    Signal run(ObjectNode payload) {
        String task = payload.path("task").asString();
        return switch (payload.path("mapRun").asString()) {
            case "read" -> read(task, payload);
            case "start" -> start(task, payload);
            case "redrive" -> redrive(task, payload);
            case "collect" -> collect(task, payload);
            default -> throw new IllegalArgumentException("unknown map run task " + payload.get("mapRun"));
        };
    }

    private Signal read(String task, ObjectNode payload) {
        ObjectNode data = Json.object().put("task", task);
        try {
            data.set("items", readers.read(payload));
        } catch (ItemReaders.ReaderFailure e) {
            data.put("error", e.error).put("cause", e.getMessage());
        }
        return new Signal("mapRead", data);
    }

    private Signal start(String task, ObjectNode payload) {
        String runArn = payload.path("mapRunArn").asString();
        boolean running = platform.database().read(tx -> rows.mapRuns().find(tx, runArn))
                .map(run -> "RUNNING".equals(run.status())).orElse(true);
        List<ExecutionStart> starts = new ArrayList<>();
        Instant now = platform.clock().instant();
        ExecutionStart.ParentTask parent = new ExecutionStart.ParentTask(payload.path("parentArn").asString(), task,
                ExecutionStart.MAP_RUN);
        String mapRunArn = payload.path("mapRunArn").asString();
        for (JsonNode child : payload.path("children")) {
            starts.add(new ExecutionStart(child.path("arn").asString(), payload.path("stateMachineArn").asString(),
                    payload.path("stateMachineName").asString(), null, null, child.path("name").asString(),
                    payload.path("definitionKey").asString(), payload.path("roleArn").asString(null),
                    child.path("input").asString(), null, now, payload.path("region").asString(), null, parent,
                    new ExecutionStart.MapChild(mapRunArn, child.path("index").asInt(), child.path("items").asInt())));
        }
        Semaphore permits = new Semaphore(PARALLEL_STARTS);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> started = new ArrayList<>(starts.size());
            for (ExecutionStart start : starts) {
                permits.acquireUninterruptibly();
                started.add(threads.submit(() -> {
                    try {
                        // false: already created by an earlier run of this task
                        platform.engine().create(AslDialect.KIND, start.executionArn(), AslDialect.newExecution(start),
                                new Signal("created", Json.object()));
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Future<?> future : started) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting map run children", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("starting a map run child failed", e.getCause());
        }
        if (!running) {
            // The run failed or was aborted after this task was scheduled, and counted these children as
            // aborted: they are stopped at once, and a redrive of the run redrives them in place.
            stop(starts.stream().map(ExecutionStart::executionArn).toList(), payload.path("parentArn").asString());
        }
        return new Signal("mapStarted", Json.object().put("task", task));
    }

    /** Stops children as the end of their Map Run does. */
    private void stop(List<String> children, String parentArn) {
        for (String child : children) {
            WorkItem stop = WorkItem.signal("parentAborted:" + parentArn, 0,
                    new Signal("stop", Json.object()));
            platform.database().write(tx -> {
                platform.engine().store(tx, child, stop);
                return null;
            });
            platform.engine().dispatch(child, stop).join();
        }
    }

    /**
     * Redrives child executions of a redriven Map Run in place (each as RedriveExecution would). A child
     * that already has the expected {@code redriveCount} was redriven by an earlier run of this task; one
     * that SUCCEEDED (it ended before the stop of the run's previous attempt reached it) is reported to the
     * parent instead. A child still open (that stop not applied yet) or never created fails the task,
     * which runs again after its lease. As with {@link #start}, children redriven after the run ended
     * again are stopped at once (the run counted them as aborted, with this redrive).
     */
    private Signal redrive(String task, ObjectNode payload) {
        String runArn = payload.path("mapRunArn").asString();
        boolean running = platform.database().read(tx -> rows.mapRuns().find(tx, runArn))
                .map(run -> "RUNNING".equals(run.status())).orElse(true);
        List<String> reopened = new ArrayList<>();
        List<CompletableFuture<Void>> dispatched = new ArrayList<>();
        ArrayNode succeeded = Json.NODES.arrayNode();
        for (JsonNode child : payload.path("children")) {
            String arn = child.path("arn").asString();
            int expected = child.path("redriveCount").asInt();
            long now = platform.clock().millis();
            WorkItem item = WorkItem.signal("redrive:" + now, 0,
                    new Signal("redrive", Json.object().put("at", now)));
            String outcome = platform.database().write(tx -> {
                ExecutionRows.Row row = rows.find(tx, arn).orElseThrow(() ->
                        new IllegalStateException("map run child " + arn + " does not exist yet"));
                if (row.redriveCount() >= expected) {
                    return "done"; // by an earlier run of this task
                }
                if ("SUCCEEDED".equals(row.status())) {
                    return "succeeded";
                }
                if (!platform.engine().reopen(tx, arn, item)) {
                    throw new IllegalStateException("map run child " + arn + " has not closed yet");
                }
                return "reopened";
            });
            switch (outcome) {
                case "reopened" -> {
                    reopened.add(arn);
                    dispatched.add(platform.engine().dispatchReopened(arn, item));
                }
                case "succeeded" -> succeeded.add(child.path("index").asInt());
                default -> {
                }
            }
        }
        dispatched.forEach(CompletableFuture::join);
        if (!running) {
            stop(reopened, payload.path("parentArn").asString());
        }
        ObjectNode data = Json.object().put("task", task);
        data.set("succeeded", succeeded);
        return new Signal("mapRedriven", data);
    }

    private Signal collect(String task, ObjectNode payload) {
        String mapRunArn = payload.path("mapRunArn").asString();
        List<ExecutionRows.Row> children = platform.database().read(tx -> rows.byMapRun(tx, mapRunArn));
        ObjectNode data = Json.object().put("task", task);
        JsonNode writer = payload.get("writer");
        if (writer == null) {
            ArrayNode results = Json.NODES.arrayNode(children.size());
            for (ExecutionRows.Row child : children) {
                // COMPACT: a succeeded child's output; a failed child's whole result (AWS docs, ResultWriter).
                results.add("SUCCEEDED".equals(child.status()) ? Json.parse(child.doc().output()) : result(child));
            }
            return new Signal("mapCollected", data.put("output", Json.compact(results)));
        }
        try {
            data.put("output", Json.compact(write(writer, mapRunArn, children)));
        } catch (WriteFailure e) {
            data.put("error", "States.ResultWriterFailed").put("cause", e.getMessage());
        }
        return new Signal("mapCollected", data);
    }

    /** A child as the ResultWriter's files show it (Transformation NONE). */
    private static ObjectNode result(ExecutionRows.Row child) {
        ObjectNode out = Json.object();
        if (child.doc().cause() != null) {
            out.put("Cause", child.doc().cause());
        }
        if (child.doc().error() != null) {
            out.put("Error", child.doc().error());
        }
        out.put("ExecutionArn", child.arn());
        out.put("Input", child.doc().input());
        out.putObject("InputDetails").put("Included", true);
        out.put("Name", child.name());
        boolean succeeded = "SUCCEEDED".equals(child.status());
        if (succeeded) {
            out.put("Output", child.doc().output());
            out.putObject("OutputDetails").put("Included", true);
        }
        out.put("RedriveCount", child.redriveCount());
        out.put("RedriveStatus", succeeded ? "NOT_REDRIVABLE" : "REDRIVABLE_BY_MAP_RUN");
        if (succeeded) {
            out.put("RedriveStatusReason", "Execution is SUCCEEDED and cannot be redriven");
        }
        out.put("StartDate", ISO_MILLIS.format(child.startDate()));
        out.put("StateMachineArn", child.stateMachineArn());
        out.put("Status", child.status());
        if (child.stopDate() != null) {
            out.put("StopDate", ISO_MILLIS.format(child.stopDate()));
        }
        return out;
    }

    private static final class WriteFailure extends Exception {
        WriteFailure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Writes {@code <Prefix>/<mapRunId>/SUCCEEDED_0.json}, {@code FAILED_0.json} (each only when it has
     * entries) and {@code manifest.json}; returns the state's result {@code {MapRunArn, ResultWriterDetails}}.
     */
    private ObjectNode write(JsonNode writer, String mapRunArn, List<ExecutionRows.Row> children) throws WriteFailure {
        String bucket = writer.path("Bucket").asString(null);
        if (bucket == null) {
            throw new WriteFailure("The field 'Bucket' is required but was missing"); // [unverified] wording
        }
        String prefix = writer.path("Prefix").asString("");
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        String folder = (prefix.isEmpty() ? "" : prefix + "/") + mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1) + "/";
        ArrayNode succeeded = Json.NODES.arrayNode();
        ArrayNode failed = Json.NODES.arrayNode();
        for (ExecutionRows.Row child : children) {
            ("SUCCEEDED".equals(child.status()) ? succeeded : failed).add(result(child));
        }
        ObjectNode manifest = Json.object();
        manifest.put("DestinationBucket", bucket);
        manifest.put("MapRunArn", mapRunArn);
        ObjectNode files = manifest.putObject("ResultFiles");
        files.set("FAILED", put(bucket, folder + "FAILED_0.json", failed));
        files.putArray("PENDING");
        files.set("SUCCEEDED", put(bucket, folder + "SUCCEEDED_0.json", succeeded));
        String manifestKey = folder + "manifest.json";
        store(bucket, manifestKey, Json.compact(manifest).getBytes(StandardCharsets.UTF_8));
        ObjectNode output = Json.object();
        output.put("MapRunArn", mapRunArn);
        ObjectNode details = output.putObject("ResultWriterDetails");
        details.put("Bucket", bucket);
        details.put("Key", manifestKey);
        return output;
    }

    private ArrayNode put(String bucket, String key, ArrayNode results) throws WriteFailure {
        ArrayNode listed = Json.NODES.arrayNode();
        if (results.isEmpty()) {
            return listed;
        }
        byte[] content = Json.compact(results).getBytes(StandardCharsets.UTF_8);
        store(bucket, key, content);
        listed.addObject().put("Key", key).put("Size", content.length);
        return listed;
    }

    private void store(String bucket, String key, byte[] content) throws WriteFailure {
        ObjectStore objects = platform.objects();
        if (objects.put(bucket, key, content, "application/json").isEmpty()) {
            // [unverified] AWS reports the S3 SDK's message
            throw new WriteFailure("The specified bucket does not exist. (Service: S3, Status Code: 404)");
        }
    }
}
