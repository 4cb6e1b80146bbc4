package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.admin.SimulationEndpoint;
import dev.stepline.imagebuilder.runtime.ImageDialect;
import dev.stepline.imagebuilder.runtime.ImageRows;
import dev.stepline.imagebuilder.runtime.RuntimeSettings;
import dev.stepline.imagebuilder.runtime.StateMachineTasks;
import dev.stepline.imagebuilder.schedule.PipelineScheduleDialect;
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

        // what the deletes check for dependants
        JsonCodec documents = new JsonCodec(JsonCodec.Naming.AS_DECLARED, TimestampFormat.EPOCH_SECONDS);
        OwnedResources owned = new OwnedResources(platform, documents);
        RecipeComponents recipeComponents = new RecipeComponents(owned);
        ImageRows rows = new ImageRows();
        Dependents dependents = new Dependents(owned, recipeComponents, rows);

        // workflows, managed workflows, components and tags
        WorkflowCatalog workflowCatalog = new WorkflowCatalog(platform, documents);
        Workflows workflows = new Workflows(platform, documents, workflowCatalog, dependents);
        WorkflowListing workflowListing = new WorkflowListing(platform, workflowCatalog);
        ComponentCatalog componentCatalog = new ComponentCatalog(platform, documents);
        Components components = new Components(platform, documents, componentCatalog, dependents);
        ComponentListing componentListing = new ComponentListing(platform, componentCatalog);
        ImageBuilderTags tags = new ImageBuilderTags(platform, workflowCatalog, rows);
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

        // recipes and configurations
        ImageRecipes imageRecipes = new ImageRecipes(owned, recipeComponents, dependents);
        api.add("PUT", "/CreateImageRecipe", "CreateImageRecipe", ImageRecipeShapes.CreateImageRecipeInput.class, imageRecipes::create)
                .add("GET", "/GetImageRecipe", "GetImageRecipe", ImageRecipeShapes.GetImageRecipeInput.class, imageRecipes::get)
                .add("POST", "/ListImageRecipes", "ListImageRecipes", ImageRecipeShapes.ListImageRecipesInput.class, imageRecipes::list)
                .add("DELETE", "/DeleteImageRecipe", "DeleteImageRecipe", ImageRecipeShapes.DeleteImageRecipeInput.class, imageRecipes::delete);
        ContainerRecipes containerRecipes = new ContainerRecipes(owned, recipeComponents, dependents);
        api.add("PUT", "/CreateContainerRecipe", "CreateContainerRecipe", ContainerRecipeShapes.CreateContainerRecipeInput.class, containerRecipes::create)
                .add("GET", "/GetContainerRecipe", "GetContainerRecipe", ContainerRecipeShapes.GetContainerRecipeInput.class, containerRecipes::get)
                .add("POST", "/ListContainerRecipes", "ListContainerRecipes", ContainerRecipeShapes.ListContainerRecipesInput.class, containerRecipes::list)
                .add("DELETE", "/DeleteContainerRecipe", "DeleteContainerRecipe", ContainerRecipeShapes.DeleteContainerRecipeInput.class, containerRecipes::delete);
        InfrastructureConfigurations infrastructure = new InfrastructureConfigurations(owned, dependents);
        api.add("PUT", "/CreateInfrastructureConfiguration", "CreateInfrastructureConfiguration",
                        InfrastructureConfigurationShapes.CreateInfrastructureConfigurationInput.class, infrastructure::create)
                .add("PUT", "/UpdateInfrastructureConfiguration", "UpdateInfrastructureConfiguration",
                        InfrastructureConfigurationShapes.UpdateInfrastructureConfigurationInput.class, infrastructure::update)
                .add("GET", "/GetInfrastructureConfiguration", "GetInfrastructureConfiguration",
                        InfrastructureConfigurationShapes.GetInfrastructureConfigurationInput.class, infrastructure::get)
                .add("POST", "/ListInfrastructureConfigurations", "ListInfrastructureConfigurations",
                        InfrastructureConfigurationShapes.ListInfrastructureConfigurationsInput.class, infrastructure::list)
                .add("DELETE", "/DeleteInfrastructureConfiguration", "DeleteInfrastructureConfiguration",
                        InfrastructureConfigurationShapes.DeleteInfrastructureConfigurationInput.class, infrastructure::delete);
        DistributionConfigurations distribution = new DistributionConfigurations(owned, dependents);
        api.add("PUT", "/CreateDistributionConfiguration", "CreateDistributionConfiguration",
                        DistributionConfigurationShapes.CreateDistributionConfigurationInput.class, distribution::create)
                .add("PUT", "/UpdateDistributionConfiguration", "UpdateDistributionConfiguration",
                        DistributionConfigurationShapes.UpdateDistributionConfigurationInput.class, distribution::update)
                .add("GET", "/GetDistributionConfiguration", "GetDistributionConfiguration",
                        DistributionConfigurationShapes.GetDistributionConfigurationInput.class, distribution::get)
                .add("POST", "/ListDistributionConfigurations", "ListDistributionConfigurations",
                        DistributionConfigurationShapes.ListDistributionConfigurationsInput.class, distribution::list)
                .add("DELETE", "/DeleteDistributionConfiguration", "DeleteDistributionConfiguration",
                        DistributionConfigurationShapes.DeleteDistributionConfigurationInput.class, distribution::delete);

        // images and their workflow executions
        RuntimeSettings settings = new RuntimeSettings();
        SimulationEndpoint simulation = new SimulationEndpoint(platform.database(), settings);
        simulation.load();
        platform.admin().add(SimulationEndpoint.NAME, simulation);
        platform.engine().register(new ImageDialect(settings), new StateMachineTasks(platform.ports()), rows);
        ImagePlanner planner = new ImagePlanner(owned, imageRecipes, containerRecipes, infrastructure, distribution,
                recipeComponents, workflowCatalog);
        Images images = new Images(owned, planner, rows);
        ImageReads imageReads = new ImageReads(owned, rows);
        WorkflowExecutions executions = new WorkflowExecutions(owned, images, rows);
        api.add("PUT", "/CreateImage", "CreateImage", ImageShapes.CreateImageInput.class, images::create)
                .add("GET", "/GetImage", "GetImage", ImageShapes.GetImageInput.class, imageReads::get)
                .add("POST", "/ListImages", "ListImages", ImageShapes.ListImagesInput.class, imageReads::list)
                .add("POST", "/ListImageBuildVersions", "ListImageBuildVersions",
                        ImageShapes.ListImageBuildVersionsInput.class, imageReads::listBuildVersions)
                .add("PUT", "/CancelImageCreation", "CancelImageCreation", ImageShapes.CancelImageCreationInput.class,
                        images::cancel)
                .add("PUT", "/RetryImage", "RetryImage", ImageShapes.RetryImageInput.class, images::retry)
                .add("DELETE", "/DeleteImage", "DeleteImage", ImageShapes.DeleteImageInput.class, images::delete)
                .add("POST", "/ListWorkflowExecutions", "ListWorkflowExecutions",
                        ExecutionShapes.ListWorkflowExecutionsInput.class, executions::list)
                .add("GET", "/GetWorkflowExecution", "GetWorkflowExecution",
                        ExecutionShapes.GetWorkflowExecutionInput.class, executions::get)
                .add("POST", "/ListWorkflowStepExecutions", "ListWorkflowStepExecutions",
                        ExecutionShapes.ListWorkflowStepExecutionsInput.class, executions::listSteps)
                .add("GET", "/GetWorkflowStepExecution", "GetWorkflowStepExecution",
                        ExecutionShapes.GetWorkflowStepExecutionInput.class, executions::getStep)
                .add("POST", "/ListWaitingWorkflowSteps", "ListWaitingWorkflowSteps",
                        ExecutionShapes.ListWaitingWorkflowStepsInput.class, executions::listWaiting)
                .add("PUT", "/SendWorkflowStepAction", "SendWorkflowStepAction",
                        ExecutionShapes.SendWorkflowStepActionInput.class, executions::send);
        ImagePipelines pipelines = new ImagePipelines(owned, planner, images, imageReads, rows);
        platform.engine().register(new PipelineScheduleDialect(), new PipelineScheduler(owned, planner, images, pipelines),
                (tx, changes) -> { });
        pipelines.recoverSchedules();
        api.add("PUT", "/CreateImagePipeline", "CreateImagePipeline", PipelineShapes.CreateImagePipelineInput.class,
                        pipelines::create)
                .add("PUT", "/UpdateImagePipeline", "UpdateImagePipeline", PipelineShapes.UpdateImagePipelineInput.class,
                        pipelines::update)
                .add("GET", "/GetImagePipeline", "GetImagePipeline", PipelineShapes.GetImagePipelineInput.class,
                        pipelines::get)
                .add("POST", "/ListImagePipelines", "ListImagePipelines", PipelineShapes.ListImagePipelinesInput.class,
                        pipelines::list)
                .add("DELETE", "/DeleteImagePipeline", "DeleteImagePipeline", PipelineShapes.DeleteImagePipelineInput.class,
                        pipelines::delete)
                .add("PUT", "/StartImagePipelineExecution", "StartImagePipelineExecution",
                        PipelineShapes.StartImagePipelineExecutionInput.class, pipelines::start)
                .add("POST", "/ListImagePipelineImages", "ListImagePipelineImages",
                        PipelineShapes.ListImagePipelineImagesInput.class, pipelines::listImages);
        return api;
    }
}
