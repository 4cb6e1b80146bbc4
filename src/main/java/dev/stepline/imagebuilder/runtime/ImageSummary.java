package dev.stepline.imagebuilder.runtime;

import dev.stepline.protocol.json.TimestampFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one transition hands {@link ImageRows}: the image row, and the rows of the workflow
 * executions it touched with all their steps. Row documents are already in wire form (member
 * names and {@code DateTime} strings as the model has them), so reads only pick members.
 *
 * @param spec      the never-changing part of GetImage, only on the image's first transition
 * @param state     the changing part: {@code state}, {@code osVersion}, {@code outputResources}
 * @param deleted   DeleteImage: the rows go
 */
public record ImageSummary(String arn, String account, String region, String pipelineArn, long createdMs,
                           String status, ObjectNode spec, ObjectNode state, List<WorkflowRow> workflows,
                           List<StepRow> steps, boolean deleted) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A workflow execution: {@code WorkflowExecutionMetadata} plus {@code imageBuildVersionArn}. */
    public record WorkflowRow(String id, int seq, ObjectNode doc) {}

    /** A step execution: {@code GetWorkflowStepExecution}'s members; {@code waitingSinceMs} while WAITING. */
    public record StepRow(String id, String workflowId, int seq, Long waitingSinceMs, ObjectNode doc) {}

    static ImageSummary of(ImageRun run, ObjectNode spec, Set<String> touched, boolean deleted, Instant now) {
        ObjectNode state = NODES.objectNode();
        ObjectNode imageState = state.putObject("state").put("status", run.status.name());
        if (run.reason != null) {
            imageState.put("reason", run.reason);
        }
        if (run.osVersion != null) {
            state.put("osVersion", run.osVersion);
        }
        state.set("outputResources", run.outputResources == null ? NODES.objectNode() : run.outputResources);
        List<WorkflowRow> workflows = new ArrayList<>();
        List<StepRow> steps = new ArrayList<>();
        for (int i = 0; i < run.workflows.size(); i++) {
            WorkflowRun wf = run.workflows.get(i);
            if (!touched.contains(wf.id)) {
                continue;
            }
            workflows.add(new WorkflowRow(wf.id, i, workflowDoc(run, wf)));
            for (int j = 0; j < wf.steps.size(); j++) {
                StepRun step = wf.steps.get(j);
                steps.add(new StepRow(step.id, wf.id, j, step.status == Statuses.Step.WAITING ? step.startMs : null,
                        stepDoc(run, wf, step)));
            }
        }
        return new ImageSummary(run.arn, run.account, run.region, run.pipelineArn, run.createdMs, run.status.name(),
                spec, state, workflows, steps, deleted);
    }

    private static ObjectNode workflowDoc(ImageRun run, WorkflowRun wf) {
        ObjectNode doc = NODES.objectNode();
        doc.put("workflowBuildVersionArn", wf.workflowArn);
        doc.put("workflowExecutionId", wf.id);
        doc.put("imageBuildVersionArn", run.arn);
        doc.put("type", wf.type);
        doc.put("status", wf.status.name());
        if (wf.message != null) {
            doc.put("message", wf.message);
        }
        int total = wf.steps.isEmpty()
                ? Documents.of(run.plan.workflows().get(wf.spec).data(), wf.type).steps().size() : wf.steps.size();
        doc.put("totalStepCount", total);
        doc.put("totalStepsSucceeded", wf.count(Statuses.Step.COMPLETED));
        doc.put("totalStepsFailed", wf.count(Statuses.Step.FAILED, Statuses.Step.TIMED_OUT));
        doc.put("totalStepsSkipped", wf.count(Statuses.Step.SKIPPED));
        date(doc, "startTime", wf.startMs);
        date(doc, "endTime", wf.endMs);
        if (wf.parallelGroup != null) {
            doc.put("parallelGroup", wf.parallelGroup);
        }
        doc.put("retried", wf.attempt > 0);
        return doc;
    }

    private static ObjectNode stepDoc(ImageRun run, WorkflowRun wf, StepRun step) {
        ObjectNode doc = NODES.objectNode();
        doc.put("stepExecutionId", step.id);
        doc.put("workflowBuildVersionArn", wf.workflowArn);
        doc.put("workflowExecutionId", wf.id);
        doc.put("imageBuildVersionArn", run.arn);
        doc.put("name", step.name);
        if (step.description != null) {
            doc.put("description", step.description);
        }
        doc.put("action", step.action);
        doc.put("status", step.status.name());
        if (step.rollbackStatus != null) {
            doc.put("rollbackStatus", step.rollbackStatus.name());
        }
        if (step.message != null) {
            doc.put("message", step.message);
        }
        if (step.inputs != null) {
            doc.put("inputs", step.inputs);
        }
        if (step.outputs != null && step.status != Statuses.Step.SKIPPED) {
            doc.put("outputs", StepJson.format(step.outputs));
        }
        date(doc, "startTime", step.startMs);
        date(doc, "endTime", step.endMs);
        doc.put("onFailure", step.onFailure);
        doc.put("timeoutSeconds", step.timeoutSeconds);
        return doc;
    }

    private static void date(ObjectNode doc, String field, Long ms) {
        if (ms != null) {
            doc.put(field, TimestampFormat.isoMillis(Instant.ofEpochMilli(ms)));
        }
    }
}
