package dev.stepline.imagebuilder.api;

import dev.stepline.engine.WorkItem;
import dev.stepline.imagebuilder.api.ExecutionShapes.GetWorkflowExecutionInput;
import dev.stepline.imagebuilder.api.ExecutionShapes.GetWorkflowStepExecutionInput;
import dev.stepline.imagebuilder.api.ExecutionShapes.ListWaitingWorkflowStepsInput;
import dev.stepline.imagebuilder.api.ExecutionShapes.ListWaitingWorkflowStepsOutput;
import dev.stepline.imagebuilder.api.ExecutionShapes.ListWorkflowExecutionsInput;
import dev.stepline.imagebuilder.api.ExecutionShapes.ListWorkflowExecutionsOutput;
import dev.stepline.imagebuilder.api.ExecutionShapes.ListWorkflowStepExecutionsInput;
import dev.stepline.imagebuilder.api.ExecutionShapes.ListWorkflowStepExecutionsOutput;
import dev.stepline.imagebuilder.api.ExecutionShapes.SendWorkflowStepActionInput;
import dev.stepline.imagebuilder.api.ExecutionShapes.SendWorkflowStepActionOutput;
import dev.stepline.imagebuilder.arn.ExecutionIds;
import dev.stepline.imagebuilder.arn.ModelPatterns;
import dev.stepline.imagebuilder.runtime.ImageDialect;
import dev.stepline.imagebuilder.runtime.ImageRows;
import dev.stepline.protocol.RequestContext;
import dev.stepline.server.Platform;
import dev.stepline.store.Tx;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The runtime reads and SendWorkflowStepAction (spec §5.1): ListWorkflowExecutions (start order),
 * GetWorkflowExecution, ListWorkflowStepExecutions (document order), GetWorkflowStepExecution,
 * ListWaitingWorkflowSteps (by the time they started waiting). A malformed id is
 * {@code InvalidParameterValueException}; an id that is not the caller's (or does not exist) is
 * {@code ResourceNotFoundException}. Pages are keyed by position, tokens bound to the parent id.
 */
final class WorkflowExecutions {
    private static final List<String> WORKFLOW_METADATA = List.of("workflowBuildVersionArn", "workflowExecutionId", "type",
            "status", "message", "totalStepCount", "totalStepsSucceeded", "totalStepsFailed", "totalStepsSkipped",
            "startTime", "endTime", "parallelGroup", "retried");
    private static final List<String> STEP_METADATA = List.of("stepExecutionId", "name", "description", "action", "status",
            "rollbackStatus", "message", "inputs", "outputs", "startTime", "endTime");
    private static final List<String> WAITING_STEP = List.of("stepExecutionId", "imageBuildVersionArn",
            "workflowExecutionId", "workflowBuildVersionArn", "name", "action", "startTime");

    private final Platform platform;
    private final OwnedResources resources;
    private final Images images;
    private final ImageRows rows;

    WorkflowExecutions(OwnedResources resources, Images images, ImageRows rows) {
        this.platform = resources.platform();
        this.resources = resources;
        this.images = images;
        this.rows = rows;
    }

    ListWorkflowExecutionsOutput list(RequestContext context, ListWorkflowExecutionsInput input) {
        String arn = Images.buildVersionArn(context, input.imageBuildVersionArn());
        String after = ImageBuilderPaging.after(platform.pageTokens(), input.nextToken(), "ListWorkflowExecutions", arn);
        int size = ImageBuilderPaging.size(input.maxResults());
        return platform.database().read(tx -> {
            ImageRows.Image image = images.require(tx, context, arn);
            List<ImageRows.Workflow> page = rows.workflows(tx, arn, after == null ? -1 : Integer.parseInt(after), size + 1);
            String next = page.size() > size
                    ? platform.pageTokens().issue("ListWorkflowExecutions", arn, Integer.toString(page.get(size - 1).seq()))
                    : null;
            List<ObjectNode> items = page.stream().limit(size).map(w -> pick(w.doc(), WORKFLOW_METADATA)).toList();
            JsonNode reason = image.state().path("state").get("reason");
            return new ListWorkflowExecutionsOutput(context.requestId(), items, arn,
                    reason == null || reason.isNull() ? null : reason.asString(), next);
        });
    }

    ObjectNode get(RequestContext context, GetWorkflowExecutionInput input) {
        String id = workflowExecutionId(input.workflowExecutionId());
        return platform.database().read(tx -> {
            ImageRows.Workflow wf = workflow(tx, context, id);
            ObjectNode out = JsonNodeFactory.instance.objectNode().put("requestId", context.requestId());
            out.setAll(wf.doc());
            out.remove("retried");
            return out;
        });
    }

    ListWorkflowStepExecutionsOutput listSteps(RequestContext context, ListWorkflowStepExecutionsInput input) {
        String id = workflowExecutionId(input.workflowExecutionId());
        String after = ImageBuilderPaging.after(platform.pageTokens(), input.nextToken(), "ListWorkflowStepExecutions", id);
        int size = ImageBuilderPaging.size(input.maxResults());
        return platform.database().read(tx -> {
            ImageRows.Workflow wf = workflow(tx, context, id);
            List<ImageRows.Step> page = rows.steps(tx, id, after == null ? -1 : Integer.parseInt(after), size + 1);
            String next = page.size() > size
                    ? platform.pageTokens().issue("ListWorkflowStepExecutions", id, Integer.toString(page.get(size - 1).seq()))
                    : null;
            List<ObjectNode> items = page.stream().limit(size).map(s -> pick(s.doc(), STEP_METADATA)).toList();
            JsonNode message = wf.doc().get("message");
            return new ListWorkflowStepExecutionsOutput(context.requestId(), items,
                    wf.doc().path("workflowBuildVersionArn").asString(), id, wf.imageArn(),
                    message == null ? null : message.asString(), next);
        });
    }

    ObjectNode getStep(RequestContext context, GetWorkflowStepExecutionInput input) {
        String id = stepExecutionId(input.stepExecutionId());
        return platform.database().read(tx -> {
            ImageRows.Step step = step(tx, context, id);
            ObjectNode out = JsonNodeFactory.instance.objectNode().put("requestId", context.requestId());
            out.setAll(step.doc());
            return out;
        });
    }

    ListWaitingWorkflowStepsOutput listWaiting(RequestContext context, ListWaitingWorkflowStepsInput input) {
        String fingerprint = context.account() + ":" + context.region();
        String after = ImageBuilderPaging.after(platform.pageTokens(), input.nextToken(), "ListWaitingWorkflowSteps",
                fingerprint);
        Long afterMs = null;
        String afterId = null;
        if (after != null) {
            int space = after.indexOf(' ');
            try {
                afterMs = Long.parseLong(after.substring(0, space));
            } catch (RuntimeException e) {
                throw ImageBuilderErrors.invalidPaginationToken();
            }
            afterId = after.substring(space + 1);
        }
        int size = ImageBuilderPaging.size(input.maxResults());
        Long fromMs = afterMs;
        String fromId = afterId;
        return platform.database().read(tx -> {
            List<ImageRows.Step> page = rows.waiting(tx, context.account(), context.region(), fromMs, fromId, size + 1);
            String next = null;
            if (page.size() > size) {
                ImageRows.Step last = page.get(size - 1);
                next = platform.pageTokens().issue("ListWaitingWorkflowSteps", fingerprint,
                        last.waitingSinceMs() + " " + last.id());
            }
            return new ListWaitingWorkflowStepsOutput(page.stream().limit(size).map(s -> pick(s.doc(), WAITING_STEP)).toList(),
                    next);
        });
    }

    SendWorkflowStepActionOutput send(RequestContext context, SendWorkflowStepActionInput input) {
        String id = stepExecutionId(input.stepExecutionId());
        String arn = Images.buildVersionArn(context, input.imageBuildVersionArn());
        if (input.reason() != null && ModelPatterns.containsNul(input.reason())) {
            throw ImageBuilderErrors.invalidParameter("reason", "The reason must not contain NUL characters.");
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("step", id).put("action", input.action());
        if (input.reason() != null) {
            data.put("reason", input.reason());
        }
        WorkItem item = ImageDialect.apiSignal("action:" + id, "stepAction", data);
        boolean[] stored = {false};
        SendWorkflowStepActionOutput out = platform.database().write(tx -> resources.once(tx, context,
                "SendWorkflowStepAction", input.clientToken(), input, SendWorkflowStepActionOutput.class, () -> {
                    ImageRows.Step step = step(tx, context, id);
                    if (!step.imageArn().equals(arn)) {
                        throw ImageBuilderErrors.invalidParameter("imageBuildVersionArn", "The workflow step execution '"
                                + id + "' does not belong to the image '" + arn + "'.");
                    }
                    String status = step.doc().path("status").asString();
                    if (!"WAITING".equals(status)) {
                        throw ImageBuilderErrors.invalidRequest("The workflow step execution '" + id
                                + "' is not waiting for an action (status " + status + ").");
                    }
                    if (platform.engine().item(tx, arn, "action:" + id).isPresent()) {
                        throw ImageBuilderErrors.inUse("An action for the workflow step execution '" + id
                                + "' is already being applied.");
                    }
                    platform.engine().store(tx, arn, item);
                    stored[0] = true;
                    return new SendWorkflowStepActionOutput(id, arn, input.clientToken());
                }));
        if (stored[0]) {
            // the response does not wait for the workflow to move on (spec §5.1)
            platform.engine().dispatch(arn, item);
        }
        return out;
    }

    private ImageRows.Workflow workflow(Tx tx, RequestContext context, String id) {
        ImageRows.Workflow wf = rows.workflow(tx, id).orElseThrow(() -> ImageBuilderErrors.notFoundId(id));
        images.require(tx, context, wf.imageArn());
        return wf;
    }

    private ImageRows.Step step(Tx tx, RequestContext context, String id) {
        return rows.step(tx, id).filter(s -> s.account().equals(context.account()) && s.region().equals(context.region()))
                .orElseThrow(() -> ImageBuilderErrors.notFoundId(id));
    }

    private static String workflowExecutionId(String id) {
        if (!ExecutionIds.isWorkflowExecutionId(id)) {
            throw ImageBuilderErrors.invalidParameter("workflowExecutionId",
                    "workflowExecutionId must match pattern " + ModelPatterns.WORKFLOW_EXECUTION_ID.pattern());
        }
        return id;
    }

    private static String stepExecutionId(String id) {
        if (!ExecutionIds.isStepExecutionId(id)) {
            throw ImageBuilderErrors.invalidParameter("stepExecutionId",
                    "stepExecutionId must match pattern " + ModelPatterns.WORKFLOW_STEP_EXECUTION_ID.pattern());
        }
        return id;
    }

    private static ObjectNode pick(ObjectNode doc, List<String> fields) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String field : fields) {
            JsonNode value = doc.get(field);
            if (value != null) {
                out.set(field, value);
            }
        }
        return out;
    }
}
