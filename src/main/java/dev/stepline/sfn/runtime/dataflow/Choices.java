package dev.stepline.sfn.runtime.dataflow;

import dev.stepline.sfn.asl.ChoiceRule;
import dev.stepline.sfn.asl.ComparisonOperator;
import dev.stepline.sfn.asl.PathRoot;
import dev.stepline.sfn.asl.ReferencePath;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Evaluation of JSONPath-mode Choice rules (spec §6.8). */
final class Choices {
    private Choices() {
    }

    static boolean matches(ChoiceRule rule, Scope scope) throws StatesError {
        return switch (rule) {
            case ChoiceRule.And and -> all(and, scope);
            case ChoiceRule.Or or -> any(or, scope);
            case ChoiceRule.Not not -> !matches(not.rule(), scope);
            case ChoiceRule.Comparison comparison -> compare(comparison, scope);
            case ChoiceRule.JsonataCondition ignored -> throw DataFlow.jsonataUnsupported();
        };
    }

    private static boolean all(ChoiceRule.And and, Scope scope) throws StatesError {
        for (ChoiceRule rule : and.rules()) {
            if (!matches(rule, scope)) {
                return false;
            }
        }
        return true;
    }

    private static boolean any(ChoiceRule.Or or, Scope scope) throws StatesError {
        for (ChoiceRule rule : or.rules()) {
            if (matches(rule, scope)) {
                return true;
            }
        }
        return false;
    }

    private static boolean compare(ChoiceRule.Comparison rule, Scope scope) throws StatesError {
        ComparisonOperator op = rule.operator();
        if (op.relation() == ComparisonOperator.Relation.IS_PRESENT) {
            return (Paths.read(rule.variable(), scope) != null) == rule.value().booleanValue();
        }
        JsonNode value = required(rule.variable(), scope);
        JsonNode operand = op.pathOperand() ? required(rule.valuePath(), scope) : rule.value();
        return switch (op.kind()) {
            case STRING -> value.isString() && operand.isString() && (op.relation() == ComparisonOperator.Relation.MATCHES
                    ? Wildcards.matches(value.stringValue(), operand.stringValue())
                    : holds(op.relation(), compareCodePoints(value.stringValue(), operand.stringValue())));
            case NUMERIC -> value.isNumber() && operand.isNumber()
                    && holds(op.relation(), value.decimalValue().compareTo(operand.decimalValue()));
            case BOOLEAN -> value.isBoolean() && operand.isBoolean()
                    && value.booleanValue() == operand.booleanValue();
            case TIMESTAMP -> timestamps(op.relation(), value, operand);
            case TYPE_TEST -> typeTest(op.relation(), value) == operand.booleanValue();
        };
    }

    /** Timestamps that are not RFC 3339 make the rule false, not an error. */
    private static boolean timestamps(ComparisonOperator.Relation relation, JsonNode value, JsonNode operand) {
        if (!value.isString() || !operand.isString()) {
            return false;
        }
        Instant left = Timestamps.rfc3339(value.stringValue());
        Instant right = Timestamps.rfc3339(operand.stringValue());
        return left != null && right != null && holds(relation, left.compareTo(right));
    }

    private static boolean typeTest(ComparisonOperator.Relation relation, JsonNode value) {
        return switch (relation) {
            case IS_NULL -> value.isNull();
            case IS_NUMERIC -> value.isNumber();
            case IS_STRING -> value.isString();
            case IS_BOOLEAN -> value.isBoolean();
            case IS_TIMESTAMP -> value.isString() && Timestamps.rfc3339(value.stringValue()) != null;
            default -> throw new IllegalArgumentException("not a type test: " + relation);
        };
    }

    private static boolean holds(ComparisonOperator.Relation relation, int comparison) {
        return switch (relation) {
            case EQ -> comparison == 0;
            case LT -> comparison < 0;
            case GT -> comparison > 0;
            case LTE -> comparison <= 0;
            case GTE -> comparison >= 0;
            default -> throw new IllegalArgumentException("not an ordering: " + relation);
        };
    }

    /** Unicode code point order; {@link String#compareTo} orders UTF-16 units, which differs above U+FFFF. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /**
     * The value at {@code path}. A missing value is an error; the text is Step Functions Local's
     * ("Invalid path '$.should_enrich': The choice state's condition path references an invalid
     * value.", as recorded in a public test suite), since no AWS recording was available.
     */
    private static JsonNode required(ReferencePath path, Scope scope) throws StatesError {
        JsonNode value = Paths.read(path, scope);
        if (value != null) {
            return value;
        }
        if (path.root() == PathRoot.VARIABLE && !scope.variables().containsKey(path.variableName())) {
            throw Paths.undefinedVariable(path.variableName(), path.text());
        }
        throw StatesError.runtime("Invalid path '" + path.text()
                + "': The choice state's condition path references an invalid value.");
    }
}
