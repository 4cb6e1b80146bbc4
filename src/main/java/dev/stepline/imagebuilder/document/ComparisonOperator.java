package dev.stepline.imagebuilder.document;

import java.util.Optional;

/** The comparison operators of {@code if} conditions (spec §2.5). */
public enum ComparisonOperator {
    BOOLEAN_EQUALS("booleanEquals"),
    NUMBER_EQUALS("numberEquals"),
    NUMBER_GREATER_THAN("numberGreaterThan"),
    NUMBER_GREATER_THAN_EQUALS("numberGreaterThanEquals"),
    NUMBER_LESS_THAN("numberLessThan"),
    NUMBER_LESS_THAN_EQUALS("numberLessThanEquals"),
    STRING_EQUALS("stringEquals");

    private final String key;

    ComparisonOperator(String key) {
        this.key = key;
    }

    /** The key in the document, e.g. {@code stringEquals}. */
    public String key() {
        return key;
    }

    /** True for the five number operators. */
    public boolean numeric() {
        return key.startsWith("number");
    }

    public static Optional<ComparisonOperator> fromKey(String key) {
        for (ComparisonOperator op : values()) {
            if (op.key.equals(key)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
