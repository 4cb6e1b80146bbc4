package dev.stepline.imagebuilder.api;

import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.Pattern;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code filters} member of the List* operations (spec §5.0, §5.1): each filter names a field
 * and lists values; a field matches when it equals one of the values exactly (OR), and every
 * filter must match (AND). Each operation supports its own filter names; another name is
 * {@code InvalidParameterValueException}.
 */
final class ListFilters {
    private final Map<String, Set<String>> byName;

    private ListFilters(Map<String, Set<String>> byName) {
        this.byName = byName;
    }

    /** One {@code Filter}: {@code name} {@code ^[a-zA-Z]{1,1024}$}, 1..10 {@code values}. */
    public record Filter(@Pattern("^[a-zA-Z]{1,1024}$") String name,
                         @Length(min = 1, max = 10) List<@Pattern("^[0-9a-zA-Z./_ :,{}\"-]{1,1024}$") String> values) {}

    /**
     * @param filters   the request member, may be null
     * @param supported the filter names this operation accepts
     */
    static ListFilters of(List<Filter> filters, Set<String> supported) {
        Map<String, Set<String>> byName = new LinkedHashMap<>();
        if (filters != null) {
            for (int i = 0; i < filters.size(); i++) {
                Filter filter = filters.get(i);
                if (filter.name() == null || !supported.contains(filter.name())) {
                    throw ImageBuilderErrors.invalidParameter("filters[" + i + "].name",
                            "The filter name '" + filter.name() + "' is not supported. Supported filter names: "
                                    + String.join(", ", supported.stream().sorted().toList()) + ".");
                }
                if (filter.values() == null) {
                    throw ImageBuilderErrors.invalidParameter("filters[" + i + "].values",
                            "A filter needs at least one value.");
                }
                // two filters of the same name must both match: keep only values in both
                Set<String> values = new LinkedHashSet<>(filter.values());
                byName.merge(filter.name(), values, (a, b) -> {
                    a.retainAll(b);
                    return a;
                });
            }
        }
        return new ListFilters(byName);
    }

    /** True when every filter matches the field it names, read through {@code field}. */
    boolean matches(Function<String, String> field) {
        for (Map.Entry<String, Set<String>> filter : byName.entrySet()) {
            String value = field.apply(filter.getKey());
            if (value == null || !filter.getValue().contains(value)) {
                return false;
            }
        }
        return true;
    }
}
