package dev.stepline.sfn.runtime;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of one Step Functions execution as {@link AslDialect} keeps it between transitions:
 * the facts of its start, its status and a tree of {@link Flow} frames (the top-level workflow,
 * and below any Parallel or Map state in flight, one frame per branch or running iteration).
 * Mutable; the engine never shares one instance between transitions that may both commit.
 *
 * <p>Encoded as compact JSON by {@link StateCodec}; see there for the format.
 */
public final class AslExecution {
    static final String RUNNING = "RUNNING";

    final String executionArn;
    final String stateMachineArn;
    final String stateMachineName;
    final String versionArn;
    final String aliasArn;
    final String name;
    final String definitionKey;
    final String roleArn;
    final String input;
    final String traceHeader;
    /** The mock test case ({@code #TestCase} suffix of the started ARN), or null. */
    String testCase;
    final long startMs;
    final String region;
    final ExecutionStart.ParentTask parent;
    /** For a Distributed Map child: its Map Run, else null. */
    ExecutionStart.MapChild mapChild;

    /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED. */
    String status = RUNNING;
    /** How many times RedriveExecution reopened it ({@code $$.Execution.RedriveCount}). */
    int redriveCount;
    /** When it was last redriven (epoch millis), or 0. */
    long redriveMs;
    /** Counter for unique work item keys. */
    long seq;
    /** Task invocations so far per state name (the TASK payload's {@code attempt}), or null. */
    ObjectNode invocations;
    /** The top-level workflow. */
    Flow root;

    AslExecution(String executionArn, String stateMachineArn, String stateMachineName, String versionArn,
                 String aliasArn, String name, String definitionKey, String roleArn, String input,
                 String traceHeader, long startMs, String region, ExecutionStart.ParentTask parent) {
        this.executionArn = Objects.requireNonNull(executionArn, "executionArn");
        this.stateMachineArn = Objects.requireNonNull(stateMachineArn, "stateMachineArn");
        this.stateMachineName = Objects.requireNonNull(stateMachineName, "stateMachineName");
        this.versionArn = versionArn;
        this.aliasArn = aliasArn;
        this.name = Objects.requireNonNull(name, "name");
        this.definitionKey = Objects.requireNonNull(definitionKey, "definitionKey");
        this.roleArn = roleArn;
        this.input = Objects.requireNonNull(input, "input");
        this.traceHeader = traceHeader;
        this.startMs = startMs;
        this.region = Objects.requireNonNull(region, "region");
        this.parent = parent;
    }

    /** The initial state of a new execution: nothing has happened yet, the first state is about to be entered. */
    static AslExecution of(ExecutionStart start) {
        AslExecution execution = new AslExecution(start.executionArn(), start.stateMachineArn(),
                start.stateMachineName(), start.versionArn(), start.aliasArn(), start.name(), start.definitionKey(),
                start.roleArn(), start.input(), start.traceHeader(), start.startDate().toEpochMilli(), start.region(),
                start.parent());
        execution.root = Flow.top();
        execution.testCase = start.testCase();
        execution.mapChild = start.mapChild();
        return execution;
    }

    public String executionArn() {
        return executionArn;
    }

    /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED. */
    public String status() {
        return status;
    }

    boolean closed() {
        return !RUNNING.equals(status);
    }

    String nextKey(String prefix) {
        return prefix + (++seq);
    }
}
