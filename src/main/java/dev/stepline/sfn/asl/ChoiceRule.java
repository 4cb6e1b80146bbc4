package dev.stepline.sfn.asl;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** A Choice rule's boolean expression (spec §6.8). */
public sealed interface ChoiceRule
        permits ChoiceRule.And, ChoiceRule.Or, ChoiceRule.Not, ChoiceRule.Comparison, ChoiceRule.JsonataCondition {

    /** True when every rule is true (non-empty). */
    record And(List<ChoiceRule> rules) implements ChoiceRule {
        public And {
            rules = List.copyOf(rules);
        }
    }

    /** True when any rule is true (non-empty). */
    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        public Or {
            rules = List.copyOf(rules);
        }
    }

    /** True when the rule is false. */
    record Not(ChoiceRule rule) implements ChoiceRule {
        public Not {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /**
     * A data-test rule: {@code Variable} compared with one operator.
     *
     * @param variable  the value tested (a reference path, possibly {@code $$} or a variable)
     * @param operator  the comparison
     * @param value     the literal operand (string, number, boolean), or null for {@code ...Path} operators
     * @param valuePath the operand path for {@code ...Path} operators, else null
     */
    record Comparison(ReferencePath variable, ComparisonOperator operator, JsonNode value,
                      ReferencePath valuePath) implements ChoiceRule {
        public Comparison {
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(operator, "operator");
            if (operator.pathOperand() ? valuePath == null : value == null) {
                throw new IllegalArgumentException("operand does not match operator " + operator);
            }
        }
    }

    /** JSONata mode: {@code "Condition": "{% ... %}"} (a literal boolean is kept as {@code true}/{@code false}). */
    record JsonataCondition(JsonataExpression expression, Boolean literal) implements ChoiceRule {
        public JsonataCondition {
            if ((expression == null) == (literal == null)) {
                throw new IllegalArgumentException("exactly one of expression and literal must be set");
            }
        }
    }
}
