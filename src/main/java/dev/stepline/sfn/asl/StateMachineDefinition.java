package dev.stepline.sfn.asl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compiled, validated state machine definition. Immutable and safe to share between threads
 * (the Jackson trees it holds must be treated as read-only).
 *
 * @param comment        the top-level {@code Comment}, or null
 * @param startAt        the first state's name
 * @param states         the top-level states in declaration order
 * @param timeoutSeconds the execution timeout, or null when absent
 * @param version        the {@code Version} ("1.0"), or null when absent
 * @param queryLanguage  the top-level {@code QueryLanguage} (JSONPath when absent)
 * @param warnings       WARNING diagnostics found while parsing (never errors)
 */
public record StateMachineDefinition(String comment, String startAt, Map<String, State> states, Integer timeoutSeconds,
                                     String version, QueryLanguage queryLanguage, List<Diagnostic> warnings) {

    public StateMachineDefinition {
        Objects.requireNonNull(startAt, "startAt");
        Objects.requireNonNull(queryLanguage, "queryLanguage");
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
        warnings = List.copyOf(warnings);
    }

    /** The top level as a {@link Workflow}. */
    public Workflow workflow() {
        return new Workflow(comment, startAt, states);
    }

    /**
     * Every state of the definition, including those inside Parallel branches and Map processors, by
     * name (names are unique across the whole definition), in document order.
     */
    public Map<String, State> allStates() {
        Map<String, State> all = new LinkedHashMap<>();
        collect(states, all);
        return Collections.unmodifiableMap(all);
    }

    private static void collect(Map<String, State> states, Map<String, State> into) {
        for (State state : states.values()) {
            into.put(state.name(), state);
            switch (state) {
                case ParallelState p -> p.branches().forEach(b -> collect(b.states(), into));
                case MapState m -> collect(m.processor().workflow().states(), into);
                default -> {
                }
            }
        }
    }
}
