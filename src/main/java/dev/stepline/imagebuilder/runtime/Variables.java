package dev.stepline.imagebuilder.runtime;

import dev.stepline.imagebuilder.document.ResolutionContext;
import dev.stepline.protocol.json.TimestampFormat;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The {@code $.imagebuilder} system variables of a running workflow (spec §2.6) and its resolution context. */
final class Variables {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Variables() {}

    static ResolutionContext context(ImageRun run, WorkflowRun wf, ImagePlan.WorkflowSpec spec, Instant now) {
        Map<String, JsonNode> parameters = new HashMap<>();
        spec.parameters().properties().forEach(e -> parameters.put(e.getKey(), e.getValue()));
        Map<String, JsonNode> stepOutputs = new HashMap<>();
        for (StepRun step : wf.steps) {
            if (step.outputs != null) {
                stepOutputs.put(step.name, step.outputs);
            }
        }
        Map<String, JsonNode> workflowOutputs = new HashMap<>();
        run.workflowOutputs.properties().forEach(e -> workflowOutputs.put(e.getKey(), e.getValue()));
        return new ResolutionContext(parameters, stepOutputs, workflowOutputs, system(run, wf, now));
    }

    static Map<String, JsonNode> system(ImageRun run, WorkflowRun wf, Instant now) {
        ImagePlan plan = run.plan;
        Map<String, JsonNode> v = new HashMap<>();
        v.put("imageType", NODES.stringNode(plan.imageType()));
        v.put("platform", NODES.stringNode(plan.platform()));
        v.put("collectImageMetadata", NODES.booleanNode(plan.collectImageMetadata()));
        v.put("collectImageScanFindings", NODES.booleanNode(plan.collectImageScanFindings()));
        v.put("imageBuildNumber", NODES.numberNode(plan.build()));
        v.put("imageVersionNumber", NODES.stringNode(plan.version()));
        v.put("imageName", NODES.stringNode(plan.imageName()));
        v.put("imageId", NODES.stringNode(wf.type.equals("BUILD") || run.outputAmi == null ? plan.parentImage() : run.outputAmi));
        v.put("sourceImageARN", NODES.stringNode(run.arn));
        v.put("cloudWatchLogGroup", NODES.stringNode("/aws/imagebuilder/" + plan.imageName()));
        v.put("cloudWatchLogStream", NODES.stringNode(plan.version() + "/" + plan.build()));
        ImagePlan.Infrastructure infra = plan.infrastructure();
        v.put("instanceProfileName", NODES.stringNode(infra.instanceProfileName()));
        ArrayNode groups = NODES.arrayNode();
        infra.securityGroups().forEach(groups::add);
        v.put("securityGroups", groups);
        v.put("subnetId", infra.subnetId() == null ? NODES.nullNode() : NODES.stringNode(infra.subnetId()));
        v.put("s3Logs", infra.s3Logs() == null ? NODES.nullNode() : NODES.stringNode(infra.s3Logs()));
        v.put("terminateInstanceOnFailure", NODES.booleanNode(infra.terminateInstanceOnFailure()));
        v.put("workflowPhase", NODES.stringNode(switch (wf.type) {
            case "BUILD" -> "Build";
            case "TEST" -> "Test";
            default -> "Distribution";
        }));
        v.put("workingDirectory", NODES.stringNode(plan.workingDirectory()));
        v.put("dateTime", NODES.stringNode(TimestampFormat.isoMillis(now)));
        return v;
    }
}
