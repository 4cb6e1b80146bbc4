package dev.stepline.sfn.asl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads a Choice state's {@code Choices} (spec §6.8). */
final class ChoiceReader {
    private static final Set<String> JSONATA_RULE_FIELDS = Set.of("Condition", "Next", "Assign", "Output", "Comment");
    private static final Set<String> JSONPATH_ONLY_RULE_FIELDS = new HashSet<>();

    static {
        JSONPATH_ONLY_RULE_FIELDS.addAll(List.of("Variable", "And", "Or", "Not"));
        for (ComparisonOperator op : ComparisonOperator.values()) {
            JSONPATH_ONLY_RULE_FIELDS.add(op.fieldName());
        }
    }

    private final Diagnostics diagnostics;
    private final TemplateReader templates;
    private final PathReader paths;

    ChoiceReader(Diagnostics diagnostics, TemplateReader templates, PathReader paths) {
        this.diagnostics = diagnostics;
        this.templates = templates;
        this.paths = paths;
    }

    /** The branches, or null when {@code Choices} is invalid (reported). */
    List<ChoiceBranch> branches(JsonNode state, String location, QueryLanguage language) {
        JsonNode array = diagnostics.array(state, "Choices", location);
        if (array == null) {
            return null;
        }
        if (array.isEmpty()) {
            diagnostics.schema(Messages.VALUE_CANNOT_BE_EMPTY, Diagnostics.at(location, "Choices"));
            return null;
        }
        int before = diagnostics.errorCount();
        List<ChoiceBranch> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = location + "/Choices/" + i;
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                diagnostics.schema(Messages.wrongType("Choices", "an array of objects"), at);
                continue;
            }
            ChoiceBranch branch = language == QueryLanguage.JSONATA
                    ? jsonataBranch(node, at) : jsonPathBranch(node, at);
            if (branch != null) {
                out.add(branch);
            }
        }
        return diagnostics.errorCount() == before ? out : null;
    }

    private ChoiceBranch jsonataBranch(JsonNode node, String at) {
        for (String field : node.propertyNames()) {
            if (JSONPATH_ONLY_RULE_FIELDS.contains(field)) {
                diagnostics.schema(Messages.wrongQueryLanguage(QueryLanguage.JSONATA, field), at);
            } else if (!JSONATA_RULE_FIELDS.contains(field)) {
                diagnostics.schema(Messages.notSupported(field), at);
            }
        }
        if (!diagnostics.requireAll(node, List.of("Condition", "Next"), at)) {
            return null;
        }
        JsonNode condition = node.get("Condition");
        ChoiceRule rule = null;
        if (condition.isBoolean()) {
            rule = new ChoiceRule.JsonataCondition(null, condition.booleanValue());
        } else if (condition.isString() && JsonataExpression.isExpression(condition.stringValue())) {
            JsonataExpression expression = diagnostics.jsonata(condition.stringValue(), Diagnostics.at(at, "Condition"));
            rule = expression == null ? null : new ChoiceRule.JsonataCondition(expression, null);
        } else {
            diagnostics.schema(Messages.wrongType("Condition", "a boolean or a JSONata expression"),
                    Diagnostics.at(at, "Condition"));
        }
        String next = diagnostics.string(node, "Next", at);
        Payload assign = templates.read(node, "Assign", at, QueryLanguage.JSONATA, true);
        Payload output = templates.read(node, "Output", at, QueryLanguage.JSONATA, false);
        String comment = diagnostics.string(node, "Comment", at);
        return rule == null || next == null ? null : new ChoiceBranch(rule, next, assign, output, comment);
    }

    private ChoiceBranch jsonPathBranch(JsonNode node, String at) {
        if (node.has("Condition")) {
            diagnostics.schema(Messages.wrongQueryLanguage(QueryLanguage.JSONPATH, "Condition"), at);
        }
        if (node.has("Output")) {
            diagnostics.schema(Messages.wrongQueryLanguage(QueryLanguage.JSONPATH, "Output"), at);
        }
        ChoiceRule rule = rule(node, at, true);
        if (!node.has("Next")) {
            diagnostics.schema(Messages.required(List.of("Next")), at);
            return null;
        }
        String next = diagnostics.string(node, "Next", at);
        Payload assign = templates.read(node, "Assign", at, QueryLanguage.JSONPATH, true);
        String comment = diagnostics.string(node, "Comment", at);
        return rule == null || next == null ? null : new ChoiceBranch(rule, next, assign, null, comment);
    }

    /** A JSONPath rule; top-level rules may carry Next/Assign/Comment, nested ones only Comment. */
    private ChoiceRule rule(JsonNode node, String at, boolean topLevel) {
        List<String> operators = new ArrayList<>();
        for (String field : node.propertyNames()) {
            boolean isOperator = field.equals("And") || field.equals("Or") || field.equals("Not")
                    || ComparisonOperator.byFieldName(field) != null;
            boolean allowed = isOperator || field.equals("Variable") || field.equals("Comment")
                    || (topLevel && (field.equals("Next") || field.equals("Assign")))
                    || field.equals("Condition") || field.equals("Output");
            if (isOperator) {
                operators.add(field);
            } else if (!allowed) {
                diagnostics.schema(Messages.notSupported(field), at);
            }
        }
        if (!topLevel && (node.has("Condition") || node.has("Output"))) {
            diagnostics.schema(Messages.notSupported(node.has("Condition") ? "Condition" : "Output"), at);
        }
        if (operators.size() != 1) {
            diagnostics.schema(Messages.CHOICE_RULE_OPERATOR, at);
            return null;
        }
        String operator = operators.get(0);
        switch (operator) {
            case "And", "Or" -> {
                if (node.has("Variable")) {
                    diagnostics.schema(Messages.notSupported("Variable"), at);
                }
                JsonNode array = diagnostics.array(node, operator, at);
                if (array == null) {
                    return null;
                }
                if (array.isEmpty()) {
                    diagnostics.schema(Messages.VALUE_CANNOT_BE_EMPTY, Diagnostics.at(at, operator));
                    return null;
                }
                List<ChoiceRule> rules = new ArrayList<>();
                for (int i = 0; i < array.size(); i++) {
                    JsonNode child = array.get(i);
                    String childAt = at + "/" + operator + "/" + i;
                    if (!child.isObject()) {
                        diagnostics.schema(Messages.wrongType(operator, "an array of objects"), childAt);
                        return null;
                    }
                    ChoiceRule r = rule(child, childAt, false);
                    if (r == null) {
                        return null;
                    }
                    rules.add(r);
                }
                return operator.equals("And") ? new ChoiceRule.And(rules) : new ChoiceRule.Or(rules);
            }
            case "Not" -> {
                if (node.has("Variable")) {
                    diagnostics.schema(Messages.notSupported("Variable"), at);
                }
                JsonNode child = diagnostics.object(node, "Not", at);
                if (child == null) {
                    return null;
                }
                ChoiceRule r = rule(child, at + "/Not", false);
                return r == null ? null : new ChoiceRule.Not(r);
            }
            default -> {
                return comparison(node, at, ComparisonOperator.byFieldName(operator));
            }
        }
    }

    private ChoiceRule comparison(JsonNode node, String at, ComparisonOperator op) {
        if (!diagnostics.requireAll(node, List.of("Variable"), at)) {
            return null;
        }
        ReferencePath variable = paths.referencePath(node, "Variable", at);
        String field = op.fieldName();
        String fieldAt = Diagnostics.at(at, field);
        JsonNode operand = node.get(field);
        if (op.pathOperand()) {
            ReferencePath valuePath = paths.referencePath(node, field, at);
            return variable == null || valuePath == null
                    ? null : new ChoiceRule.Comparison(variable, op, null, valuePath);
        }
        boolean ok = switch (op.kind()) {
            case STRING -> operand.isString();
            case NUMERIC -> operand.isNumber();
            case BOOLEAN, TYPE_TEST -> operand.isBoolean();
            case TIMESTAMP -> operand.isString();
        };
        if (!ok) {
            String expected = switch (op.kind()) {
                case STRING, TIMESTAMP -> "a string";
                case NUMERIC -> "a number";
                case BOOLEAN, TYPE_TEST -> "a boolean";
            };
            diagnostics.schema(Messages.wrongType(field, expected), fieldAt);
            return null;
        }
        if (op.kind() == ComparisonOperator.Kind.STRING && !field.equals("StringMatches")
                && TemplateReader.looksLikePath(operand.stringValue())) {
            diagnostics.warning(Diagnostic.Codes.NO_PATH, Messages.noPath(field), fieldAt);
        }
        if (op.kind() == ComparisonOperator.Kind.TIMESTAMP && !Rfc3339.isValid(operand.stringValue())) {
            diagnostics.schema(Messages.NOT_RFC3339, fieldAt);
            return null;
        }
        return variable == null ? null : new ChoiceRule.Comparison(variable, op, operand, null);
    }
}
