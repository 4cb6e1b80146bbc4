package dev.stepline.sfn.asl;

import tools.jackson.databind.JsonNode;

/** Reads JSONPath and reference-path fields, applying AWS defaults and reporting invalid paths. */
final class PathReader {
    private final Diagnostics diagnostics;

    PathReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * {@code InputPath}/{@code OutputPath}-style field: {@link JsonPathExpression#ROOT} when absent, null when
     * JSON null, else the parsed path (reported and null when invalid).
     */
    JsonPathExpression optionalPath(JsonNode node, String field, String location) {
        JsonNode value = node.get(field);
        if (value == null) {
            return JsonPathExpression.ROOT;
        }
        if (value.isNull()) {
            return null;
        }
        return path(node, field, location);
    }

    /** A required-if-present JSONPath; null when absent or invalid (reported). */
    JsonPathExpression path(JsonNode node, String field, String location) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        JsonPathExpression path = value.isString() ? JsonPathExpression.tryParse(value.stringValue()) : null;
        if (path == null) {
            diagnostics.schema(Messages.invalidJsonPath(field), Diagnostics.at(location, field));
        }
        return path;
    }

    /**
     * {@code ResultPath}: {@link ReferencePath#ROOT} when absent, null when JSON null, else a reference path on
     * the input (not {@code $$} or a variable).
     */
    ReferencePath resultPath(JsonNode node, String field, String location) {
        JsonNode value = node.get(field);
        if (value == null) {
            return ReferencePath.ROOT;
        }
        if (value.isNull()) {
            return null;
        }
        ReferencePath path = value.isString() ? ReferencePath.tryParse(value.stringValue()) : null;
        if (path == null || path.root() != PathRoot.INPUT) {
            diagnostics.schema(Messages.invalidReferencePath(field), Diagnostics.at(location, field));
            return null;
        }
        return path;
    }

    /** A reference path that may start at the input, the context object or a variable; null when absent/invalid. */
    ReferencePath referencePath(JsonNode node, String field, String location) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        ReferencePath path = value.isString() ? ReferencePath.tryParse(value.stringValue()) : null;
        if (path == null) {
            diagnostics.schema(Messages.invalidReferencePath(field), Diagnostics.at(location, field));
        }
        return path;
    }
}
