package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.api.ContainerRecipeShapes.ContainerRecipe;
import dev.stepline.imagebuilder.api.ContainerRecipeShapes.ContainerRecipeDoc;
import dev.stepline.imagebuilder.api.ContainerRecipeShapes.ContainerRecipeSummary;
import dev.stepline.imagebuilder.api.ContainerRecipeShapes.CreateContainerRecipeInput;
import dev.stepline.imagebuilder.api.ContainerRecipeShapes.CreateContainerRecipeOutput;
import dev.stepline.imagebuilder.api.ContainerRecipeShapes.DeleteContainerRecipeInput;
import dev.stepline.imagebuilder.api.ContainerRecipeShapes.DeleteContainerRecipeOutput;
import dev.stepline.imagebuilder.api.ContainerRecipeShapes.GetContainerRecipeInput;
import dev.stepline.imagebuilder.api.ContainerRecipeShapes.GetContainerRecipeOutput;
import dev.stepline.imagebuilder.api.ContainerRecipeShapes.ListContainerRecipesInput;
import dev.stepline.imagebuilder.api.ContainerRecipeShapes.ListContainerRecipesOutput;
import dev.stepline.imagebuilder.api.RecipeShapes.LatestVersions;
import dev.stepline.imagebuilder.arn.ArnShape;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.arn.ModelPatterns;
import dev.stepline.imagebuilder.arn.ResourceNames;
import dev.stepline.imagebuilder.version.RecipeVersioning;
import dev.stepline.imagebuilder.version.SemanticVersion;
import dev.stepline.imagebuilder.version.VersionPattern;
import dev.stepline.protocol.RequestContext;
import dev.stepline.store.StoredResource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Container recipes: like image recipes (versioned, immutable, {@code x} auto-versioning), plus a
 * Dockerfile template given inline ({@code dockerfileTemplateData}) or as an {@code s3://} URI
 * read from the local object store, exactly one of the two.
 */
final class ContainerRecipes {
    static final String KIND = "ib:containerRecipe";
    private static final Set<String> FILTERS = Set.of("containerType", "name", "parentImage", "platform");

    private final OwnedResources resources;
    private final Dependents dependents;
    private final RecipeVersions versions;
    private final RecipeComponents components;

    ContainerRecipes(OwnedResources resources, RecipeComponents components, Dependents dependents) {
        this.resources = resources;
        this.dependents = dependents;
        this.versions = new RecipeVersions(resources, KIND);
        this.components = components;
    }

    CreateContainerRecipeOutput create(RequestContext context, CreateContainerRecipeInput input) {
        String arnName = ResourceNames.arnName(ResourceNames.validate(input.name(), "name"));
        VersionPattern requested = VersionPattern.parse(input.semanticVersion(), "semanticVersion");
        RecipeComponents.checkShape(input.components());
        checkTemplateChoice(input);
        CreateContainerRecipeOutput out = resources.platform().database().write(tx ->
                resources.once(tx, context, "CreateContainerRecipe", input.clientToken(), input,
                        CreateContainerRecipeOutput.class, () -> {
                    components.checkReferences(tx, context, input.components());
                    String template = input.dockerfileTemplateData() != null
                            ? input.dockerfileTemplateData() : fetch(input.dockerfileTemplateUri());
                    SemanticVersion version = RecipeVersioning.assign(requested, versions.versions(tx, context, arnName));
                    ImageBuilderArn arn = ImageBuilderArn.containerRecipe(context.region(), context.account(), arnName, version);
                    String platform = input.platformOverride() != null
                            ? input.platformOverride() : RecipeVersions.platformOf(input.parentImage());
                    ContainerRecipeDoc doc = new ContainerRecipeDoc(input.containerType(), input.name(), input.description(),
                            platform, version.toString(), input.components(), input.instanceConfiguration(), template,
                            input.imageOsVersionOverride(), input.kmsKeyId(), input.parentImage(), input.workingDirectory(),
                            input.targetRepository());
                    if (!resources.insert(tx, context, KIND, arn.toString(), RecipeVersions.sortKey(arnName, version), doc,
                            input.tags())) {
                        throw ImageBuilderErrors.alreadyExists(
                                "The following resource 'ContainerRecipe' already exists: '" + arn + "'.");
                    }
                    return new CreateContainerRecipeOutput(null, input.clientToken(), arn.toString(), LatestVersions.of(arn));
                }));
        return new CreateContainerRecipeOutput(context.requestId(), out.clientToken(), out.containerRecipeArn(),
                out.latestVersionReferences());
    }

    private static void checkTemplateChoice(CreateContainerRecipeInput input) {
        boolean data = input.dockerfileTemplateData() != null;
        boolean uri = input.dockerfileTemplateUri() != null;
        if (data && uri) {
            throw ImageBuilderErrors.invalidParameterCombination(
                    "You must specify either dockerfileTemplateData or dockerfileTemplateUri, not both.");
        }
        if (!data && !uri) {
            throw ImageBuilderErrors.invalidParameterCombination(
                    "You must specify either dockerfileTemplateData or dockerfileTemplateUri.");
        }
        if (data && ModelPatterns.containsNul(input.dockerfileTemplateData())) {
            throw ImageBuilderErrors.invalidParameter("dockerfileTemplateData", "The template must not contain NUL characters.");
        }
        if (uri && !input.dockerfileTemplateUri().matches("s3://[^/]+/.+")) {
            throw ImageBuilderErrors.invalidParameter("dockerfileTemplateUri",
                    "The URI must have the form s3://<bucket>/<key>.");
        }
    }

    /** Reads an {@code s3://bucket/key} template from the local object store. */
    private String fetch(String uri) {
        String path = uri.substring("s3://".length());
        int slash = path.indexOf('/');
        return resources.platform().objects().get(path.substring(0, slash), path.substring(slash + 1), null)
                .map(o -> new String(o.content(), StandardCharsets.UTF_8))
                .filter(text -> !text.isEmpty() && text.length() <= 16000 && !ModelPatterns.containsNul(text))
                .orElseThrow(() -> ImageBuilderErrors.invalidParameter("dockerfileTemplateUri",
                        "The object '" + uri + "' does not exist or is not a valid Dockerfile template."));
    }

    GetContainerRecipeOutput get(RequestContext context, GetContainerRecipeInput input) {
        ImageBuilderArn arn = ArnShape.CONTAINER_RECIPE_ARN.parse(input.containerRecipeArn(), "containerRecipeArn");
        OwnedResources.checkAccount(context, arn);
        return resources.platform().database().read(tx -> {
            StoredResource row = versions.resolve(tx, context, arn);
            ContainerRecipe recipe = view(tx, row);
            return new GetContainerRecipeOutput(context.requestId(), recipe,
                    LatestVersions.of(ImageBuilderArn.parse(row.arn())));
        });
    }

    /** The recipe a row holds, as GetContainerRecipe (and GetImage's snapshot) show it. */
    ContainerRecipe view(dev.stepline.store.Tx tx, StoredResource row) {
        ContainerRecipeDoc doc = resources.read(row, ContainerRecipeDoc.class);
        return new ContainerRecipe(row.arn(), doc.containerType(), doc.name(), doc.description(),
                doc.platform(), row.account(), doc.version(), doc.components(), doc.instanceConfiguration(),
                doc.dockerfileTemplateData(), doc.kmsKeyId(), true, doc.parentImage(),
                OwnedResources.date(row.createdMs()), resources.tags(tx, row.arn()), doc.workingDirectory(),
                doc.targetRepository());
    }

    /** The row a recipe ARN names (a wildcard resolves to the highest version). */
    StoredResource resolve(dev.stepline.store.Tx tx, RequestContext context, ImageBuilderArn arn) {
        return versions.resolve(tx, context, arn);
    }

    ListContainerRecipesOutput list(RequestContext context, ListContainerRecipesInput input) {
        ListFilters filters = ListFilters.of(input.filters(), FILTERS);
        String owner = input.owner() == null ? "Self" : input.owner();
        String fingerprint = resources.fingerprint(owner, input.filters());
        return resources.platform().database().read(tx -> {
            if (!owner.equals("Self")) {
                ImageBuilderPaging.after(resources.platform().pageTokens(), input.nextToken(), "ListContainerRecipes",
                        fingerprint);
                return new ListContainerRecipesOutput(context.requestId(), List.of(), null);
            }
            OwnedResources.Page page = resources.page(tx, context, KIND, "ListContainerRecipes", fingerprint,
                    input.maxResults(), input.nextToken(), row -> {
                        ContainerRecipeDoc doc = resources.read(row, ContainerRecipeDoc.class);
                        return filters.matches(field -> switch (field) {
                            case "containerType" -> doc.containerType();
                            case "name" -> doc.name();
                            case "parentImage" -> doc.parentImage();
                            case "platform" -> doc.platform();
                            default -> null;
                        });
                    });
            List<ContainerRecipeSummary> items = page.rows().stream().map(row -> {
                ContainerRecipeDoc doc = resources.read(row, ContainerRecipeDoc.class);
                return new ContainerRecipeSummary(row.arn(), doc.containerType(), doc.name(), doc.platform(),
                        row.account(), doc.parentImage(), OwnedResources.date(row.createdMs()),
                        doc.instanceConfiguration() == null ? null : doc.instanceConfiguration().image(),
                        resources.tags(tx, row.arn()));
            }).toList();
            return new ListContainerRecipesOutput(context.requestId(), items, page.nextToken());
        });
    }

    DeleteContainerRecipeOutput delete(RequestContext context, DeleteContainerRecipeInput input) {
        ImageBuilderArn arn = ArnShape.CONTAINER_RECIPE_ARN.parse(input.containerRecipeArn(), "containerRecipeArn");
        ImageRecipes.requireExact(arn, "containerRecipeArn");
        OwnedResources.refuseAwsOwned(arn);
        resources.deleteOwned(context, KIND, arn, dependents);
        return new DeleteContainerRecipeOutput(context.requestId(), arn.toString());
    }
}
