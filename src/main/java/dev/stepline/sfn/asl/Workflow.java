package dev.stepline.sfn.asl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A set of states with a start: the top level of a definition, a Parallel branch or a Map's
 * item processor. States may only transition to states of the same workflow.
 *
 * @param comment the {@code Comment}, or null
 * @param startAt the first state's name (present in {@code states})
 * @param states  the states by name, in declaration order (unmodifiable)
 */
public record Workflow(String comment, String startAt, Map<String, State> states) {
    public Workflow {
        Objects.requireNonNull(startAt, "startAt");
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    /** The state named {@code startAt}. */
    public State startState() {
        return states.get(startAt);
    }

    /** The state with this name in this workflow (not nested ones), or null. */
    public State state(String name) {
        return states.get(name);
    }
}
