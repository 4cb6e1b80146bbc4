package dev.stepline.sfn.asl;

/** What a path is evaluated against. */
public enum PathRoot {
    /** {@code $...}: the state's (effective) input or, in ResultSelector, the raw result. */
    INPUT,
    /** {@code $$...}: the context object. */
    CONTEXT,
    /** {@code $name...}: a workflow variable set by {@code Assign}. */
    VARIABLE
}
