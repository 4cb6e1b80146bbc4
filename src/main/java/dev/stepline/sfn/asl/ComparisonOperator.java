package dev.stepline.sfn.asl;

/**
 * Every JSONPath-mode Choice comparison operator (spec §6.8). Each operator knows the kind of value
 * it compares, the relation it tests and whether its operand is a path ({@code ...Path} variants).
 */
public enum ComparisonOperator {
    STRING_EQUALS(Kind.STRING, Relation.EQ, false),
    STRING_EQUALS_PATH(Kind.STRING, Relation.EQ, true),
    STRING_LESS_THAN(Kind.STRING, Relation.LT, false),
    STRING_LESS_THAN_PATH(Kind.STRING, Relation.LT, true),
    STRING_GREATER_THAN(Kind.STRING, Relation.GT, false),
    STRING_GREATER_THAN_PATH(Kind.STRING, Relation.GT, true),
    STRING_LESS_THAN_EQUALS(Kind.STRING, Relation.LTE, false),
    STRING_LESS_THAN_EQUALS_PATH(Kind.STRING, Relation.LTE, true),
    STRING_GREATER_THAN_EQUALS(Kind.STRING, Relation.GTE, false),
    STRING_GREATER_THAN_EQUALS_PATH(Kind.STRING, Relation.GTE, true),
    STRING_MATCHES(Kind.STRING, Relation.MATCHES, false),
    NUMERIC_EQUALS(Kind.NUMERIC, Relation.EQ, false),
    NUMERIC_EQUALS_PATH(Kind.NUMERIC, Relation.EQ, true),
    NUMERIC_LESS_THAN(Kind.NUMERIC, Relation.LT, false),
    NUMERIC_LESS_THAN_PATH(Kind.NUMERIC, Relation.LT, true),
    NUMERIC_GREATER_THAN(Kind.NUMERIC, Relation.GT, false),
    NUMERIC_GREATER_THAN_PATH(Kind.NUMERIC, Relation.GT, true),
    NUMERIC_LESS_THAN_EQUALS(Kind.NUMERIC, Relation.LTE, false),
    NUMERIC_LESS_THAN_EQUALS_PATH(Kind.NUMERIC, Relation.LTE, true),
    NUMERIC_GREATER_THAN_EQUALS(Kind.NUMERIC, Relation.GTE, false),
    NUMERIC_GREATER_THAN_EQUALS_PATH(Kind.NUMERIC, Relation.GTE, true),
    BOOLEAN_EQUALS(Kind.BOOLEAN, Relation.EQ, false),
    BOOLEAN_EQUALS_PATH(Kind.BOOLEAN, Relation.EQ, true),
    TIMESTAMP_EQUALS(Kind.TIMESTAMP, Relation.EQ, false),
    TIMESTAMP_EQUALS_PATH(Kind.TIMESTAMP, Relation.EQ, true),
    TIMESTAMP_LESS_THAN(Kind.TIMESTAMP, Relation.LT, false),
    TIMESTAMP_LESS_THAN_PATH(Kind.TIMESTAMP, Relation.LT, true),
    TIMESTAMP_GREATER_THAN(Kind.TIMESTAMP, Relation.GT, false),
    TIMESTAMP_GREATER_THAN_PATH(Kind.TIMESTAMP, Relation.GT, true),
    TIMESTAMP_LESS_THAN_EQUALS(Kind.TIMESTAMP, Relation.LTE, false),
    TIMESTAMP_LESS_THAN_EQUALS_PATH(Kind.TIMESTAMP, Relation.LTE, true),
    TIMESTAMP_GREATER_THAN_EQUALS(Kind.TIMESTAMP, Relation.GTE, false),
    TIMESTAMP_GREATER_THAN_EQUALS_PATH(Kind.TIMESTAMP, Relation.GTE, true),
    IS_NULL(Kind.TYPE_TEST, Relation.IS_NULL, false),
    IS_PRESENT(Kind.TYPE_TEST, Relation.IS_PRESENT, false),
    IS_NUMERIC(Kind.TYPE_TEST, Relation.IS_NUMERIC, false),
    IS_STRING(Kind.TYPE_TEST, Relation.IS_STRING, false),
    IS_BOOLEAN(Kind.TYPE_TEST, Relation.IS_BOOLEAN, false),
    IS_TIMESTAMP(Kind.TYPE_TEST, Relation.IS_TIMESTAMP, false);

    /** The kind of value compared. TYPE_TEST operators take a boolean operand. */
    public enum Kind {
        STRING,
        NUMERIC,
        BOOLEAN,
        TIMESTAMP,
        TYPE_TEST
    }

    /** What is tested. */
    public enum Relation {
        EQ, LT, GT, LTE, GTE, MATCHES,
        IS_NULL, IS_PRESENT, IS_NUMERIC, IS_STRING, IS_BOOLEAN, IS_TIMESTAMP
    }

    private final Kind kind;
    private final Relation relation;
    private final boolean pathOperand;
    private final String fieldName;

    ComparisonOperator(Kind kind, Relation relation, boolean pathOperand) {
        this.kind = kind;
        this.relation = relation;
        this.pathOperand = pathOperand;
        this.fieldName = toFieldName(name());
    }

    public Kind kind() {
        return kind;
    }

    public Relation relation() {
        return relation;
    }

    /** True for the {@code ...Path} variants, whose operand is a path resolved at run time. */
    public boolean pathOperand() {
        return pathOperand;
    }

    /** The field name in ASL, e.g. {@code NumericLessThanEqualsPath}. */
    public String fieldName() {
        return fieldName;
    }

    /** The operator with this ASL field name, or null. */
    public static ComparisonOperator byFieldName(String field) {
        for (ComparisonOperator op : values()) {
            if (op.fieldName.equals(field)) {
                return op;
            }
        }
        return null;
    }

    private static String toFieldName(String constant) {
        StringBuilder out = new StringBuilder();
        for (String part : constant.split("_")) {
            out.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out.toString();
    }
}
