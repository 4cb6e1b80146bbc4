package dev.stepline.sfn.asl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads {@code Retry} and {@code Catch} arrays (spec §6.11). */
final class ErrorHandlerReader {
    static final String STATES_ALL = "States.ALL";
    private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Output",
            "Assign", "Comment");

    private final Diagnostics diagnostics;
    private final TemplateReader templates;
    private final PathReader paths;

    ErrorHandlerReader(Diagnostics diagnostics, TemplateReader templates, PathReader paths) {
        this.diagnostics = diagnostics;
        this.templates = templates;
        this.paths = paths;
    }

    /** The retriers of {@code state}; empty when absent. Problems are reported. */
    List<Retrier> retriers(JsonNode state, String location) {
        JsonNode array = diagnostics.array(state, "Retry", location);
        List<Retrier> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        for (int i = 0; i < array.size(); i++) {
            String at = location + "/Retry/" + i;
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                diagnostics.schema(Messages.wrongType("Retry", "an array of objects"), at);
                continue;
            }
            diagnostics.rejectUnknown(node, RETRIER_FIELDS, at);
            if (!diagnostics.requireAll(node, List.of("ErrorEquals"), at)) {
                continue;
            }
            List<String> errors = errorEquals(node, at, "Retrier", i == array.size() - 1);
            int interval = intField(node, "IntervalSeconds", at, 1, Retrier.MAX_INTERVAL_SECONDS,
                    Retrier.DEFAULT_INTERVAL_SECONDS);
            int attempts = intField(node, "MaxAttempts", at, 0, Retrier.MAX_MAX_ATTEMPTS, Retrier.DEFAULT_MAX_ATTEMPTS);
            BigDecimal backoff = Retrier.DEFAULT_BACKOFF_RATE;
            JsonNode backoffNode = node.get("BackoffRate");
            if (backoffNode != null) {
                if (!backoffNode.isNumber()) {
                    diagnostics.schema(Messages.wrongType("BackoffRate", "a number"), Diagnostics.at(at, "BackoffRate"));
                } else if (backoffNode.decimalValue().compareTo(BigDecimal.ONE) < 0) {
                    diagnostics.schema(Messages.atLeast("BackoffRate", "1.0"), Diagnostics.at(at, "BackoffRate"));
                } else {
                    backoff = backoffNode.decimalValue();
                }
            }
            Integer maxDelay = node.has("MaxDelaySeconds")
                    ? intField(node, "MaxDelaySeconds", at, 1, Retrier.MAX_MAX_DELAY_SECONDS, 0) : null;
            String jitter = diagnostics.enumValue(node, "JitterStrategy", at, List.of("FULL", "NONE"));
            String comment = diagnostics.string(node, "Comment", at);
            if (errors != null) {
                out.add(new Retrier(errors, interval, attempts, backoff, maxDelay,
                        jitter == null ? Retrier.JitterStrategy.NONE : Retrier.JitterStrategy.valueOf(jitter), comment));
            }
        }
        return out;
    }

    /** The catchers of {@code state}; empty when absent. Problems are reported. */
    List<Catcher> catchers(JsonNode state, String location, QueryLanguage language) {
        JsonNode array = diagnostics.array(state, "Catch", location);
        List<Catcher> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        for (int i = 0; i < array.size(); i++) {
            String at = location + "/Catch/" + i;
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                diagnostics.schema(Messages.wrongType("Catch", "an array of objects"), at);
                continue;
            }
            diagnostics.rejectUnknown(node, CATCHER_FIELDS, at);
            if (language == QueryLanguage.JSONATA && node.has("ResultPath")) {
                diagnostics.schema(Messages.wrongQueryLanguage(language, "ResultPath"), at);
            }
            if (language == QueryLanguage.JSONPATH && node.has("Output")) {
                diagnostics.schema(Messages.wrongQueryLanguage(language, "Output"), at);
            }
            if (!diagnostics.requireAll(node, List.of("ErrorEquals", "Next"), at)) {
                continue;
            }
            List<String> errors = errorEquals(node, at, "Catcher", i == array.size() - 1);
            String next = diagnostics.string(node, "Next", at);
            ReferencePath resultPath = language == QueryLanguage.JSONPATH
                    ? paths.resultPath(node, "ResultPath", at) : null;
            Payload output = language == QueryLanguage.JSONATA
                    ? templates.read(node, "Output", at, language, false) : null;
            Payload assign = templates.read(node, "Assign", at, language, true);
            String comment = diagnostics.string(node, "Comment", at);
            if (errors != null && next != null) {
                out.add(new Catcher(errors, next, resultPath, output, assign, comment));
            }
        }
        return out;
    }

    private List<String> errorEquals(JsonNode node, String at, String kind, boolean last) {
        List<String> errors = diagnostics.nonEmptyStrings(node, "ErrorEquals", at);
        if (errors == null) {
            return null;
        }
        if (errors.contains(STATES_ALL)) {
            if (errors.size() > 1) {
                diagnostics.schema(Messages.statesAllNotAlone("ErrorEquals"), Diagnostics.at(at, "ErrorEquals"));
            } else if (!last) {
                diagnostics.schema(Messages.statesAllNotLast(kind), Diagnostics.at(at, "ErrorEquals"));
            }
        }
        return errors;
    }

    private int intField(JsonNode node, String field, String at, int min, int max, int defaultValue) {
        JsonNode value = node.get(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isIntegralNumber()) {
            diagnostics.schema(Messages.wrongType(field, "an integer"), Diagnostics.at(at, field));
            return defaultValue;
        }
        BigDecimal number = value.decimalValue();
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            diagnostics.schema(Messages.between(field, min, max), Diagnostics.at(at, field));
            return defaultValue;
        }
        return number.intValue();
    }
}
