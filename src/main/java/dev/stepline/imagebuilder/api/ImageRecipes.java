package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.api.ImageRecipeShapes.CreateImageRecipeInput;
import dev.stepline.imagebuilder.api.ImageRecipeShapes.CreateImageRecipeOutput;
import dev.stepline.imagebuilder.api.ImageRecipeShapes.DeleteImageRecipeInput;
import dev.stepline.imagebuilder.api.ImageRecipeShapes.DeleteImageRecipeOutput;
import dev.stepline.imagebuilder.api.ImageRecipeShapes.GetImageRecipeInput;
import dev.stepline.imagebuilder.api.ImageRecipeShapes.GetImageRecipeOutput;
import dev.stepline.imagebuilder.api.ImageRecipeShapes.ImageRecipe;
import dev.stepline.imagebuilder.api.ImageRecipeShapes.ImageRecipeDoc;
import dev.stepline.imagebuilder.api.ImageRecipeShapes.ImageRecipeSummary;
import dev.stepline.imagebuilder.api.ImageRecipeShapes.ListImageRecipesInput;
import dev.stepline.imagebuilder.api.ImageRecipeShapes.ListImageRecipesOutput;
import dev.stepline.imagebuilder.api.RecipeShapes.LatestVersions;
import dev.stepline.imagebuilder.arn.ArnShape;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.arn.ResourceNames;
import dev.stepline.imagebuilder.version.RecipeVersioning;
import dev.stepline.imagebuilder.version.SemanticVersion;
import dev.stepline.imagebuilder.version.VersionPattern;
import dev.stepline.protocol.RequestContext;
import dev.stepline.store.StoredResource;
import java.util.List;
import java.util.Set;

/**
 * Image recipes (spec §5.2): immutable, one per (name, version); {@code semanticVersion} may hold
 * {@code x} nodes, which pick the next free version ({@link RecipeVersioning}). Get resolves a
 * wildcard ARN to the highest matching version; Delete wants an exact one.
 */
final class ImageRecipes {
    static final String KIND = "ib:imageRecipe";
    private static final Set<String> FILTERS = Set.of("name", "parentImage", "platform");

    private final OwnedResources resources;
    private final Dependents dependents;
    private final RecipeVersions versions;
    private final RecipeComponents components;

    ImageRecipes(OwnedResources resources, RecipeComponents components, Dependents dependents) {
        this.resources = resources;
        this.dependents = dependents;
        this.versions = new RecipeVersions(resources, KIND);
        this.components = components;
    }

    CreateImageRecipeOutput create(RequestContext context, CreateImageRecipeInput input) {
        String arnName = ResourceNames.arnName(ResourceNames.validate(input.name(), "name"));
        VersionPattern requested = VersionPattern.parse(input.semanticVersion(), "semanticVersion");
        RecipeComponents.checkShape(input.components());
        CreateImageRecipeOutput out = resources.platform().database().write(tx ->
                resources.once(tx, context, "CreateImageRecipe", input.clientToken(), input, CreateImageRecipeOutput.class, () -> {
                    components.checkReferences(tx, context, input.components());
                    SemanticVersion version = RecipeVersioning.assign(requested, versions.versions(tx, context, arnName));
                    ImageBuilderArn arn = ImageBuilderArn.imageRecipe(context.region(), context.account(), arnName, version);
                    ImageRecipeDoc doc = new ImageRecipeDoc(input.name(), input.description(),
                            RecipeVersions.platformOf(input.parentImage()), version.toString(), input.components(),
                            input.parentImage(), input.blockDeviceMappings(), input.workingDirectory(),
                            input.additionalInstanceConfiguration(), input.amiTags(), input.amiWatermarks());
                    if (!resources.insert(tx, context, KIND, arn.toString(), RecipeVersions.sortKey(arnName, version), doc,
                            input.tags())) {
                        throw ImageBuilderErrors.alreadyExists("The following resource 'ImageRecipe' already exists: '" + arn + "'.");
                    }
                    return new CreateImageRecipeOutput(null, input.clientToken(), arn.toString(), LatestVersions.of(arn));
                }));
        return new CreateImageRecipeOutput(context.requestId(), out.clientToken(), out.imageRecipeArn(),
                out.latestVersionReferences());
    }

    GetImageRecipeOutput get(RequestContext context, GetImageRecipeInput input) {
        ImageBuilderArn arn = ArnShape.IMAGE_RECIPE_ARN.parse(input.imageRecipeArn(), "imageRecipeArn");
        OwnedResources.checkAccount(context, arn);
        return resources.platform().database().read(tx -> {
            StoredResource row = versions.resolve(tx, context, arn);
            ImageRecipe recipe = view(tx, row);
            return new GetImageRecipeOutput(context.requestId(), recipe, LatestVersions.of(ImageBuilderArn.parse(row.arn())));
        });
    }

    /** The recipe a row holds, as GetImageRecipe (and GetImage's snapshot) show it. */
    ImageRecipe view(dev.stepline.store.Tx tx, StoredResource row) {
        ImageRecipeDoc doc = resources.read(row, ImageRecipeDoc.class);
        return new ImageRecipe(row.arn(), "AMI", doc.name(), doc.description(), doc.platform(),
                row.account(), doc.version(), doc.components(), doc.parentImage(), doc.blockDeviceMappings(),
                OwnedResources.date(row.createdMs()), resources.tags(tx, row.arn()), doc.workingDirectory(),
                doc.additionalInstanceConfiguration(), doc.amiTags(), doc.amiWatermarks());
    }

    /** The row a recipe ARN names (a wildcard resolves to the highest version). */
    StoredResource resolve(dev.stepline.store.Tx tx, RequestContext context, ImageBuilderArn arn) {
        return versions.resolve(tx, context, arn);
    }

    ListImageRecipesOutput list(RequestContext context, ListImageRecipesInput input) {
        ListFilters filters = ListFilters.of(input.filters(), FILTERS);
        String owner = input.owner() == null ? "Self" : input.owner();
        String fingerprint = resources.fingerprint(owner, input.filters());
        return resources.platform().database().read(tx -> {
            if (!owner.equals("Self")) {
                // nothing is shared with the caller, and no AWS-owned recipes are seeded locally
                ImageBuilderPaging.after(resources.platform().pageTokens(), input.nextToken(), "ListImageRecipes", fingerprint);
                return new ListImageRecipesOutput(context.requestId(), List.of(), null);
            }
            OwnedResources.Page page = resources.page(tx, context, KIND, "ListImageRecipes", fingerprint,
                    input.maxResults(), input.nextToken(), row -> {
                        ImageRecipeDoc doc = resources.read(row, ImageRecipeDoc.class);
                        return filters.matches(field -> switch (field) {
                            case "name" -> doc.name();
                            case "parentImage" -> doc.parentImage();
                            case "platform" -> doc.platform();
                            default -> null;
                        });
                    });
            List<ImageRecipeSummary> items = page.rows().stream().map(row -> {
                ImageRecipeDoc doc = resources.read(row, ImageRecipeDoc.class);
                return new ImageRecipeSummary(row.arn(), doc.name(), doc.platform(), row.account(), doc.parentImage(),
                        OwnedResources.date(row.createdMs()), resources.tags(tx, row.arn()));
            }).toList();
            return new ListImageRecipesOutput(context.requestId(), items, page.nextToken());
        });
    }

    DeleteImageRecipeOutput delete(RequestContext context, DeleteImageRecipeInput input) {
        ImageBuilderArn arn = ArnShape.IMAGE_RECIPE_ARN.parse(input.imageRecipeArn(), "imageRecipeArn");
        requireExact(arn, "imageRecipeArn");
        OwnedResources.refuseAwsOwned(arn);
        resources.deleteOwned(context, KIND, arn, dependents);
        return new DeleteImageRecipeOutput(context.requestId(), arn.toString());
    }

    /** Delete names one version: a wildcard ARN is rejected rather than resolved. */
    static void requireExact(ImageBuilderArn arn, String parameter) {
        if (arn.isWildcard()) {
            throw ImageBuilderErrors.invalidParameter(parameter,
                    "A version with 'x' nodes cannot be deleted; specify the exact version ARN.");
        }
    }
}
