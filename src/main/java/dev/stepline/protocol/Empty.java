package dev.stepline.protocol;

/** The empty input or output structure: serialises as {@code {}}. */
public record Empty() {
    public static final Empty INSTANCE = new Empty();
}
