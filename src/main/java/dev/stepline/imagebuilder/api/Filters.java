package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.ImageBuilderException;
import dev.stepline.imagebuilder.api.CommonShapes.Filter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A list request's {@code filters} (spec §5.1): exact, case-sensitive matches; the values of one
 * filter are ORed, separate filters ANDed. A name the operation does not support is
 * {@code InvalidParameterValueException} on {@code filters[i].name}.
 */
final class Filters {
    private final Map<String, Set<String>> byName;

    private Filters(Map<String, Set<String>> byName) {
        this.byName = byName;
    }

    static Filters parse(List<Filter> filters, Set<String> supported) {
        Map<String, Set<String>> byName = new LinkedHashMap<>();
        if (filters != null) {
            for (int i = 0; i < filters.size(); i++) {
                Filter filter = filters.get(i);
                if (filter == null || filter.name() == null || !supported.contains(filter.name())) {
                    throw ImageBuilderException.invalidParameterValue("filters[" + i + "].name",
                            "The filter name '" + (filter == null ? null : filter.name())
                                    + "' is not supported. Supported filter names: " + String.join(", ", supported) + ".");
                }
                if (filter.values() == null || filter.values().isEmpty()) {
                    throw ImageBuilderException.invalidParameterValue("filters[" + i + "].values",
                            "At least one value is required for the filter '" + filter.name() + "'.");
                }
                byName.computeIfAbsent(filter.name(), n -> new LinkedHashSet<>()).addAll(filter.values());
            }
        }
        return new Filters(byName);
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    /**
     * True when the item passes every filter.
     *
     * @param fields reads an item's values for a filter name (several for list members such as
     *               {@code supportedOsVersions}, where any one may match; none when absent)
     */
    <T> boolean test(T item, Function<String, Function<T, Collection<String>>> fields) {
        for (Map.Entry<String, Set<String>> filter : byName.entrySet()) {
            Collection<String> values = fields.apply(filter.getKey()).apply(item);
            if (values.stream().noneMatch(filter.getValue()::contains)) {
                return false;
            }
        }
        return true;
    }

    /** The one value of a scalar member as a collection (empty when absent). */
    static Collection<String> one(String value) {
        return value == null ? List.of() : List.of(value);
    }

    /** A stable text form, for page-token fingerprints. */
    String fingerprint() {
        return byName.toString();
    }
}
