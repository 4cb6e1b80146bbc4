package dev.stepline.sfn.api;

import dev.stepline.engine.Engine;
import dev.stepline.engine.Signal;
import dev.stepline.engine.WorkItem;
import dev.stepline.protocol.AwsException;
import dev.stepline.protocol.RequestContext;
import dev.stepline.sfn.api.MapRunShapes.DescribeMapRunInput;
import dev.stepline.sfn.api.MapRunShapes.DescribeMapRunOutput;
import dev.stepline.sfn.api.MapRunShapes.ListMapRunsInput;
import dev.stepline.sfn.api.MapRunShapes.ListMapRunsOutput;
import dev.stepline.sfn.api.MapRunShapes.MapRunCounts;
import dev.stepline.sfn.api.MapRunShapes.MapRunListItem;
import dev.stepline.sfn.api.MapRunShapes.UpdateMapRunInput;
import dev.stepline.sfn.api.MapRunShapes.UpdateMapRunOutput;
import dev.stepline.sfn.runtime.MapRunSummary;
import dev.stepline.sfn.runtime.dataflow.Json;
import dev.stepline.server.Platform;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Map Run operations (spec §4.9): ListMapRuns, DescribeMapRun, UpdateMapRun. Map Runs are
 * read from {@code sfn_map_run}; an update is a signal to the parent execution, whose next
 * transition applies it to the children it has not started yet.
 */
final class MapRuns {
    private final Platform platform;
    private final Engine engine;
    private final Executions executions;
    private final MapRunRows runs;

    MapRuns(Platform platform, Engine engine, Executions executions, MapRunRows runs) {
        this.platform = platform;
        this.engine = engine;
        this.executions = executions;
        this.runs = runs;
    }

    ListMapRunsOutput list(RequestContext context, ListMapRunsInput input) {
        ExecutionRows.Row execution = executions.find(context, input.executionArn());
        int size = SfnPaging.size(input.maxResults());
        String after = SfnPaging.after(platform.pageTokens(), input.nextToken(), "ListMapRuns", execution.arn());
        Long afterStart = null;
        String afterArn = null;
        if (after != null) {
            int colon = after.indexOf(':');
            afterStart = Long.parseLong(after.substring(0, colon));
            afterArn = after.substring(colon + 1);
        }
        Long finalAfterStart = afterStart;
        String finalAfterArn = afterArn;
        List<MapRunRows.Row> page = platform.database().read(tx -> runs.page(tx, execution.arn(), finalAfterStart,
                finalAfterArn, size + 1));
        List<MapRunListItem> items = page.stream().limit(size).map(r -> new MapRunListItem(r.executionArn(), r.arn(),
                r.stateMachineArn(), r.startDate(), r.stopDate())).toList();
        String next = null;
        if (page.size() > size) {
            MapRunRows.Row last = page.get(size - 1);
            next = platform.pageTokens().issue("ListMapRuns", execution.arn(), last.startMs() + ":" + last.arn());
        }
        return new ListMapRunsOutput(items, next);
    }

    DescribeMapRunOutput describe(RequestContext context, DescribeMapRunInput input) {
        MapRunRows.Row row = find(context, input.mapRunArn());
        MapRunRows.Doc doc = row.doc();
        return new DescribeMapRunOutput(row.arn(), row.executionArn(), row.status(), row.startDate(), row.stopDate(),
                doc.maxConcurrency(), (float) doc.toleratedFailurePercentage(), doc.toleratedFailureCount(),
                counts(doc.items()), counts(doc.executions()), doc.redriveCount(),
                doc.redriveMs() == null ? null : java.time.Instant.ofEpochMilli(doc.redriveMs()));
    }

    private static MapRunCounts counts(MapRunSummary.Counts c) {
        return new MapRunCounts(c.pending(), c.running(), c.succeeded(), c.failed(), c.timedOut(), c.aborted(), c.total(),
                c.resultsWritten(), 0L, c.pendingRedrive());
    }

    /**
     * Changes a RUNNING Map Run's limits; returns once the parent's transition applied them (children
     * already started keep running).
     */
    UpdateMapRunOutput update(RequestContext context, UpdateMapRunInput input) {
        if (input.maxConcurrency() == null && input.toleratedFailureCount() == null
                && input.toleratedFailurePercentage() == null) {
            // [unverified] text; the reason is in the model's enum
            throw validation("At least one of maxConcurrency, toleratedFailurePercentage or toleratedFailureCount"
                    + " must be provided", "MISSING_REQUIRED_PARAMETER");
        }
        if (input.toleratedFailurePercentage() != null && input.toleratedFailurePercentage() > 100) {
            throw SfnErrors.validation("1 validation error detected: Value '" + input.toleratedFailurePercentage()
                    + "' at 'toleratedFailurePercentage' failed to satisfy constraint: Member must have value less than"
                    + " or equal to 100");
        }
        MapRunRows.Row row = find(context, input.mapRunArn());
        if (!"RUNNING".equals(row.status())) {
            // [unverified] text; the reason is in the model's enum
            throw validation("Map Run is " + row.status() + " and cannot be updated", "CANNOT_UPDATE_COMPLETED_MAP_RUN");
        }
        ObjectNode data = Json.object();
        data.put("mapRunArn", row.arn());
        if (input.maxConcurrency() != null) {
            data.put("maxConcurrency", input.maxConcurrency());
        }
        if (input.toleratedFailureCount() != null) {
            data.put("toleratedFailureCount", input.toleratedFailureCount());
        }
        if (input.toleratedFailurePercentage() != null) {
            data.put("toleratedFailurePercentage", input.toleratedFailurePercentage().doubleValue());
        }
        WorkItem update = WorkItem.signal("updateMapRun:" + UUID.randomUUID(), 0, new Signal("updateMapRun", data));
        platform.database().write(tx -> {
            engine.store(tx, row.executionArn(), update);
            return null;
        });
        engine.dispatch(row.executionArn(), update).join();
        return new UpdateMapRunOutput();
    }

    private static AwsException validation(String message, String reason) {
        return AwsException.of("ValidationException", 400, message).inNamespace(SfnErrors.SERVICE_NAMESPACE)
                .with("reason", reason);
    }

    /** The run, if it is in the caller's account and region; else ResourceNotFound. */
    private MapRunRows.Row find(RequestContext context, String mapRunArn) {
        SfnArn arn = SfnArn.parse(mapRunArn, "mapRun");
        if (!arn.account().equals(context.account()) || !arn.region().equals(context.region())) {
            throw SfnErrors.resourceNotFound(mapRunArn);
        }
        return platform.database().read(tx -> runs.find(tx, mapRunArn))
                .orElseThrow(() -> SfnErrors.resourceNotFound(mapRunArn));
    }
}
