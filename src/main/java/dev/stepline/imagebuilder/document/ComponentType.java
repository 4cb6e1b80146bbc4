package dev.stepline.imagebuilder.document;

/** The model's {@code ComponentType}: a component with only test phases is {@code TEST}, any other {@code BUILD}. */
public enum ComponentType {
    BUILD,
    TEST
}
