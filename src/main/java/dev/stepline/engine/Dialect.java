package dev.stepline.engine;

import java.util.List;

/**
 * A workflow language as the engine runs it: a pure transition function over the dialect's own
 * execution state {@code S} (ARCHITECTURE §1). The engine persists the state through
 * {@link #encode}/{@link #decode}, serialises signals per execution (never two transitions of one
 * execution at once) and fences every commit on the execution's version.
 *
 * @param <S> the dialect's execution state; may be mutated in place by {@link #apply} — the engine
 *            discards its copy when a commit fails and decodes the stored one again
 */
public interface Dialect<S> {

    /** The dialect's name, stored with every execution (e.g. {@code sfn}). */
    String kind();

    S decode(String state);

    String encode(S state);

    /**
     * Reacts to {@code signals} (in delivery order) and returns the new state. Records history,
     * work and the summary through {@code transition}. Must not throw for anything a workflow can do;
     * an exception here is a bug and leaves the execution where it was.
     */
    S apply(S state, List<Signal> signals, Transition transition);
}
