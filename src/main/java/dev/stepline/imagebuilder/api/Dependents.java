package dev.stepline.imagebuilder.api;

import static java.util.Objects.requireNonNull;

import dev.stepline.imagebuilder.api.PipelineShapes.CreateImagePipelineInput;
import dev.stepline.imagebuilder.api.PipelineShapes.PipelineDoc;
import dev.stepline.imagebuilder.api.RecipeShapes.ComponentConfiguration;
import dev.stepline.imagebuilder.api.ImageShapes.WorkflowConfiguration;
import dev.stepline.imagebuilder.runtime.ImageRows;
import dev.stepline.protocol.RequestContext;
import dev.stepline.store.StoredResource;
import dev.stepline.store.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Whether something still depends on a recipe, configuration, component or workflow that is being
 * deleted (spec §5.2): a pipeline of the caller that names it (a component: that its recipe's
 * components resolve to it now), or a non-terminal image that builds with it. The deletes call
 * {@link #check} in their own transaction, so a pipeline created concurrently cannot slip between
 * the check and the delete on the embedded store.
 */
final class Dependents {
    private static final int SCAN_BATCH = 200;
    private static final TypeReference<List<ComponentConfiguration>> COMPONENTS = new TypeReference<>() {};
    private static final TypeReference<List<WorkflowConfiguration>> WORKFLOWS = new TypeReference<>() {};

    private final OwnedResources resources;
    private final RecipeComponents components;
    private final ImageRows rows;

    Dependents(OwnedResources resources, RecipeComponents components, ImageRows rows) {
        this.resources = requireNonNull(resources, "resources is null");
        this.components = requireNonNull(components, "components is null");
        this.rows = requireNonNull(rows, "rows is null");
    }

    /** {@code ResourceDependencyException} when anything still uses {@code arn}. */
    void check(Tx tx, RequestContext context, String arn) {
        if (usedByPipeline(tx, context, arn) || usedByActiveImage(tx, context, arn)) {
            throw ImageBuilderErrors.dependency(arn);
        }
    }

    private boolean usedByPipeline(Tx tx, RequestContext context, String arn) {
        String cursor = null;
        while (true) {
            List<StoredResource> batch = resources.platform().resources().list(tx, context.account(), context.region(),
                    ImagePipelines.KIND, "", cursor, SCAN_BATCH);
            for (StoredResource row : batch) {
                CreateImagePipelineInput p = resources.read(row, PipelineDoc.class).request();
                if (arn.equals(p.imageRecipeArn()) || arn.equals(p.containerRecipeArn())
                        || arn.equals(p.infrastructureConfigurationArn()) || arn.equals(p.distributionConfigurationArn())
                        || names(p.workflows(), arn)
                        || resolvedComponents(tx, context, recipeComponents(tx, p)).contains(arn)) {
                    return true;
                }
            }
            if (batch.size() < SCAN_BATCH) {
                return false;
            }
            cursor = batch.get(batch.size() - 1).sortKey();
        }
    }

    private boolean usedByActiveImage(Tx tx, RequestContext context, String arn) {
        for (ImageRows.Image image : rows.activeImages(tx, context.account(), context.region())) {
            JsonNode spec = image.spec();
            JsonNode recipe = spec.has("imageRecipe") ? spec.get("imageRecipe") : spec.path("containerRecipe");
            if (arn.equals(recipe.path("arn").asString(null))
                    || arn.equals(spec.path("infrastructureConfiguration").path("arn").asString(null))
                    || arn.equals(spec.path("distributionConfiguration").path("arn").asString(null))
                    || names(spec.has("workflows") ? resources.store().mapper().convertValue(spec.get("workflows"), WORKFLOWS)
                            : null, arn)
                    || rows.workflows(tx, image.arn(), 0, Integer.MAX_VALUE).stream()
                            .anyMatch(w -> arn.equals(w.doc().path("workflowBuildVersionArn").asString(null)))
                    || resolvedComponents(tx, context, recipe.has("components")
                            ? resources.store().mapper().convertValue(recipe.get("components"), COMPONENTS) : null)
                            .contains(arn)) {
                return true;
            }
        }
        return false;
    }

    private static boolean names(List<WorkflowConfiguration> workflows, String arn) {
        return workflows != null && workflows.stream().map(WorkflowConfiguration::workflowArn).anyMatch(arn::equals);
    }

    /** The components of the recipe a pipeline names, when that recipe still exists. */
    private List<ComponentConfiguration> recipeComponents(Tx tx, CreateImagePipelineInput pipeline) {
        String recipe = Objects.requireNonNullElse(pipeline.imageRecipeArn(), pipeline.containerRecipeArn());
        Optional<StoredResource> row = recipe == null ? Optional.empty() : resources.platform().resources().get(tx, recipe);
        if (row.isEmpty()) {
            return List.of();
        }
        JsonNode doc = resources.store().mapper().readTree(row.get().doc());
        return doc.has("components") ? resources.store().mapper().convertValue(doc.get("components"), COMPONENTS)
                : List.of();
    }

    private List<String> resolvedComponents(Tx tx, RequestContext context, List<ComponentConfiguration> list) {
        return list == null || list.isEmpty() ? new ArrayList<>() : components.resolvedArns(tx, context, list);
    }
}
