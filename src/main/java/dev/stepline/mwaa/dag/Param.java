package dev.stepline.mwaa.dag;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One DAG (or task) parameter (spec §2.2, §3.8).
 *
 * <p>A mapping value with a {@code default} key is an Airflow <em>Param</em> declaration
 * ({@code {type: number, default: 100}}); its value is the default and overrides are checked
 * against its {@code type} (a JSON-schema type name or a list of them) and {@code enum}. Any
 * other value is the parameter value itself, with no type constraint.
 *
 * @param name parameter name
 * @param value the default value (JSON null when declared as null)
 * @param types declared JSON-schema types; empty means any
 * @param allowed the declared {@code enum}, if any
 * @param declaration the raw Param mapping when the value was a declaration
 */
public record Param(String name, JsonNode value, List<String> types, Optional<List<JsonNode>> allowed,
        Optional<JsonNode> declaration) {
    /** JSON-schema type names a Param may declare. */
    public static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "object", "array", "null");

    public Param {
        requireNonNull(name, "name is null");
        value = requireNonNull(value, "value is null").deepCopy();
        types = List.copyOf(types);
        allowed = allowed.map(a -> a.stream().map(JsonNode::deepCopy).toList());
        declaration = declaration.map(JsonNode::deepCopy);
    }

    /** The default value (a copy: the model stays immutable). */
    @Override
    public JsonNode value() {
        return value.deepCopy();
    }

    /**
     * Reads a {@code params} entry.
     *
     * @throws DefinitionException for an unknown declared type or a default violating its own type
     */
    static Param of(String path, String name, JsonNode raw) {
        JsonNode node = raw == null ? JsonNodeFactory.instance.nullNode() : raw;
        if (!node.isObject() || !node.has("default")) {
            return new Param(name, node, List.of(), Optional.empty(), Optional.empty());
        }
        List<String> types = new ArrayList<>();
        JsonNode type = node.get("type");
        if (type != null && !type.isNull()) {
            for (JsonNode t : type.isArray() ? type : List.of(type)) {
                if (!t.isString() || !TYPES.contains(t.asString())) {
                    throw new DefinitionException(DefinitionMessages.unknownParamType(path + "." + name + ".type",
                            PyRepr.str(t)));
                }
                types.add(t.asString());
            }
        }
        Optional<List<JsonNode>> allowed = Optional.empty();
        JsonNode en = node.get("enum");
        if (en != null && en.isArray()) {
            List<JsonNode> values = new ArrayList<>();
            en.forEach(values::add);
            allowed = Optional.of(values);
        }
        Param p = new Param(name, node.get("default"), types, allowed, Optional.of(node));
        p.check(p.value).ifPresent(problem -> {
            throw new DefinitionException(DefinitionMessages.invalidParamDefault(name, problem));
        });
        return p;
    }

    /**
     * Checks a run-time value (e.g. from {@code OverrideParameters}) against the declared type and enum.
     *
     * @return a one-line problem description, or empty when the value is acceptable
     */
    public Optional<String> check(JsonNode candidate) {
        JsonNode v = candidate == null ? JsonNodeFactory.instance.nullNode() : candidate;
        if (!types.isEmpty() && types.stream().noneMatch(t -> hasType(v, t))) {
            return Optional.of(PyRepr.repr(v) + " is not of type "
                    + (types.size() == 1 ? PyRepr.quote(types.get(0))
                            : types.stream().map(PyRepr::quote).toList().toString()));
        }
        if (allowed.isPresent() && !allowed.get().contains(v)) {
            return Optional.of(PyRepr.repr(v) + " is not one of "
                    + allowed.get().stream().map(PyRepr::repr).toList());
        }
        return Optional.empty();
    }

    private static boolean hasType(JsonNode v, String type) {
        return switch (type) {
            case "string" -> v.isString();
            case "number" -> v.isNumber();
            case "integer" -> v.isIntegralNumber()
                    || (v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue())
                            && Double.isFinite(v.doubleValue()));
            case "boolean" -> v.isBoolean();
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "null" -> v.isNull();
            default -> false;
        };
    }
}
