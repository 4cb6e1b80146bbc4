package dev.stepline.imagebuilder.runtime;

import dev.stepline.engine.Signal;
import dev.stepline.engine.Transition;
import dev.stepline.engine.WorkItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The image's way through its stages (spec §4.1–4.3, §4.8–4.10): BUILD (one workflow or none),
 * TEST (parallel groups one after another, up to {@value #GROUP_SLOTS} workflows of a group at
 * once), DISTRIBUTION (a workflow, or built-in distribution without an execution record),
 * INTEGRATING, then AVAILABLE. A workflow ending FAILED or ROLLBACK_COMPLETED with
 * {@code onFailure: ABORT} fails the image: running test siblings are cancelled and queued ones
 * skipped. Stage timers are keyed {@code stage:<stage>:<retry>}.
 */
final class Stages {
    static final int GROUP_SLOTS = 5;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ImageRun run;
    private final Transition tx;
    private final RuntimeSettings settings;
    private final WorkflowInterpreter interpreter;
    private final Set<String> touched;
    private final Instant now;

    Stages(ImageRun run, Transition tx, RuntimeSettings settings, WorkflowInterpreter interpreter, Set<String> touched) {
        this.run = run;
        this.tx = tx;
        this.settings = settings;
        this.interpreter = interpreter;
        this.touched = touched;
        this.now = tx.now();
    }

    /** Starts (or, after a retry, restarts) the stage the image is in. */
    void resume() {
        if (run.status != Statuses.Image.PENDING) {
            return;
        }
        run.status = Statuses.Image.CREATING;
        switch (run.stage) {
            case BUILD -> enterBuild();
            case TEST -> enterTest();
            case DISTRIBUTION -> enterDistribution();
            case INTEGRATING -> enterIntegrating();
            case DONE -> finish();
        }
    }

    private void enterBuild() {
        run.stage = ImageRun.Stage.BUILD;
        run.status = Statuses.Image.BUILDING;
        List<Integer> build = specs("BUILD");
        if (build.isEmpty()) {
            // no BUILD workflow: the output AMI is the parent image (spec §4.1)
            run.outputAmi = run.plan.parentImage();
            enterTest();
            return;
        }
        interpreter.begin(newWorkflow(build.get(0)));
    }

    private void enterTest() {
        run.stage = ImageRun.Stage.TEST;
        List<Integer> tests = specs("TEST");
        if (tests.isEmpty()) {
            enterDistribution();
            return;
        }
        run.status = Statuses.Image.TESTING;
        tests.forEach(this::newWorkflow);
        startSlots();
    }

    /** Starts queued test workflows of the first unfinished group while it has free slots. */
    private void startSlots() {
        Map<String, List<WorkflowRun>> groups = new LinkedHashMap<>();
        for (WorkflowRun wf : current("TEST")) {
            groups.computeIfAbsent(wf.parallelGroup == null ? "\u0000" + wf.id : wf.parallelGroup,
                    g -> new ArrayList<>()).add(wf);
        }
        for (List<WorkflowRun> group : groups.values()) {
            if (group.stream().allMatch(wf -> wf.status.terminal())) {
                continue;
            }
            long running = group.stream().filter(wf -> !wf.status.terminal() && wf.status != Statuses.Workflow.PENDING).count();
            for (WorkflowRun wf : group) {
                if (running >= GROUP_SLOTS) {
                    break;
                }
                if (wf.status == Statuses.Workflow.PENDING) {
                    interpreter.begin(wf);
                    running++;
                }
            }
            return;
        }
    }

    private void enterDistribution() {
        run.stage = ImageRun.Stage.DISTRIBUTION;
        run.status = Statuses.Image.DISTRIBUTING;
        List<Integer> distribution = specs("DISTRIBUTION");
        if (!distribution.isEmpty()) {
            interpreter.begin(newWorkflow(distribution.get(0)));
            return;
        }
        if (!stageTimer(ImageRun.Stage.DISTRIBUTION)) {
            distributeBuiltIn();
            enterIntegrating();
        }
    }

    /** Distribution without a workflow: copies to the configured regions (spec §4.1). */
    private void distributeBuiltIn() {
        if (run.plan.imageType().equals("DOCKER")) {
            JsonNode instance = run.workflowOutputs.get("InstanceId");
            if (instance != null && instance.isString()) {
                run.ec2.instances.computeIfPresent(instance.asString(), (id, state) -> SimulatedEc2.TERMINATED);
            }
            return;
        }
        run.distributedImages = NODES.objectNode().set("distributedImages",
                SimulatedActions.distribute(run, null, now));
    }

    private void enterIntegrating() {
        run.stage = ImageRun.Stage.INTEGRATING;
        run.status = Statuses.Image.INTEGRATING;
        if (!stageTimer(ImageRun.Stage.INTEGRATING)) {
            finish();
        }
    }

    /** Schedules the end of a timed stage; false when durations are zero and it ends now. */
    private boolean stageTimer(ImageRun.Stage stage) {
        long duration = Math.round(settings.stepSeconds() * 1000);
        if (duration == 0) {
            return false;
        }
        tx.schedule(WorkItem.signal(stageKey(stage), now.toEpochMilli() + duration,
                new Signal("stageEnded", NODES.objectNode().put("stage", stage.name()))));
        return true;
    }

    private String stageKey(ImageRun.Stage stage) {
        return "stage:" + stage.name() + ":" + run.retries;
    }

    /** A timed stage ended. */
    void onStageEnded(String stage) {
        if (run.status.terminal() || !run.stage.name().equals(stage)) {
            return;
        }
        if (run.stage == ImageRun.Stage.DISTRIBUTION) {
            distributeBuiltIn();
            enterIntegrating();
        } else if (run.stage == ImageRun.Stage.INTEGRATING) {
            finish();
        }
    }

    private void finish() {
        run.stage = ImageRun.Stage.DONE;
        run.status = Statuses.Image.AVAILABLE;
        run.outputResources = outputResources();
        if (run.osVersion == null) {
            // no CollectImageMetadata ran: the OS of the parent image (spec §4.9)
            run.osVersion = SimulatedActions.osVersion(run.plan);
        }
        tx.close();
    }

    /** Advances every running workflow, then the stages, until nothing moves without waiting. */
    void progress() {
        boolean moved = true;
        while (moved && !run.status.terminal()) {
            moved = false;
            for (WorkflowRun wf : List.copyOf(run.workflows)) {
                if (wf.attempt != run.retries || wf.status == Statuses.Workflow.PENDING) {
                    continue;
                }
                if (!wf.status.terminal()) {
                    interpreter.advance(wf);
                }
                if (wf.status.terminal() && !wf.reported) {
                    wf.reported = true;
                    moved = true;
                    onWorkflowEnded(wf);
                    if (run.status.terminal()) {
                        return;
                    }
                }
            }
        }
    }

    private void onWorkflowEnded(WorkflowRun wf) {
        ImagePlan.WorkflowSpec spec = run.plan.workflows().get(wf.spec);
        if (wf.status.failed() && !"CONTINUE".equals(spec.onFailure())) {
            fail(wf);
            return;
        }
        switch (run.stage) {
            case BUILD -> {
                JsonNode ami = run.workflowOutputs.get("ImageId");
                run.outputAmi = ami != null && ami.isString() ? ami.asString()
                        : run.ec2.images.isEmpty() ? run.plan.parentImage() : last(run.ec2.images.keySet());
                enterTest();
            }
            case TEST -> {
                if (current("TEST").stream().allMatch(w -> w.status.terminal())) {
                    enterDistribution();
                } else {
                    startSlots();
                }
            }
            case DISTRIBUTION -> enterIntegrating();
            default -> { }
        }
    }

    /** The image fails because {@code failed} aborted (spec §4.3, §4.1). */
    private void fail(WorkflowRun failed) {
        for (WorkflowRun wf : current(failed.type)) {
            if (wf == failed || wf.status.terminal()) {
                continue;
            }
            if (wf.status == Statuses.Workflow.PENDING) {
                wf.status = Statuses.Workflow.SKIPPED;
                touched.add(wf.id);
            } else {
                interpreter.cancel(wf, "Cancelled because workflow execution '" + failed.id + "' failed.");
            }
            wf.reported = true;
        }
        run.status = Statuses.Image.FAILED;
        run.reason = WorkflowInterpreter.truncate("Workflow Execution ID: '" + failed.id + "' failed with reason: "
                + failed.message, 1024);
    }

    /** CancelImageCreation (spec §4.8). */
    void cancel() {
        if (run.status.terminal()) {
            return;
        }
        for (WorkflowRun wf : run.workflows) {
            if (wf.attempt != run.retries || wf.status.terminal()) {
                continue;
            }
            if (wf.status == Statuses.Workflow.PENDING) {
                wf.status = Statuses.Workflow.CANCELLED;
                wf.endMs = now.toEpochMilli();
                wf.message = "Image creation was cancelled by the user.";
                touched.add(wf.id);
            } else {
                interpreter.cancel(wf, "Image creation was cancelled by the user.");
            }
            wf.reported = true;
        }
        tx.cancel(stageKey(ImageRun.Stage.DISTRIBUTION));
        tx.cancel(stageKey(ImageRun.Stage.INTEGRATING));
        tx.cancel("begin:" + run.retries);
        run.ec2.terminateAll();
        run.status = Statuses.Image.CANCELLED;
        run.reason = "Image creation was cancelled by the user.";
    }

    /** RetryImage (spec §4.10): back to PENDING, resuming at the stage that did not finish. */
    void retry() {
        if (run.status != Statuses.Image.FAILED && run.status != Statuses.Image.CANCELLED) {
            return;
        }
        run.retries++;
        run.status = Statuses.Image.PENDING;
        run.reason = null;
        tx.schedule(WorkItem.signal("begin:" + run.retries, now.toEpochMilli(), new Signal("begin", NODES.objectNode())));
    }

    private WorkflowRun newWorkflow(int specIndex) {
        ImagePlan.WorkflowSpec spec = run.plan.workflows().get(specIndex);
        WorkflowRun wf = new WorkflowRun();
        wf.id = RunIds.workflowExecutionId(run);
        wf.spec = specIndex;
        wf.workflowArn = spec.workflowArn();
        wf.type = spec.type();
        wf.parallelGroup = spec.parallelGroup();
        wf.attempt = run.retries;
        run.workflows.add(wf);
        touched.add(wf.id);
        return wf;
    }

    private List<Integer> specs(String type) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < run.plan.workflows().size(); i++) {
            if (run.plan.workflows().get(i).type().equals(type)) {
                out.add(i);
            }
        }
        return out;
    }

    private List<WorkflowRun> current(String type) {
        return run.workflows.stream().filter(wf -> wf.attempt == run.retries && wf.type.equals(type)).toList();
    }

    /** {@code OutputResources} of an AVAILABLE image (spec §4.9). */
    private ObjectNode outputResources() {
        ObjectNode out = NODES.objectNode();
        ImagePlan plan = run.plan;
        if (plan.imageType().equals("DOCKER")) {
            ArrayNode containers = out.putArray("containers");
            for (ImagePlan.DistributionTarget target : plan.distributions()) {
                ObjectNode container = containers.addObject();
                container.put("region", target.region());
                container.putArray("imageUris").add(run.account + ".dkr.ecr." + target.region() + ".amazonaws.com/"
                        + plan.containerRepository() + ":" + plan.version() + "-" + plan.build());
            }
            return out;
        }
        ArrayNode amis = out.putArray("amis");
        JsonNode distributed = run.distributedImages == null ? null : run.distributedImages.get("distributedImages");
        if (distributed == null || distributed.isEmpty()) {
            ObjectNode ami = amis.addObject();
            ami.put("region", run.region);
            ami.put("image", run.outputAmi);
            ami.put("name", SimulatedActions.amiName(run, null, now));
            ami.put("accountId", run.account);
            return out;
        }
        for (JsonNode d : distributed) {
            ObjectNode ami = amis.addObject();
            ami.put("region", d.path("region").asString());
            ami.put("image", d.path("amiId").asString());
            ami.put("name", d.path("name").asString());
            ami.put("accountId", d.path("accountId").asString());
            String description = descriptionFor(d.path("region").asString());
            if (description != null) {
                ami.put("description", description);
            }
            ami.putObject("state").put("status", "AVAILABLE");
        }
        return out;
    }

    private String descriptionFor(String region) {
        return run.plan.distributions().stream().filter(t -> t.region().equals(region))
                .map(ImagePlan.DistributionTarget::description).filter(d -> d != null).findFirst().orElse(null);
    }

    private static String last(Set<String> keys) {
        String last = null;
        for (String k : keys) {
            last = k;
        }
        return last;
    }
}
