package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.api.ImagePlanner.ImageRequest;
import dev.stepline.imagebuilder.api.PipelineShapes.CreateImagePipelineInput;
import dev.stepline.imagebuilder.api.PipelineShapes.CreateImagePipelineOutput;
import dev.stepline.imagebuilder.api.PipelineShapes.DeleteImagePipelineInput;
import dev.stepline.imagebuilder.api.PipelineShapes.DeleteImagePipelineOutput;
import dev.stepline.imagebuilder.api.PipelineShapes.GetImagePipelineInput;
import dev.stepline.imagebuilder.api.PipelineShapes.GetImagePipelineOutput;
import dev.stepline.imagebuilder.api.PipelineShapes.ListImagePipelineImagesInput;
import dev.stepline.imagebuilder.api.PipelineShapes.ListImagePipelineImagesOutput;
import dev.stepline.imagebuilder.api.PipelineShapes.ListImagePipelinesInput;
import dev.stepline.imagebuilder.api.PipelineShapes.ListImagePipelinesOutput;
import dev.stepline.imagebuilder.api.PipelineShapes.PipelineDoc;
import dev.stepline.imagebuilder.api.PipelineShapes.Schedule;
import dev.stepline.imagebuilder.api.PipelineShapes.UpdateImagePipelineInput;
import dev.stepline.imagebuilder.api.PipelineShapes.UpdateImagePipelineOutput;
import dev.stepline.imagebuilder.api.PipelineShapes.StartImagePipelineExecutionInput;
import dev.stepline.imagebuilder.api.PipelineShapes.StartImagePipelineExecutionOutput;
import dev.stepline.imagebuilder.arn.ArnShape;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.arn.ResourceKind;
import dev.stepline.imagebuilder.arn.ResourceNames;
import dev.stepline.engine.Signal;
import dev.stepline.imagebuilder.runtime.ImageRows;
import dev.stepline.imagebuilder.schedule.PipelineCron;
import dev.stepline.imagebuilder.schedule.PipelineScheduleDialect;
import dev.stepline.protocol.RequestContext;
import dev.stepline.server.Platform;
import dev.stepline.store.StoredResource;
import dev.stepline.store.Tx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Image pipelines (spec §5.2): stored as sent (kind {@value #KIND}); StartImagePipelineExecution
 * builds an image from the pipeline's recipe, configurations and workflows as they are now, with
 * the pipeline's {@code imageTags} under the call's {@code tags}. UpdateImagePipeline replaces
 * everything but the name and tags (the API has no selective update).
 *
 * <p>An ENABLED pipeline with a {@code schedule} has a {@link PipelineScheduleDialect} execution,
 * created after the pipeline's row commits (a replay of the client token creates it if the
 * process died in between, and {@link #recoverSchedules} at start creates any that is still
 * missing); an update or delete ends the old one in its own transaction.
 * {@code dateNextRun} is that execution's timer; {@code dateLastRun} the creation time of the
 * pipeline's newest image.
 */
final class ImagePipelines {
    static final String KIND = "ib:imagePipeline";
    private static final Set<String> FILTERS = Set.of("description", "distributionConfigurationArn", "imageRecipeArn",
            "infrastructureConfigurationArn", "name", "status");
    private static final Set<String> IMAGE_FILTERS = Set.of("name", "version");
    /** How many of a pipeline's newest images {@link #consecutiveFailures} looks at. */
    private static final int FAILURE_SCAN = 100;

    private final Platform platform;
    private final OwnedResources resources;
    private final ImagePlanner planner;
    private final Images images;
    private final ImageReads reads;
    private final ImageRows rows;

    ImagePipelines(OwnedResources resources, ImagePlanner planner, Images images, ImageReads reads, ImageRows rows) {
        this.platform = resources.platform();
        this.resources = resources;
        this.planner = planner;
        this.images = images;
        this.reads = reads;
        this.rows = rows;
    }

    static ImageRequest request(CreateImagePipelineInput in) {
        return new ImageRequest(in.imageRecipeArn(), in.containerRecipeArn(), in.infrastructureConfigurationArn(),
                in.distributionConfigurationArn(), in.imageTestsConfiguration(), in.enhancedImageMetadataEnabled(),
                in.imageScanningConfiguration(), in.workflows(), in.executionRole(),
                in.loggingConfiguration() == null || in.loggingConfiguration().imageLogGroupName() == null ? null
                        : new ImageShapes.ImageLoggingConfiguration(in.loggingConfiguration().imageLogGroupName()));
    }

    CreateImagePipelineOutput create(RequestContext context, CreateImagePipelineInput input) {
        String arnName = ResourceNames.arnName(ResourceNames.validate(input.name(), "name"));
        ImageRequest request = request(input);
        ImagePlanner.checkShape(request);
        String scheduleId = scheduled(input.schedule(), input.status()) ? context.requestId() : null;
        String arn = ImageBuilderArn.unversioned(context.region(), context.account(), ResourceKind.IMAGE_PIPELINE, arnName)
                .toString();
        CreateImagePipelineOutput out = platform.database().write(tx -> resources.once(tx, context, "CreateImagePipeline",
                input.clientToken(), input, CreateImagePipelineOutput.class, () -> {
                    // everything the pipeline names must exist now (x versions resolve again at each run)
                    StoredResource recipe = planner.recipe(tx, context, request);
                    ImagePlanner.Planned planned = planner.plan(tx, context, request, recipe, 0);
                    PipelineDoc doc = new PipelineDoc(input, planned.plan().platform(), scheduleId, null);
                    if (!resources.insert(tx, context, KIND, arn, arnName, doc, input.tags())) {
                        throw ImageBuilderErrors.alreadyExists("The following resource 'ImagePipeline' already exists: '"
                                + arn + "'.");
                    }
                    return new CreateImagePipelineOutput(null, input.clientToken(), arn);
                }));
        armSchedule(arn);
        return new CreateImagePipelineOutput(context.requestId(), out.clientToken(), out.imagePipelineArn());
    }

    UpdateImagePipelineOutput update(RequestContext context, UpdateImagePipelineInput input) {
        ImageBuilderArn arn = ArnShape.IMAGE_PIPELINE_ARN.parse(input.imagePipelineArn(), "imagePipelineArn");
        OwnedResources.checkAccount(context, arn);
        ImagePlanner.checkShape(new ImageRequest(input.imageRecipeArn(), input.containerRecipeArn(),
                input.infrastructureConfigurationArn(), input.distributionConfigurationArn(), input.imageTestsConfiguration(),
                input.enhancedImageMetadataEnabled(), input.imageScanningConfiguration(), input.workflows(),
                input.executionRole(), null));
        String scheduleId = scheduled(input.schedule(), input.status()) ? context.requestId() : null;
        AtomicReference<String> ended = new AtomicReference<>();
        UpdateImagePipelineOutput out = platform.database().write(tx -> resources.once(tx, context, "UpdateImagePipeline",
                input.clientToken(), input, UpdateImagePipelineOutput.class, () -> {
                    StoredResource row = resources.require(tx, context, KIND, arn.toString());
                    PipelineDoc old = resources.read(row, PipelineDoc.class);
                    CreateImagePipelineInput updated = new CreateImagePipelineInput(old.request().name(),
                            input.description(), input.imageRecipeArn(), input.containerRecipeArn(),
                            input.infrastructureConfigurationArn(), input.distributionConfigurationArn(),
                            input.imageTestsConfiguration(), input.enhancedImageMetadataEnabled(), input.schedule(),
                            input.status(), null, input.imageTags(), input.clientToken(),
                            input.imageScanningConfiguration(), input.workflows(), input.executionRole(),
                            input.loggingConfiguration());
                    ImageRequest request = request(updated);
                    StoredResource recipe = planner.recipe(tx, context, request);
                    ImagePlanner.Planned planned = planner.plan(tx, context, request, recipe, 0);
                    PipelineDoc doc = new PipelineDoc(updated, planned.plan().platform(), scheduleId,
                            context.received().toEpochMilli());
                    if (!platform.resources().update(tx, row.arn(), row.version(), resources.store().writeString(doc))) {
                        throw ImageBuilderErrors.inUse("The resource ARN '" + arn + "' is being modified by another request.");
                    }
                    endSchedule(tx, row.arn(), old, ended);
                    return new UpdateImagePipelineOutput(null, input.clientToken(), arn.toString());
                }));
        dispatchEnd(ended.get());
        armSchedule(arn.toString());
        return new UpdateImagePipelineOutput(context.requestId(), out.clientToken(), out.imagePipelineArn());
    }

    /**
     * {@code consecutiveFailures}: the scheduled builds that FAILED since the pipeline was created
     * or last updated, newest first, up to its newest AVAILABLE image (a manual success resets the
     * count, a manual failure does not add to it; images still running are passed over).
     */
    int consecutiveFailures(Tx tx, StoredResource row, PipelineDoc doc) {
        long since = doc.dateUpdated() == null ? row.createdMs() : doc.dateUpdated();
        int failures = 0;
        for (ImageRows.Image image : rows.recentPipelineImages(tx, row.arn(), since, FAILURE_SCAN)) {
            if (image.status().equals("AVAILABLE")) {
                break;
            }
            if (image.status().equals("FAILED") && "SCHEDULED".equals(image.spec().path("buildType").asString(null))) {
                failures++;
            }
        }
        return failures;
    }

    /**
     * The schedule's {@code autoDisablePolicy}: when schedule {@code scheduleId} is still the
     * pipeline's and its scheduled builds failed {@code failureCount} times in a row, the pipeline
     * becomes DISABLED (and has no schedule any more). Checked when the schedule next fires.
     *
     * @return whether the pipeline was disabled
     */
    boolean autoDisable(String arn, String scheduleId) {
        return platform.database().write(tx -> {
            Optional<StoredResource> row = platform.resources().get(tx, arn).filter(r -> r.kind().equals(KIND));
            if (row.isEmpty()) {
                return false;
            }
            PipelineDoc doc = resources.read(row.get(), PipelineDoc.class);
            CreateImagePipelineInput r = doc.request();
            if (!scheduleId.equals(doc.scheduleId()) || r.schedule().autoDisablePolicy() == null
                    || consecutiveFailures(tx, row.get(), doc) < r.schedule().autoDisablePolicy().failureCount()) {
                return false;
            }
            CreateImagePipelineInput disabled = new CreateImagePipelineInput(r.name(), r.description(), r.imageRecipeArn(),
                    r.containerRecipeArn(), r.infrastructureConfigurationArn(), r.distributionConfigurationArn(),
                    r.imageTestsConfiguration(), r.enhancedImageMetadataEnabled(), r.schedule(), "DISABLED", r.tags(),
                    r.imageTags(), r.clientToken(), r.imageScanningConfiguration(), r.workflows(), r.executionRole(),
                    r.loggingConfiguration());
            // dateUpdated stays: the count is not reset by the service's own change
            PipelineDoc updated = new PipelineDoc(disabled, doc.platform(), null, doc.dateUpdated());
            return platform.resources().update(tx, arn, row.get().version(), resources.store().writeString(updated));
        });
    }

    /** Whether a pipeline with this schedule and status fires; checks the expression and zone. */
    private static boolean scheduled(Schedule schedule, String status) {
        if (schedule == null || schedule.scheduleExpression() == null) {
            return false;
        }
        PipelineCron.parse(schedule.scheduleExpression(), schedule.timezone());
        return !"DISABLED".equals(status);
    }

    /**
     * At start: creates the schedule execution of every pipeline whose current one is missing
     * (the process died between committing a pipeline and creating its schedule, and the client
     * never replayed its token). A schedule whose timer is stored is left alone.
     */
    void recoverSchedules() {
        List<Object[]> scheduled = platform.database().read(tx -> tx.query("SELECT arn, doc FROM resource WHERE kind = ?",
                r -> new Object[] {r.getString(1), r.getString(2)}, KIND));
        for (Object[] row : scheduled) {
            String arn = (String) row[0];
            PipelineDoc doc = resources.store().mapper().readValue((String) row[1], PipelineDoc.class);
            if (doc.scheduleId() != null && platform.database().read(tx -> platform.engine().item(tx,
                    PipelineScheduleDialect.executionId(arn, doc.scheduleId()), PipelineScheduleDialect.TIMER)).isEmpty()) {
                armSchedule(arn);
            }
        }
    }

    /** Creates the pipeline's current schedule execution unless it has none or it exists already. */
    private void armSchedule(String arn) {
        Optional<PipelineDoc> doc = platform.database().read(tx -> platform.resources().get(tx, arn)
                .filter(r -> r.kind().equals(KIND)).map(r -> resources.read(r, PipelineDoc.class)));
        if (doc.isEmpty() || doc.get().scheduleId() == null) {
            return;
        }
        Schedule schedule = doc.get().request().schedule();
        PipelineScheduleDialect.State state = new PipelineScheduleDialect.State();
        state.pipelineArn = arn;
        state.scheduleId = doc.get().scheduleId();
        state.expression = schedule.scheduleExpression();
        state.timezone = schedule.timezone();
        state.dependencyUpdates = !"EXPRESSION_MATCH_ONLY".equals(schedule.pipelineExecutionStartCondition());
        platform.engine().create(PipelineScheduleDialect.KIND, PipelineScheduleDialect.executionId(arn, state.scheduleId),
                state, new Signal("created", JsonNodeFactory.instance.objectNode()));
    }

    /** Stores the signal that ends the pipeline's current schedule, if it has one; {@code ended} names it. */
    private void endSchedule(Tx tx, String arn, PipelineDoc doc, AtomicReference<String> ended) {
        if (doc.scheduleId() != null) {
            String execution = PipelineScheduleDialect.executionId(arn, doc.scheduleId());
            platform.engine().store(tx, execution, PipelineScheduleDialect.supersede(platform.clock().millis()));
            ended.set(execution);
        }
    }

    private void dispatchEnd(String execution) {
        if (execution != null) {
            platform.engine().dispatch(execution, PipelineScheduleDialect.supersede(platform.clock().millis()));
        }
    }

    GetImagePipelineOutput get(RequestContext context, GetImagePipelineInput input) {
        ImageBuilderArn arn = ArnShape.IMAGE_PIPELINE_ARN.parse(input.imagePipelineArn(), "imagePipelineArn");
        OwnedResources.checkAccount(context, arn);
        return platform.database().read(tx -> new GetImagePipelineOutput(context.requestId(),
                view(tx, resources.require(tx, context, KIND, arn.toString()))));
    }

    ListImagePipelinesOutput list(RequestContext context, ListImagePipelinesInput input) {
        ListFilters filters = ListFilters.of(input.filters(), FILTERS);
        String fingerprint = resources.fingerprint(input.filters());
        return platform.database().read(tx -> {
            OwnedResources.Page page = resources.page(tx, context, KIND, "ListImagePipelines", fingerprint,
                    input.maxResults(), input.nextToken(), row -> {
                        CreateImagePipelineInput r = resources.read(row, PipelineDoc.class).request();
                        return filters.matches(field -> switch (field) {
                            case "description" -> r.description();
                            case "distributionConfigurationArn" -> r.distributionConfigurationArn();
                            case "imageRecipeArn" -> r.imageRecipeArn();
                            case "infrastructureConfigurationArn" -> r.infrastructureConfigurationArn();
                            case "name" -> r.name();
                            case "status" -> r.status() == null ? "ENABLED" : r.status();
                            default -> null;
                        });
                    });
            List<ObjectNode> items = new ArrayList<>();
            for (StoredResource row : page.rows()) {
                items.add(view(tx, row));
            }
            return new ListImagePipelinesOutput(context.requestId(), items, page.nextToken());
        });
    }

    DeleteImagePipelineOutput delete(RequestContext context, DeleteImagePipelineInput input) {
        ImageBuilderArn arn = ArnShape.IMAGE_PIPELINE_ARN.parse(input.imagePipelineArn(), "imagePipelineArn");
        OwnedResources.checkAccount(context, arn);
        AtomicReference<String> ended = new AtomicReference<>();
        platform.database().write(tx -> {
            StoredResource row = resources.require(tx, context, KIND, arn.toString());
            endSchedule(tx, row.arn(), resources.read(row, PipelineDoc.class), ended);
            resources.delete(tx, row.arn());
            return null;
        });
        dispatchEnd(ended.get());
        return new DeleteImagePipelineOutput(context.requestId(), arn.toString());
    }

    StartImagePipelineExecutionOutput start(RequestContext context, StartImagePipelineExecutionInput input) {
        ImageBuilderArn arn = ArnShape.IMAGE_PIPELINE_ARN.parse(input.imagePipelineArn(), "imagePipelineArn");
        OwnedResources.checkAccount(context, arn);
        PipelineDoc doc = platform.database().read(tx ->
                resources.read(resources.require(tx, context, KIND, arn.toString()), PipelineDoc.class));
        CreateImagePipelineInput pipeline = doc.request();
        if ("DISABLED".equals(pipeline.status())) {
            throw ImageBuilderErrors.invalidRequest("The image pipeline '" + arn + "' is DISABLED and cannot be started.");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (pipeline.imageTags() != null) {
            tags.putAll(pipeline.imageTags());
        }
        if (input.tags() != null) {
            tags.putAll(input.tags());
        }
        String image = images.start(context, "StartImagePipelineExecution", input.clientToken(), input, request(pipeline),
                tags, new String[] {arn.toString(), pipeline.name()});
        return new StartImagePipelineExecutionOutput(context.requestId(), input.clientToken(), image);
    }

    ListImagePipelineImagesOutput listImages(RequestContext context, ListImagePipelineImagesInput input) {
        ImageBuilderArn arn = ArnShape.IMAGE_PIPELINE_ARN.parse(input.imagePipelineArn(), "imagePipelineArn");
        OwnedResources.checkAccount(context, arn);
        ListFilters filters = ListFilters.of(input.filters(), IMAGE_FILTERS);
        String fingerprint = arn + ":" + resources.fingerprint(input.filters());
        String after = ImageBuilderPaging.after(platform.pageTokens(), input.nextToken(), "ListImagePipelineImages",
                fingerprint);
        return platform.database().read(tx -> {
            resources.require(tx, context, KIND, arn.toString());
            ImageReads.Page page = ImageReads.scan(input.maxResults(), after, ImageRows.Image::listKey,
                    i -> filters.matches(field -> field.equals("name") ? i.spec().path("name").asString()
                            : ImageBuilderArn.parse(i.arn()).buildVersion().orElseThrow().version().toString()),
                    cursor -> rows.pipelineImages(tx, arn.toString(), cursor, ImageReads.SCAN_BATCH));
            List<ObjectNode> items = new ArrayList<>();
            for (ImageRows.Image image : page.images()) {
                items.add(reads.summary(tx, image));
            }
            String next = page.lastKey() == null ? null
                    : platform.pageTokens().issue("ListImagePipelineImages", fingerprint, page.lastKey());
            return new ListImagePipelineImagesOutput(context.requestId(), items, next);
        });
    }

    /** An {@code ImagePipeline}: the request as sent, with dates, status and the last run. */
    private ObjectNode view(Tx tx, StoredResource row) {
        PipelineDoc doc = resources.read(row, PipelineDoc.class);
        CreateImagePipelineInput r = doc.request();
        ObjectNode out = resources.store().mapper().valueToTree(r);
        out.remove("clientToken");
        out.remove("tags");
        out.put("arn", row.arn());
        out.put("platform", doc.platform());
        out.put("enhancedImageMetadataEnabled", r.enhancedImageMetadataEnabled() == null || r.enhancedImageMetadataEnabled());
        if (r.imageTestsConfiguration() == null) {
            out.putObject("imageTestsConfiguration").put("imageTestsEnabled", true).put("timeoutMinutes", 720);
        }
        out.put("status", r.status() == null ? "ENABLED" : r.status());
        out.put("dateCreated", OwnedResources.date(row.createdMs()));
        if (doc.dateUpdated() != null) {
            out.put("dateUpdated", OwnedResources.date(doc.dateUpdated()));
        }
        if (doc.scheduleId() != null) {
            platform.engine().item(tx, PipelineScheduleDialect.executionId(row.arn(), doc.scheduleId()),
                    PipelineScheduleDialect.TIMER).ifPresent(next -> out.put("dateNextRun", OwnedResources.date(next.dueMs())));
        }
        if (r.schedule() != null) {
            out.put("consecutiveFailures", consecutiveFailures(tx, row, doc));
        }
        rows.latestPipelineImage(tx, row.arn()).ifPresent(last -> {
            out.put("dateLastRun", OwnedResources.date(last.createdMs()));
            out.put("lastRunStatus", last.status());
        });
        ObjectNode tags = out.putObject("tags");
        resources.tags(tx, row.arn()).forEach(tags::put);
        return out;
    }
}
