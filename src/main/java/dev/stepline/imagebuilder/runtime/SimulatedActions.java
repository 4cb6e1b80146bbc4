package dev.stepline.imagebuilder.runtime;

import dev.stepline.imagebuilder.document.StepAction;
import dev.stepline.protocol.json.TimestampFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What each step action does to the simulated EC2 and what it outputs (spec §3). Pure: it reads
 * and changes only the image's state. {@code WaitForAction} and {@code ExecuteStateMachine} wait
 * for the outside world and are handled by the interpreter, not here.
 */
final class SimulatedActions {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter AMI_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** How an action ended. */
    sealed interface Outcome {
        /** Completed; {@code outputs} is null for actions without outputs (TerminateInstance). */
        record Done(ObjectNode outputs) implements Outcome {}

        record Failed(String message) implements Outcome {}
    }

    private SimulatedActions() {}

    /**
     * True when the action has nothing to do and the step is SKIPPED (spec §7 #19): ExecuteComponents
     * when the recipe has no components of the workflow's kind.
     */
    static boolean skips(ImageRun run, WorkflowRun wf, StepAction action) {
        if (action != StepAction.EXECUTE_COMPONENTS) {
            return false;
        }
        int components = wf.type.equals("TEST") ? run.plan.testComponents() : run.plan.buildComponents();
        return components == 0;
    }

    static Outcome perform(ImageRun run, WorkflowRun wf, StepAction action, ObjectNode in, Instant now) {
        SimulatedEc2 ec2 = run.ec2;
        String instanceId = text(in, "instanceId");
        return switch (action) {
            case LAUNCH_INSTANCE -> {
                String id = RunIds.ec2(run, "i");
                ec2.instances.put(id, SimulatedEc2.RUNNING);
                yield done(NODES.objectNode().put("instanceId", id));
            }
            case BOOTSTRAP_INSTANCE_FOR_CONTAINER, SANITIZE_INSTANCE, RUN_SYS_PREP, COLLECT_IMAGE_SCAN_FINDINGS,
                 EXECUTE_COMPONENTS -> requireRunning(ec2, instanceId) != null ? requireRunning(ec2, instanceId)
                    : done(runCommand(run, "Success", NODES.stringNode(action.wireName() + " completed on " + instanceId)));
            case RUN_COMMAND -> {
                Outcome notRunning = requireRunning(ec2, instanceId);
                if (notRunning != null) {
                    yield notRunning;
                }
                ArrayNode output = NODES.arrayNode().add("Command " + text(in, "documentName") + " succeeded on " + instanceId);
                yield done(runCommand(run, "Success", output));
            }
            case COLLECT_IMAGE_METADATA -> {
                Outcome notRunning = requireRunning(ec2, instanceId);
                if (notRunning != null) {
                    yield notRunning;
                }
                String association = RunIds.uuid(run).toString();
                ec2.associations.put(association, instanceId);
                String os = osVersion(run.plan);
                run.osVersion = os;
                yield done(NODES.objectNode().put("osVersion", os).put("associationId", association));
            }
            case CREATE_IMAGE -> {
                Outcome notRunning = requireRunning(ec2, instanceId);
                if (notRunning != null) {
                    yield notRunning;
                }
                String ami = RunIds.ec2(run, "ami");
                ec2.images.put(ami, instanceId);
                yield done(NODES.objectNode().put("imageId", ami));
            }
            case CREATE_IMAGE_FROM_ISO -> {
                Outcome notRunning = requireRunning(ec2, instanceId);
                if (notRunning != null) {
                    yield notRunning;
                }
                String snapshot = RunIds.ec2(run, "snap");
                yield done(NODES.objectNode().put("amiName", run.plan.imageName() + " " + AMI_DATE.format(now))
                        .put("snapshotId", snapshot).put("architecture", "x86_64"));
            }
            case REGISTER_IMAGE -> {
                String ami = RunIds.ec2(run, "ami");
                ec2.images.put(ami, "RegisterImage");
                yield done(NODES.objectNode().put("imageId", ami));
            }
            case WAIT_FOR_SSM_AGENT -> {
                Outcome notRunning = requireRunning(ec2, instanceId);
                yield notRunning != null ? notRunning : done(NODES.objectNode().put("status", "Online"));
            }
            case TERMINATE_INSTANCE -> {
                if (!ec2.instances.containsKey(instanceId)) {
                    yield new Outcome.Failed("The instance ID '" + instanceId + "' does not exist");
                }
                ec2.instances.put(instanceId, SimulatedEc2.TERMINATED);
                yield new Outcome.Done(null);
            }
            case DISTRIBUTE_IMAGE -> {
                ArrayNode images = distribute(run, in.get("distributions"), now);
                run.distributedImages = NODES.objectNode().set("distributedImages", images);
                yield done(NODES.objectNode().set("distributedImages", images));
            }
            case MODIFY_IMAGE_ATTRIBUTES -> done(NODES.objectNode().set("modifiedImages", copyDistributed(in)));
            case APPLY_IMAGE_CONFIGURATIONS -> done(NODES.objectNode().set("configuredImages", copyDistributed(in)));
            case DISTRIBUTE_CONTAINER_IMAGE -> {
                Outcome notRunning = requireRunning(ec2, instanceId);
                if (notRunning != null) {
                    yield notRunning;
                }
                ArrayNode regions = NODES.arrayNode();
                run.plan.distributions().forEach(d -> regions.add(d.region()));
                yield done(NODES.objectNode().put("status", "Success").<ObjectNode>set("succeededRegions", regions)
                        .set("failedRegions", NODES.arrayNode()));
            }
            case WAIT_FOR_ACTION, EXECUTE_STATE_MACHINE ->
                    throw new IllegalStateException(action + " waits for the outside world");
        };
    }

    /**
     * Undoes a completed step (spec §4.6). Only LaunchInstance (terminates the instance, unless the
     * infrastructure configuration keeps instances on failure) and CollectImageMetadata (removes
     * the inventory association) have a rollback.
     *
     * @return true when something was undone; false when the step has no rollback to run
     */
    static boolean hasRollback(ImageRun run, StepAction action, ObjectNode outputs) {
        return switch (action) {
            case LAUNCH_INSTANCE -> run.plan.infrastructure().terminateInstanceOnFailure()
                    && outputs != null && outputs.hasNonNull("instanceId");
            case COLLECT_IMAGE_METADATA -> outputs != null && outputs.hasNonNull("associationId");
            default -> false;
        };
    }

    static void rollback(ImageRun run, StepAction action, ObjectNode outputs) {
        switch (action) {
            case LAUNCH_INSTANCE -> run.ec2.instances.put(outputs.get("instanceId").asString(), SimulatedEc2.TERMINATED);
            case COLLECT_IMAGE_METADATA -> run.ec2.associations.remove(outputs.get("associationId").asString());
            default -> throw new IllegalStateException(action + " has no rollback");
        }
    }

    /** The AMIs of built-in distribution, or of a DistributeImage step without {@code distributions}. */
    static ArrayNode distribute(ImageRun run, JsonNode requested, Instant now) {
        ArrayNode out = NODES.arrayNode();
        String built = run.outputAmi != null ? run.outputAmi : run.plan.parentImage();
        String date = TimestampFormat.isoMillis(now);
        if (requested != null && requested.isArray() && !requested.isEmpty()) {
            for (JsonNode d : requested) {
                String region = text(d, "region");
                List<String> accounts = d.has("targetAccountIds") && d.get("targetAccountIds").isArray()
                        ? d.get("targetAccountIds").valueStream().map(JsonNode::asString).toList() : List.of();
                addTargets(run, out, region, accounts, text(d, "name"), built, date, now);
            }
            return out;
        }
        for (ImagePlan.DistributionTarget target : run.plan.distributions()) {
            addTargets(run, out, target.region(), target.accountIds(), target.nameTemplate(), built, date, now);
        }
        return out;
    }

    private static void addTargets(ImageRun run, ArrayNode out, String region, List<String> accounts, String template,
                                   String built, String date, Instant now) {
        List<String> targets = accounts.isEmpty() ? List.of(run.account) : accounts;
        for (String account : targets) {
            boolean home = region.equals(run.region) && account.equals(run.account);
            ObjectNode image = out.addObject();
            image.put("region", region);
            image.put("name", amiName(run, template, now));
            image.put("amiId", home ? built : RunIds.ec2(run, "ami"));
            image.put("accountId", account);
            image.put("dateStarted", date);
            image.put("dateStopped", date);
            image.put("status", "Completed");
            image.put("step", "Completed");
        }
    }

    /**
     * The AMI name: the distribution's template with {@code {{ imagebuilder:buildDate }}} and
     * {@code {{ imagebuilder:buildVersion }}} filled in, else {@code <recipe name> <date>} (spec §4.9).
     */
    static String amiName(ImageRun run, String template, Instant now) {
        String date = AMI_DATE.format(Instant.ofEpochMilli(run.createdMs));
        if (template == null) {
            return run.plan.imageName() + " " + date;
        }
        return template.replaceAll("\\{\\{\\s*imagebuilder:buildDate\\s*}}", date)
                .replaceAll("\\{\\{\\s*imagebuilder:buildVersion\\s*}}", String.valueOf(run.plan.build()));
    }

    private static ArrayNode copyDistributed(ObjectNode in) {
        JsonNode images = in.get("distributedImages");
        return images != null && images.isArray() ? (ArrayNode) images.deepCopy() : NODES.arrayNode();
    }

    static String osVersion(ImagePlan plan) {
        if (plan.osVersion() != null) {
            return plan.osVersion();
        }
        return switch (plan.platform()) {
            case "Windows" -> "Microsoft Windows Server 2022";
            case "macOS" -> "macOS 14";
            default -> "Amazon Linux 2023";
        };
    }

    private static ObjectNode runCommand(ImageRun run, String status, JsonNode output) {
        ObjectNode out = NODES.objectNode();
        out.put("runCommandId", RunIds.uuid(run).toString());
        out.put("status", status);
        out.set("output", output);
        return out;
    }

    private static Outcome requireRunning(SimulatedEc2 ec2, String instanceId) {
        if (instanceId == null || !ec2.running(instanceId)) {
            return new Outcome.Failed("Instance " + instanceId + " is not in a running state");
        }
        return null;
    }

    private static Outcome done(ObjectNode outputs) {
        return new Outcome.Done(outputs);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.isString() ? value.asString() : value.toString();
    }
}
