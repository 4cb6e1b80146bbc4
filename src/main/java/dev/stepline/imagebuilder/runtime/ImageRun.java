package dev.stepline.imagebuilder.runtime;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine state of one image build version (execution id = its ARN): the image's status, the
 * stage it is in, every workflow execution with its steps, the outputs finished workflows made,
 * and the simulated EC2 underneath. Mutable; the dialect changes it in place during a transition.
 */
public final class ImageRun {
    /** The stages in order; an image resumes at its stage after a retry (spec §4.10). */
    public enum Stage { BUILD, TEST, DISTRIBUTION, INTEGRATING, DONE }

    public String arn;
    public String account;
    public String region;
    public ImagePlan plan;
    public long createdMs;
    public Statuses.Image status = Statuses.Image.PENDING;
    public String reason;
    public Stage stage = Stage.BUILD;
    public List<WorkflowRun> workflows = new ArrayList<>();
    public ObjectNode workflowOutputs = JsonNodeFactory.instance.objectNode();
    public SimulatedEc2 ec2 = new SimulatedEc2();
    /** The AMI the build produced (the BUILD workflow's {@code ImageId} output), once known. */
    public String outputAmi;
    public String osVersion;
    /** {@code OutputResources} once the image is distributed. */
    public ObjectNode outputResources;
    /** Distributed images a DISTRIBUTION workflow's DistributeImage step reported. */
    public ObjectNode distributedImages;
    public long nextId;
    /** How many times the image was retried: keys its stage timers apart from older ones. */
    public int retries;
    /** The pipeline that started the image, or null. */
    public String pipelineArn;
    /**
     * What GetImage shows that never changes (recipe, configurations, workflows as sent…), handed
     * to the projection by the image's first transitions; never stored in the engine state.
     */
    @JsonIgnore
    public ObjectNode spec;

    /** The {@code IMAGE_BUILD_VERSION_ARN}'s recipe name, version and build, e.g. {@code 1.0.0/3}. */
    public String versionWithBuild() {
        return plan.version() + "/" + plan.build();
    }

    public WorkflowRun workflow(String id) {
        for (WorkflowRun wf : workflows) {
            if (wf.id.equals(id)) {
                return wf;
            }
        }
        return null;
    }
}
