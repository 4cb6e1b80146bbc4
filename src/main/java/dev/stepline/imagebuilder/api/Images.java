package dev.stepline.imagebuilder.api;

import dev.stepline.engine.Engine;
import dev.stepline.engine.WorkItem;
import dev.stepline.imagebuilder.ImageBuilderErrorCode;
import dev.stepline.imagebuilder.api.ImagePlanner.ImageRequest;
import dev.stepline.imagebuilder.api.ImagePlanner.Planned;
import dev.stepline.imagebuilder.api.ImageShapes.CancelImageCreationInput;
import dev.stepline.imagebuilder.api.ImageShapes.CancelImageCreationOutput;
import dev.stepline.imagebuilder.api.ImageShapes.CreateImageInput;
import dev.stepline.imagebuilder.api.ImageShapes.CreateImageOutput;
import dev.stepline.imagebuilder.api.ImageShapes.DeleteImageInput;
import dev.stepline.imagebuilder.api.ImageShapes.DeleteImageOutput;
import dev.stepline.imagebuilder.api.ImageShapes.RetryImageInput;
import dev.stepline.imagebuilder.api.ImageShapes.RetryImageOutput;
import dev.stepline.imagebuilder.api.RecipeShapes.LatestVersions;
import dev.stepline.imagebuilder.arn.ArnShape;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.runtime.ImageDialect;
import dev.stepline.imagebuilder.runtime.ImageRows;
import dev.stepline.imagebuilder.runtime.ImageRun;
import dev.stepline.imagebuilder.runtime.Statuses;
import dev.stepline.protocol.RequestContext;
import dev.stepline.server.Platform;
import dev.stepline.store.StoredResource;
import dev.stepline.store.Tx;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Images that run workflows (spec §4, §5.2): CreateImage starts one engine execution per image
 * build version; CancelImageCreation, RetryImage and DeleteImage signal it. The reads are in
 * {@link ImageReads}.
 *
 * <p>CreateImage first records its client token with the new build number, then creates the
 * execution. A replay of the token whose execution is missing (the process died in between)
 * creates it then, so an accepted image is never lost.
 */
final class Images {
    private final Platform platform;
    private final OwnedResources resources;
    private final ImagePlanner planner;
    private final ImageRows rows;

    Images(OwnedResources resources, ImagePlanner planner, ImageRows rows) {
        this.platform = resources.platform();
        this.resources = resources;
        this.planner = planner;
        this.rows = rows;
    }

    static ImageRequest request(CreateImageInput in) {
        return new ImageRequest(in.imageRecipeArn(), in.containerRecipeArn(), in.infrastructureConfigurationArn(),
                in.distributionConfigurationArn(), in.imageTestsConfiguration(), in.enhancedImageMetadataEnabled(),
                in.imageScanningConfiguration(), in.workflows(), in.executionRole(), in.loggingConfiguration());
    }

    CreateImageOutput create(RequestContext context, CreateImageInput input) {
        ImageRequest request = request(input);
        ImagePlanner.checkShape(request);
        String arn = start(context, "CreateImage", input.clientToken(), input, request, input.tags(), null);
        return new CreateImageOutput(context.requestId(), input.clientToken(), arn,
                LatestVersions.of(ImageBuilderArn.parse(arn)));
    }

    /**
     * Creates an image once per client token and starts its execution; returns its ARN.
     *
     * @param pipeline the pipeline starting it ({@code [arn, name]}), or null
     */
    String start(RequestContext context, String operation, String clientToken, Object input, ImageRequest request,
                 Map<String, String> tags, String[] pipeline) {
        return start(context, operation, clientToken, input, request, tags, pipeline, "USER_INITIATED");
    }

    /** {@link #start}, with the image's {@code buildType} ({@code SCHEDULED} for a pipeline's schedule). */
    String start(RequestContext context, String operation, String clientToken, Object input, ImageRequest request,
                 Map<String, String> tags, String[] pipeline, String buildType) {
        AtomicReference<Planned> planned = new AtomicReference<>();
        Started started = platform.database().write(tx -> resources.once(tx, context, operation, clientToken, input,
                Started.class, () -> {
                    StoredResource recipe = planner.recipe(tx, context, request);
                    ImageBuilderArn recipeArn = ImageBuilderArn.parse(recipe.arn());
                    int build = Math.toIntExact(platform.counters().next(tx, "ib:image:" + context.account() + ":"
                            + context.region() + ":" + recipeArn.name() + "/" + recipeArn.version().orElseThrow()));
                    Planned p = planner.plan(tx, context, request, recipe, build);
                    planned.set(p);
                    String arn = ImagePlanner.imageArn(context, recipeArn, build).toString();
                    if (tags != null && !tags.isEmpty()) {
                        platform.tags().put(tx, arn, tags);
                    }
                    return new Started(arn);
                }));
        String arn = started.imageBuildVersionArn();
        Planned plan = planned.get();
        if (plan == null) {
            if (platform.database().read(tx -> rows.image(tx, arn)).isPresent()) {
                return arn;
            }
            int build = ImageBuilderArn.parse(arn).build().orElseThrow();
            plan = platform.database().read(tx -> planner.plan(tx, context, request, planner.recipe(tx, context, request),
                    build));
        }
        ImageRun run = new ImageRun();
        run.arn = arn;
        run.account = context.account();
        run.region = context.region();
        run.plan = plan.plan();
        run.createdMs = platform.clock().millis();
        run.spec = plan.spec();
        run.spec.put("buildType", buildType);
        if (pipeline != null) {
            run.pipelineArn = pipeline[0];
            run.spec.put("sourcePipelineArn", pipeline[0]);
            run.spec.put("sourcePipelineName", pipeline[1]);
        }
        platform.engine().create(ImageDialect.KIND, arn, run, ImageDialect.created());
        return arn;
    }

    /** What a client token remembers of an image it started. */
    record Started(String imageBuildVersionArn) {}

    CancelImageCreationOutput cancel(RequestContext context, CancelImageCreationInput input) {
        String arn = buildVersionArn(context, input.imageBuildVersionArn());
        CancelImageCreationOutput out = platform.database().write(tx -> resources.once(tx, context, "CancelImageCreation",
                input.clientToken(), input, CancelImageCreationOutput.class, () -> {
                    ImageRows.Image image = require(tx, context, arn);
                    Statuses.Image status = Statuses.Image.valueOf(image.status());
                    if (status.terminal()) {
                        throw ImageBuilderErrors.invalidRequest("The image '" + arn + "' cannot be cancelled because its"
                                + " status is " + status + ".");
                    }
                    platform.engine().store(tx, arn, signal("cancel", "cancel"));
                    return new CancelImageCreationOutput(null, input.clientToken(), arn);
                }));
        platform.engine().dispatch(arn, signal("cancel", "cancel")).join();
        return new CancelImageCreationOutput(context.requestId(), out.clientToken(), out.imageBuildVersionArn());
    }

    RetryImageOutput retry(RequestContext context, RetryImageInput input) {
        String arn = buildVersionArn(context, input.imageBuildVersionArn());
        WorkItem item = signal("retry:" + input.clientToken(), "retry");
        RetryImageOutput out = platform.database().write(tx -> resources.once(tx, context, "RetryImage",
                input.clientToken(), input, RetryImageOutput.class, () -> {
                    ImageRows.Image image = require(tx, context, arn);
                    Statuses.Image status = Statuses.Image.valueOf(image.status());
                    if (!status.terminal()) {
                        throw ImageBuilderErrors.inUse("The image '" + arn + "' is still being built (status "
                                + status + ") and cannot be retried.");
                    }
                    if (status == Statuses.Image.AVAILABLE) {
                        throw ImageBuilderErrors.invalidRequest("The image '" + arn
                                + "' cannot be retried because its status is AVAILABLE.");
                    }
                    platform.engine().store(tx, arn, item);
                    return new RetryImageOutput(input.clientToken(), arn);
                }));
        platform.engine().dispatch(arn, item).join();
        return out;
    }

    DeleteImageOutput delete(RequestContext context, DeleteImageInput input) {
        String arn = buildVersionArn(context, input.imageBuildVersionArn());
        WorkItem item = signal("delete", "delete");
        boolean open = platform.database().write(tx -> {
            ImageRows.Image image = require(tx, context, arn);
            Statuses.Image status = Statuses.Image.valueOf(image.status());
            if (!status.terminal()) {
                throw ImageBuilderErrors.of(ImageBuilderErrorCode.RESOURCE_DEPENDENCY, "Resource dependency error: The"
                        + " image '" + arn + "' is " + status + "; cancel its creation before deleting it.");
            }
            rows.delete(tx, arn);
            platform.tags().removeAll(tx, arn);
            if (status != Statuses.Image.AVAILABLE) {
                // a failed or cancelled image's execution stays open for RetryImage: close it
                platform.engine().store(tx, arn, item);
            }
            return status != Statuses.Image.AVAILABLE;
        });
        if (open) {
            platform.engine().dispatch(arn, item);
        }
        return new DeleteImageOutput(context.requestId(), arn);
    }

    private static WorkItem signal(String key, String type) {
        return ImageDialect.apiSignal(key, type, JsonNodeFactory.instance.objectNode());
    }

    /** Checks an {@code ImageBuildVersionArn} member and the account; returns it. */
    static String buildVersionArn(RequestContext context, String raw) {
        ImageBuilderArn arn = ArnShape.IMAGE_BUILD_VERSION_ARN.parse(raw, "imageBuildVersionArn");
        OwnedResources.checkAccount(context, arn);
        return arn.toString();
    }

    /** The caller's image, or {@code ResourceNotFoundException}. */
    ImageRows.Image require(Tx tx, RequestContext context, String arn) {
        return rows.image(tx, arn).filter(i -> i.account().equals(context.account()) && i.region().equals(context.region()))
                .orElseThrow(() -> ImageBuilderErrors.notFound(arn));
    }
}
