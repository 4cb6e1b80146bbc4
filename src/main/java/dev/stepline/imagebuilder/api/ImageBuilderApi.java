package dev.stepline.imagebuilder.api;

import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.protocol.json.TimestampFormat;
import dev.stepline.protocol.restjson.RestJsonService;
import dev.stepline.protocol.validate.PathStyle;
import dev.stepline.protocol.validate.Validator;
import dev.stepline.server.Platform;
import java.util.function.UnaryOperator;

/**
 * The EC2 Image Builder face: restJson1 ({@code PUT /CreateWorkflow}, {@code GET /GetWorkflow?…}),
 * signing name {@code imagebuilder}. {@code DateTime} members are strings in the model; handlers
 * format them with {@link TimestampFormat#isoMillis}.
 */
public final class ImageBuilderApi {
    private ImageBuilderApi() {}

    public static RestJsonService create(Platform platform) {
        JsonCodec wire = new JsonCodec(JsonCodec.Naming.AS_DECLARED, TimestampFormat.EPOCH_SECONDS);
        RestJsonService api = new RestJsonService("imagebuilder", wire,
                new Validator(PathStyle.BRACKETS, UnaryOperator.identity(), false), new ImageBuilderErrors());

        // workflows, managed workflows, components and tags
        JsonCodec documents = new JsonCodec(JsonCodec.Naming.AS_DECLARED, TimestampFormat.EPOCH_SECONDS);
        WorkflowCatalog workflowCatalog = new WorkflowCatalog(platform, documents);
        Workflows workflows = new Workflows(platform, documents, workflowCatalog);
        WorkflowListing workflowListing = new WorkflowListing(platform, workflowCatalog);
        ComponentCatalog componentCatalog = new ComponentCatalog(platform, documents);
        Components components = new Components(platform, documents, componentCatalog);
        ComponentListing componentListing = new ComponentListing(platform, componentCatalog);
        ImageBuilderTags tags = new ImageBuilderTags(platform, workflowCatalog);
        api.add("PUT", "/CreateWorkflow", "CreateWorkflow", WorkflowShapes.CreateWorkflowInput.class, workflows::create)
                .add("GET", "/GetWorkflow", "GetWorkflow", WorkflowShapes.GetWorkflowInput.class, workflows::get)
                .add("DELETE", "/DeleteWorkflow", "DeleteWorkflow", WorkflowShapes.DeleteWorkflowInput.class,
                        workflows::delete)
                .add("POST", "/ListWorkflows", "ListWorkflows", WorkflowShapes.ListWorkflowsInput.class,
                        workflowListing::list)
                .add("POST", "/ListWorkflowBuildVersions", "ListWorkflowBuildVersions",
                        WorkflowShapes.ListWorkflowBuildVersionsInput.class, workflowListing::listBuildVersions)
                .add("PUT", "/CreateComponent", "CreateComponent", ComponentShapes.CreateComponentInput.class,
                        components::create)
                .add("GET", "/GetComponent", "GetComponent", ComponentShapes.GetComponentInput.class, components::get)
                .add("DELETE", "/DeleteComponent", "DeleteComponent", ComponentShapes.DeleteComponentInput.class,
                        components::delete)
                .add("GET", "/GetComponentPolicy", "GetComponentPolicy", ComponentShapes.GetComponentPolicyInput.class,
                        components::getPolicy)
                .add("POST", "/ListComponents", "ListComponents", ComponentShapes.ListComponentsInput.class,
                        componentListing::list)
                .add("POST", "/ListComponentBuildVersions", "ListComponentBuildVersions",
                        ComponentShapes.ListComponentBuildVersionsInput.class, componentListing::listBuildVersions)
                .add("POST", "/tags/{resourceArn}", "TagResource", TagShapes.TagResourceInput.class, tags::tag)
                .add("DELETE", "/tags/{resourceArn}", "UntagResource", TagShapes.UntagResourceInput.class, tags::untag)
                .add("GET", "/tags/{resourceArn}", "ListTagsForResource", TagShapes.ListTagsForResourceInput.class,
                        tags::list);
        return api;
    }
}
