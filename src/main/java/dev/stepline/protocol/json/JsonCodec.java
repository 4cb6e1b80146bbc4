package dev.stepline.protocol.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * One service's JSON wire conventions: member naming, timestamp format, absent members left
 * out, unknown members ignored, and no silent type coercion (a string where the model wants a
 * number is a client error, as on AWS).
 */
public final class JsonCodec {
    private final JsonMapper mapper;

    public enum Naming { AS_DECLARED, UPPER_CAMEL }

    public JsonCodec(Naming naming, TimestampFormat timestamps) {
        requireNonNull(naming, "naming is null");
        requireNonNull(timestamps, "timestamps is null");
        SimpleModule module = new SimpleModule("stepline-wire");
        module.addSerializer(Instant.class, new InstantSerializer(timestamps));
        JsonMapper.Builder builder = JsonMapper.builder()
                .addModule(module)
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        if (naming == Naming.UPPER_CAMEL) {
            builder.propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE);
        }
        this.mapper = builder.build();
    }

    public JsonMapper mapper() {
        return mapper;
    }

    /** Reads a request body; an empty body is {@code {}}. Throws {@link JacksonException} on bad JSON or types. */
    public <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            return mapper.readValue("{}", type);
        }
        return mapper.readValue(body, type);
    }

    public <T> T convert(JsonNode tree, Class<T> type) {
        return mapper.treeToValue(tree, type);
    }

    public byte[] write(Object value) {
        return mapper.writeValueAsBytes(value);
    }

    public String writeString(Object value) {
        return mapper.writeValueAsString(value);
    }

    /** Names the member whose JSON type is wrong, without echoing Java class names. */
    public static String describe(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty()
                ? "The request body could not be read."
                : "Unexpected JSON type for member '" + path + "'.";
    }

    private static final class InstantSerializer extends ValueSerializer<Instant> {
        private final TimestampFormat format;

        InstantSerializer(TimestampFormat format) {
            this.format = format;
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
            switch (format) {
                case EPOCH_SECONDS -> gen.writeNumber(TimestampFormat.epochSeconds(value));
                case ISO_MILLIS -> gen.writeString(TimestampFormat.isoMillis(value));
            }
        }
    }
}
