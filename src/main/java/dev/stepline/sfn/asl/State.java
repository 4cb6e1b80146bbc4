package dev.stepline.sfn.asl;

/**
 * A compiled state. One record per {@link StateType}; a switch over this interface is exhaustive.
 *
 * <p>Conventions shared by every record:
 * <ul>
 *   <li>{@code queryLanguage} is the effective language (the state's own, else the definition's).</li>
 *   <li>{@code next} is null exactly when the state ends its workflow ({@code End: true}, Succeed, Fail)
 *       or chooses its successor (Choice).</li>
 *   <li>JSONPath fields default as AWS does: an absent {@code InputPath}/{@code OutputPath} is
 *       {@link JsonPathExpression#ROOT}, an absent {@code ResultPath} is {@link ReferencePath#ROOT}; a
 *       field written as JSON {@code null} is represented by Java {@code null}. In JSONata mode these
 *       fields are always null.</li>
 *   <li>Optional templates ({@code Parameters}, {@code Output}, {@code Assign}, ...) are null when absent.</li>
 * </ul>
 */
public sealed interface State
        permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, ParallelState, MapState {

    /** The state's name (its key in {@code States}). */
    String name();

    StateType type();

    /** The {@code Comment}, or null. */
    String comment();

    /** The effective query language of this state. */
    QueryLanguage queryLanguage();

    /** The name of the next state, or null (see the interface contract). */
    String next();

    /** True when this state ends its workflow successfully or unsuccessfully. */
    boolean isTerminal();
}
