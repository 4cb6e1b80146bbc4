package dev.stepline.imagebuilder.api;

import static java.util.Objects.requireNonNull;

import dev.stepline.engine.Signal;
import dev.stepline.engine.TaskRunner;
import dev.stepline.engine.WorkItem;
import dev.stepline.imagebuilder.api.PipelineShapes.CreateImagePipelineInput;
import dev.stepline.imagebuilder.api.PipelineShapes.PipelineDoc;
import dev.stepline.imagebuilder.schedule.PipelineScheduleDialect;
import dev.stepline.protocol.AwsException;
import dev.stepline.protocol.RequestContext;
import dev.stepline.server.Platform;
import dev.stepline.store.StoredResource;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Runs the {@code fire:<ms>} items of {@link PipelineScheduleDialect}: starts the pipeline's image
 * as StartImagePipelineExecution would (build type {@code SCHEDULED}), once per pipeline and fire
 * time: the client token is {@code <pipeline arn>@<fire ms>}, so a repeat (after a crash, or on a
 * second node whose lease ran out) answers the image the first run started.
 *
 * <p>Reports {@code superseded} when the pipeline is gone, DISABLED or has a newer schedule, or
 * when its {@code autoDisablePolicy} disables it now;
 * {@code skipped} when its dependencies did not change
 * ({@code EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE}) or the image cannot start (a recipe
 * or configuration was deleted: logged); else {@code built {at, dependencies}}.
 */
final class PipelineScheduler implements TaskRunner {
    static final String OPERATION = "ScheduledImagePipelineExecution";
    private static final Logger LOG = LoggerFactory.getLogger(PipelineScheduler.class);

    /** What the client token of a scheduled start is bound to. */
    record ScheduledStart(String imagePipelineArn, String scheduleId, long fireMs) {}

    private final Platform platform;
    private final OwnedResources resources;
    private final ImagePlanner planner;
    private final Images images;
    private final ImagePipelines pipelines;

    PipelineScheduler(OwnedResources resources, ImagePlanner planner, Images images, ImagePipelines pipelines) {
        this.pipelines = requireNonNull(pipelines, "pipelines is null");
        this.platform = resources.platform();
        this.resources = requireNonNull(resources, "resources is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.images = requireNonNull(images, "images is null");
    }

    @Override
    public Signal run(String executionId, WorkItem task) {
        String arn = task.payload().get("pipelineArn").asString();
        String scheduleId = task.payload().get("scheduleId").asString();
        long fireMs = task.payload().get("fireMs").asLong();
        Optional<StoredResource> row = platform.database().read(tx -> platform.resources().get(tx, arn)
                .filter(r -> r.kind().equals(ImagePipelines.KIND)));
        Optional<PipelineDoc> doc = row.map(r -> resources.read(r, PipelineDoc.class))
                .filter(d -> scheduleId.equals(d.scheduleId()) && !"DISABLED".equals(d.request().status()));
        if (doc.isEmpty()) {
            return new Signal("superseded", JsonNodeFactory.instance.objectNode());
        }
        CreateImagePipelineInput pipeline = doc.get().request();
        if (pipelines.autoDisable(arn, scheduleId)) {
            LOG.info("pipeline {} disabled by its autoDisablePolicy", arn);
            return new Signal("superseded", JsonNodeFactory.instance.objectNode());
        }
        RequestContext context = new RequestContext(UUID.randomUUID().toString(), row.get().account(), row.get().region(),
                platform.clock().instant());
        try {
            String dependencies = platform.database().read(tx -> planner.dependencies(tx, context,
                    ImagePipelines.request(pipeline)));
            if (task.payload().path("dependencyUpdates").asBoolean()
                    && dependencies.equals(task.payload().path("lastDependencies").asString(null))) {
                return new Signal("skipped", JsonNodeFactory.instance.objectNode().put("at", fireMs));
            }
            String image = images.start(context, OPERATION, arn + "@" + fireMs, new ScheduledStart(arn, scheduleId, fireMs),
                    ImagePipelines.request(pipeline), pipeline.imageTags(), new String[] {arn, pipeline.name()}, "SCHEDULED");
            LOG.debug("pipeline {} fired at {}: {}", arn, fireMs, image);
            return new Signal("built", JsonNodeFactory.instance.objectNode().put("at", fireMs)
                    .put("dependencies", dependencies).put("image", image));
        } catch (AwsException | dev.stepline.imagebuilder.ImageBuilderException e) {
            LOG.warn("scheduled build of pipeline {} at {} skipped: {}", arn, fireMs, e.getMessage());
            return new Signal("skipped", JsonNodeFactory.instance.objectNode().put("at", fireMs));
        }
    }
}
