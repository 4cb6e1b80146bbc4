package dev.stepline.sfn.api;

import dev.stepline.protocol.RequestContext;
import dev.stepline.sfn.api.ExecutionShapes.GetExecutionHistoryInput;
import dev.stepline.sfn.api.ExecutionShapes.GetExecutionHistoryOutput;
import dev.stepline.sfn.runtime.HistoryEvents;
import dev.stepline.server.Platform;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * GetExecutionHistory (spec §4.6): the engine's event log, ascending by id or, with
 * {@code reverseOrder}, descending; keyset-paged on the event id.
 */
final class ExecutionHistory {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Payload members dropped by {@code includeExecutionData: false} (their {@code ...Details} companions stay). */
    private static final List<String> PAYLOADS = List.of("input", "output", "parameters");

    private final Platform platform;
    private final Executions executions;

    ExecutionHistory(Platform platform, Executions executions) {
        this.platform = platform;
        this.executions = executions;
    }

    private record Event(long id, long timestampMs, String type, long previousEventId, String details) {}

    GetExecutionHistoryOutput history(RequestContext context, GetExecutionHistoryInput input) {
        ExecutionRows.Row row = executions.find(context, input.executionArn());
        boolean reverse = Boolean.TRUE.equals(input.reverseOrder());
        boolean includeData = !Boolean.FALSE.equals(input.includeExecutionData());
        String fingerprint = row.arn() + "|" + reverse + "|" + includeData;
        int size = SfnPaging.size(input.maxResults());
        String after = SfnPaging.after(platform.pageTokens(), input.nextToken(), "GetExecutionHistory", fingerprint);
        String sql = "SELECT event_id, ts_ms, type, previous_event_id, details FROM history_event WHERE execution_id = ?"
                + (after == null ? "" : reverse ? " AND event_id < ?" : " AND event_id > ?")
                + " ORDER BY event_id " + (reverse ? "DESC" : "ASC") + " LIMIT " + (size + 1);
        Object[] args = after == null ? new Object[] {row.arn()} : new Object[] {row.arn(), Long.parseLong(after)};
        List<Event> events = platform.database().read(tx -> tx.query(sql,
                rs -> new Event(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5)), args));
        List<ObjectNode> page = events.stream().limit(size).map(e -> wire(e, includeData)).toList();
        String next = events.size() > size
                ? platform.pageTokens().issue("GetExecutionHistory", fingerprint, Long.toString(events.get(size - 1).id()))
                : null;
        return new GetExecutionHistoryOutput(page, next);
    }

    private static ObjectNode wire(Event e, boolean includeData) {
        ObjectNode node = JSON.createObjectNode();
        node.put("timestamp", BigDecimal.valueOf(e.timestampMs(), 3));
        node.put("type", e.type());
        node.put("id", e.id());
        node.put("previousEventId", e.previousEventId());
        String member = HistoryEvents.detailsMember(e.type());
        if (member != null && e.details() != null) {
            JsonNode details = JSON.readTree(e.details());
            if (!includeData && details instanceof ObjectNode object) {
                PAYLOADS.forEach(object::remove);
            }
            node.set(member, details);
        }
        return node;
    }
}
