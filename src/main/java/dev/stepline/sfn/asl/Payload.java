package dev.stepline.sfn.asl;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A payload template as written ({@link #raw}) and pre-parsed ({@link #template}).
 * The raw tree must not be mutated.
 */
public record Payload(JsonNode raw, PayloadTemplate template) {
    public Payload {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(template, "template");
    }
}
