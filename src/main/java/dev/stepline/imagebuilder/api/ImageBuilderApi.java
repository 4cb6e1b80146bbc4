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
        // recipes and configurations
        OwnedResources owned = new OwnedResources(platform,
                new JsonCodec(JsonCodec.Naming.AS_DECLARED, TimestampFormat.EPOCH_SECONDS));
        RecipeComponents recipeComponents = new RecipeComponents(owned);
        ImageRecipes imageRecipes = new ImageRecipes(owned, recipeComponents);
        api.add("PUT", "/CreateImageRecipe", "CreateImageRecipe", ImageRecipeShapes.CreateImageRecipeInput.class, imageRecipes::create)
                .add("GET", "/GetImageRecipe", "GetImageRecipe", ImageRecipeShapes.GetImageRecipeInput.class, imageRecipes::get)
                .add("POST", "/ListImageRecipes", "ListImageRecipes", ImageRecipeShapes.ListImageRecipesInput.class, imageRecipes::list)
                .add("DELETE", "/DeleteImageRecipe", "DeleteImageRecipe", ImageRecipeShapes.DeleteImageRecipeInput.class, imageRecipes::delete);
        return api;
    }
}
