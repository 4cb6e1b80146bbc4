package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.WorkflowType;
import dev.stepline.imagebuilder.api.ContainerRecipeShapes.ContainerRecipe;
import dev.stepline.imagebuilder.api.DistributionConfigurationShapes.Distribution;
import dev.stepline.imagebuilder.api.DistributionConfigurationShapes.DistributionConfiguration;
import dev.stepline.imagebuilder.api.ImageRecipeShapes.ImageRecipe;
import dev.stepline.imagebuilder.api.ImageShapes.ImageLoggingConfiguration;
import dev.stepline.imagebuilder.api.ImageShapes.ImageScanningConfiguration;
import dev.stepline.imagebuilder.api.ImageShapes.ImageTestsConfiguration;
import dev.stepline.imagebuilder.api.ImageShapes.WorkflowConfiguration;
import dev.stepline.imagebuilder.api.ImageShapes.WorkflowParameter;
import dev.stepline.imagebuilder.api.InfrastructureConfigurationShapes.InfrastructureConfiguration;
import dev.stepline.imagebuilder.arn.ArnShape;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.document.ParameterBinding;
import dev.stepline.imagebuilder.document.WorkflowDocument;
import dev.stepline.imagebuilder.managed.ManagedWorkflow;
import dev.stepline.imagebuilder.managed.ManagedWorkflows;
import dev.stepline.imagebuilder.runtime.ImagePlan;
import dev.stepline.imagebuilder.version.BuildVersion;
import dev.stepline.imagebuilder.version.SemanticVersion;
import dev.stepline.imagebuilder.version.VersionPattern;
import dev.stepline.protocol.RequestContext;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.store.StoredResource;
import dev.stepline.store.Tx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what CreateImage or a pipeline asks for into an {@link ImagePlan} (spec §4.2) and the
 * snapshot GetImage shows: the recipe, configurations and workflows as they are now, workflows
 * resolved to build versions with their parameters bound, or the managed defaults.
 */
final class ImagePlanner {
    static final int MAX_WORKFLOWS = 10;
    private static final int DEFAULT_TEST_TIMEOUT_MINUTES = 720;

    /** The image-building part of CreateImage and CreateImagePipeline. */
    record ImageRequest(String imageRecipeArn, String containerRecipeArn, String infrastructureConfigurationArn,
                        String distributionConfigurationArn, ImageTestsConfiguration imageTestsConfiguration,
                        Boolean enhancedImageMetadataEnabled, ImageScanningConfiguration imageScanningConfiguration,
                        List<WorkflowConfiguration> workflows, String executionRole,
                        ImageLoggingConfiguration loggingConfiguration) {}

    /** A plan, the recipe it builds and the image's GetImage snapshot (without arn, dates, state and tags). */
    record Planned(ImagePlan plan, ImageBuilderArn recipeArn, ObjectNode spec) {}

    private final OwnedResources resources;
    private final ImageRecipes imageRecipes;
    private final ContainerRecipes containerRecipes;
    private final InfrastructureConfigurations infrastructure;
    private final DistributionConfigurations distribution;
    private final RecipeComponents components;
    private final WorkflowCatalog workflows;
    private final JsonCodec json;

    ImagePlanner(OwnedResources resources, ImageRecipes imageRecipes, ContainerRecipes containerRecipes,
                 InfrastructureConfigurations infrastructure, DistributionConfigurations distribution,
                 RecipeComponents components, WorkflowCatalog workflows) {
        this.resources = resources;
        this.imageRecipes = imageRecipes;
        this.containerRecipes = containerRecipes;
        this.infrastructure = infrastructure;
        this.distribution = distribution;
        this.components = components;
        this.workflows = workflows;
        this.json = resources.store();
    }

    /**
     * The checks that need no store (spec §5.2, §4.2), run before idempotency: one recipe, ARN
     * patterns, the workflow list's shape, and the execution role.
     */
    static void checkShape(ImageRequest r) {
        if ((r.imageRecipeArn() == null) == (r.containerRecipeArn() == null)) {
            throw ImageBuilderErrors.invalidParameterCombination(
                    "You must specify exactly one of imageRecipeArn and containerRecipeArn.");
        }
        if (r.imageRecipeArn() != null) {
            ArnShape.IMAGE_RECIPE_ARN.parse(r.imageRecipeArn(), "imageRecipeArn");
        } else {
            ArnShape.CONTAINER_RECIPE_ARN.parse(r.containerRecipeArn(), "containerRecipeArn");
        }
        ArnShape.INFRASTRUCTURE_CONFIGURATION_ARN.parse(r.infrastructureConfigurationArn(), "infrastructureConfigurationArn");
        if (r.distributionConfigurationArn() != null) {
            ArnShape.DISTRIBUTION_CONFIGURATION_ARN.parse(r.distributionConfigurationArn(), "distributionConfigurationArn");
        }
        List<WorkflowConfiguration> list = r.workflows() == null ? List.of() : r.workflows();
        if (list.size() > MAX_WORKFLOWS) {
            throw ImageBuilderErrors.invalidParameter("workflows", "At most " + MAX_WORKFLOWS + " workflows can be specified.");
        }
        Map<WorkflowType, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            WorkflowConfiguration w = list.get(i);
            String path = "workflows[" + i + "]";
            ImageBuilderArn arn = ArnShape.WORKFLOW_VERSION_ARN_OR_BUILD_VERSION_ARN.parse(w.workflowArn(), path + ".workflowArn");
            WorkflowType type = arn.workflowType().orElseThrow();
            counts.merge(type, 1, Integer::sum);
            if (arn.isAwsOwned() && !VersionPattern.LATEST.equals(arn.version().orElseThrow())) {
                throw ImageBuilderErrors.invalidParameter("workflows",
                        "AWS managed workflows must have latest version 'x.x.x' for '" + w.workflowArn() + "'");
            }
            if (w.parallelGroup() != null && type != WorkflowType.TEST) {
                throw ImageBuilderErrors.invalidParameter(path + ".parallelGroup",
                        "A parallel group can only be set for workflows of type TEST.");
            }
            if (w.parameters() != null) {
                for (int j = 0; j < w.parameters().size(); j++) {
                    WorkflowParameter p = w.parameters().get(j);
                    if (p.name().indexOf('\0') >= 0 || p.value().stream().anyMatch(v -> v == null || v.indexOf('\0') >= 0
                            || v.length() > 1024)) {
                        throw ImageBuilderErrors.invalidParameter(path + ".parameters[" + j + "]",
                                "Parameter names and values must not contain NUL characters; values are at most 1024 characters.");
                    }
                }
            }
        }
        for (WorkflowType single : List.of(WorkflowType.BUILD, WorkflowType.DISTRIBUTION)) {
            if (counts.getOrDefault(single, 0) > 1) {
                throw ImageBuilderErrors.invalidParameter("workflows",
                        "At most one workflow of type " + single.wireName() + " can be specified.");
            }
        }
        if (!list.isEmpty() && r.executionRole() == null) {
            throw ImageBuilderErrors.invalidRequest("An execution role is required to provide workflows");
        }
    }

    /** The recipe the request names (resolving a wildcard version). */
    StoredResource recipe(Tx tx, RequestContext context, ImageRequest r) {
        boolean ami = r.imageRecipeArn() != null;
        ImageBuilderArn arn = ImageBuilderArn.parse(ami ? r.imageRecipeArn() : r.containerRecipeArn());
        OwnedResources.checkAccount(context, arn);
        return ami ? imageRecipes.resolve(tx, context, arn) : containerRecipes.resolve(tx, context, arn);
    }

    /**
     * What a pipeline's {@code EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE} watches: the
     * recipe's build version, its parent image as written and the build version each of its
     * components resolves to now, one per line.
     */
    String dependencies(Tx tx, RequestContext context, ImageRequest r) {
        StoredResource row = recipe(tx, context, r);
        List<String> lines = new ArrayList<>();
        lines.add(row.arn());
        if (r.imageRecipeArn() != null) {
            ImageRecipe recipe = imageRecipes.view(tx, row);
            lines.add(String.valueOf(recipe.parentImage()));
            lines.addAll(components.resolvedArns(tx, context, recipe.components()));
        } else {
            ContainerRecipe recipe = containerRecipes.view(tx, row);
            lines.add(String.valueOf(recipe.parentImage()));
            lines.addAll(components.resolvedArns(tx, context, recipe.components()));
        }
        return String.join("\n", lines);
    }

    /**
     * Resolves everything the request names (→ {@code ResourceNotFoundException}) and plans the
     * image with build number {@code build}.
     */
    Planned plan(Tx tx, RequestContext context, ImageRequest r, StoredResource recipeRow, int build) {
        boolean ami = r.imageRecipeArn() != null;
        ImageBuilderArn infraArn = ImageBuilderArn.parse(r.infrastructureConfigurationArn());
        OwnedResources.checkAccount(context, infraArn);
        InfrastructureConfiguration infra = infrastructure.view(tx,
                resources.require(tx, context, InfrastructureConfigurations.KIND, infraArn.toString()));
        DistributionConfiguration dist = null;
        if (r.distributionConfigurationArn() != null) {
            ImageBuilderArn distArn = ImageBuilderArn.parse(r.distributionConfigurationArn());
            OwnedResources.checkAccount(context, distArn);
            dist = distribution.view(tx, resources.require(tx, context, DistributionConfigurations.KIND, distArn.toString()));
        }
        ObjectNode spec = json.mapper().createObjectNode();
        String name;
        String platform;
        String version;
        String parentImage;
        String workingDirectory;
        String osVersion = null;
        String repository = null;
        List<RecipeShapes.ComponentConfiguration> recipeComponents;
        if (ami) {
            ImageRecipe recipe = imageRecipes.view(tx, recipeRow);
            name = recipe.name();
            platform = recipe.platform();
            version = recipe.version();
            parentImage = recipe.parentImage();
            workingDirectory = recipe.workingDirectory();
            recipeComponents = recipe.components();
            spec.put("type", "AMI");
            spec.set("imageRecipe", json.mapper().valueToTree(recipe));
        } else {
            ContainerRecipe recipe = containerRecipes.view(tx, recipeRow);
            name = recipe.name();
            platform = recipe.platform();
            version = recipe.version();
            parentImage = recipe.parentImage();
            workingDirectory = recipe.workingDirectory();
            recipeComponents = recipe.components();
            repository = recipe.targetRepository().repositoryName();
            JsonNode stored = json.mapper().readTree(recipeRow.doc()).get("imageOsVersionOverride");
            osVersion = stored == null || stored.isNull() ? null : stored.asString();
            spec.put("type", "DOCKER");
            spec.set("containerRecipe", json.mapper().valueToTree(recipe));
        }
        spec.put("name", name);
        spec.put("version", version + "/" + build);
        spec.put("platform", platform);
        boolean metadata = r.enhancedImageMetadataEnabled() == null || r.enhancedImageMetadataEnabled();
        spec.put("enhancedImageMetadataEnabled", metadata);
        spec.set("infrastructureConfiguration", json.mapper().valueToTree(infra));
        if (dist != null) {
            spec.set("distributionConfiguration", json.mapper().valueToTree(dist));
        }
        boolean testsEnabled = r.imageTestsConfiguration() == null || r.imageTestsConfiguration().imageTestsEnabled() == null
                || r.imageTestsConfiguration().imageTestsEnabled();
        int testTimeout = r.imageTestsConfiguration() == null || r.imageTestsConfiguration().timeoutMinutes() == null
                ? DEFAULT_TEST_TIMEOUT_MINUTES : r.imageTestsConfiguration().timeoutMinutes();
        spec.putObject("imageTestsConfiguration").put("imageTestsEnabled", testsEnabled).put("timeoutMinutes", testTimeout);
        spec.put("buildType", "USER_INITIATED");
        spec.put("imageSource", "CUSTOM");
        if (r.imageScanningConfiguration() != null) {
            spec.set("imageScanningConfiguration", json.mapper().valueToTree(r.imageScanningConfiguration()));
        }
        if (r.executionRole() != null) {
            spec.put("executionRole", r.executionRole());
        }
        if (r.workflows() != null && !r.workflows().isEmpty()) {
            spec.set("workflows", json.mapper().valueToTree(r.workflows()));
        }
        if (r.loggingConfiguration() != null) {
            spec.set("loggingConfiguration", json.mapper().valueToTree(r.loggingConfiguration()));
        }
        int[] kinds = components.kinds(tx, context, recipeComponents);
        String s3Logs = infra.logging() == null || infra.logging().s3Logs() == null ? null
                : infra.logging().s3Logs().s3BucketName();
        ImagePlan.Infrastructure facts = new ImagePlan.Infrastructure(infra.instanceProfileName(), infra.securityGroupIds(),
                infra.subnetId(), s3Logs, infra.terminateInstanceOnFailure() == null || infra.terminateInstanceOnFailure());
        boolean scanning = r.imageScanningConfiguration() != null
                && Boolean.TRUE.equals(r.imageScanningConfiguration().imageScanningEnabled());
        ImagePlan plan = new ImagePlan(ami ? "AMI" : "DOCKER", platform, name, version, build, parentImage, osVersion,
                metadata, scanning, kinds[0], kinds[1], facts, workingDirectory == null ? "/tmp" : workingDirectory,
                workflowSpecs(tx, context, r.workflows(), ami, testsEnabled), targets(context, dist), repository);
        return new Planned(plan, ImageBuilderArn.parse(recipeRow.arn()), spec);
    }

    /** The workflows to run: the request's, resolved and bound, or the managed defaults (spec §4.2). */
    private List<ImagePlan.WorkflowSpec> workflowSpecs(Tx tx, RequestContext context, List<WorkflowConfiguration> requested,
                                                       boolean ami, boolean testsEnabled) {
        List<ImagePlan.WorkflowSpec> out = new ArrayList<>();
        if (requested == null || requested.isEmpty()) {
            out.add(managed(context, WorkflowType.BUILD, ami ? "build-image" : "build-container"));
            if (testsEnabled) {
                out.add(managed(context, WorkflowType.TEST, ami ? "test-image" : "test-container"));
            }
            return out;
        }
        for (int i = 0; i < requested.size(); i++) {
            WorkflowConfiguration w = requested.get(i);
            ImageBuilderArn arn = ImageBuilderArn.parse(w.workflowArn());
            ResourceAccess.checkAccount(context, arn, w.workflowArn());
            WorkflowCatalog.WorkflowBuild build = workflows.resolve(tx, context, arn)
                    .orElseThrow(() -> ImageBuilderErrors.notFound(w.workflowArn()));
            WorkflowDocument document = WorkflowDocument.parse(build.doc().data(), build.type());
            Map<String, List<String>> supplied = new LinkedHashMap<>();
            if (w.parameters() != null) {
                w.parameters().forEach(p -> supplied.put(p.name(), p.value()));
            }
            Map<String, JsonNode> bound = ParameterBinding.bind(document, supplied, "workflows[" + i + "].parameters");
            ObjectNode parameters = json.mapper().createObjectNode();
            bound.forEach(parameters::set);
            out.add(new ImagePlan.WorkflowSpec(build.arn().toString(), build.type().wireName(), build.doc().data(), parameters,
                    w.parallelGroup(), w.onFailure() == null ? "ABORT" : w.onFailure()));
        }
        return out;
    }

    private ImagePlan.WorkflowSpec managed(RequestContext context, WorkflowType type, String name) {
        ManagedWorkflow m = ManagedWorkflows.find(type, name).orElseThrow();
        return new ImagePlan.WorkflowSpec(m.arn(context.region()).toString(), type.wireName(), m.data(),
                json.mapper().createObjectNode(), null, "ABORT");
    }

    /** Where the image goes: the distribution configuration's regions, the build region always first. */
    private static List<ImagePlan.DistributionTarget> targets(RequestContext context, DistributionConfiguration dist) {
        List<ImagePlan.DistributionTarget> out = new ArrayList<>();
        if (dist != null && dist.distributions() != null) {
            for (Distribution d : dist.distributions()) {
                var ami = d.amiDistributionConfiguration();
                out.add(new ImagePlan.DistributionTarget(d.region(), ami == null ? null : ami.targetAccountIds(),
                        ami == null ? null : ami.name(), ami == null ? null : ami.description()));
            }
        }
        if (out.stream().noneMatch(t -> t.region().equals(context.region()))) {
            out.add(0, new ImagePlan.DistributionTarget(context.region(), List.of(), null, null));
        }
        return out;
    }

    /** The image build-version ARN for a recipe and a build number. */
    static ImageBuilderArn imageArn(RequestContext context, ImageBuilderArn recipeArn, int build) {
        SemanticVersion version = recipeArn.version().flatMap(VersionPattern::exactVersion).orElseThrow();
        return ImageBuilderArn.image(context.region(), context.account(), recipeArn.name(), new BuildVersion(version, build));
    }
}
