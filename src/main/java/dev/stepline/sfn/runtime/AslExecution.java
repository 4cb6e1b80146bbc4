package dev.stepline.sfn.runtime;

/** TEMPORARY placeholder until the interpreter lands (asl branch). */
public record AslExecution(ExecutionStart start) {
}
