package dev.stepline.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP headers: case-insensitive names, each with one or more values in arrival order.
 * Immutable once built.
 */
public final class Headers {
    private final Map<String, List<String>> values;

    private Headers(Map<String, List<String>> values) {
        this.values = values;
    }

    public static Headers of(Map<String, List<String>> raw) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        raw.forEach((name, list) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(list));
        copy.replaceAll((name, list) -> List.copyOf(list));
        return new Headers(Collections.unmodifiableMap(copy));
    }

    public static Headers empty() {
        return of(Map.of());
    }

    /** The first value of the header, or null when absent. */
    public String first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Header names in lower case, sorted, as SigV4's canonical form wants them. */
    public List<String> lowerCaseNames() {
        return values.keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).sorted().toList();
    }

    public Map<String, List<String>> asMap() {
        return values;
    }
}
