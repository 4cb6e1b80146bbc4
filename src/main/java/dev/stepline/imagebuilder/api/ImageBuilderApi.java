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
        return api;
    }
}
