package dev.stepline.sfn.it;

import static dev.stepline.sfn.it.Sfn.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** RedriveExecution: eligibility, the reopened run, ExecutionRedriven, redrive fields and filter (spec §4.3, §4.5, §4.7). */
class RedriveTest {
    static TestServer server;
    static Sfn sfn;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        sfn = new Sfn(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Fails in "Work" on the first run, succeeds once redriven; "Set" before it must not run again. */
    static final String FAILS_UNTIL_REDRIVEN = """
            {"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"v": "{% $states.input.v %}"}, "Output": {"stage": "set"}, "Next": "Work"},
              "Work": {"Type": "Pass", "Output": {
                 "result": "{% $states.context.Execution.RedriveCount = 0 ? $error('boom') : $v %}",
                 "count": "{% $states.context.Execution.RedriveCount %}",
                 "input": "{% $states.input %}"}, "End": true}}}""";

    @Test
    void aFailedExecutionContinuesFromTheFailedStateWithItsVariables() {
        String arn = sfn.machine("redrive", FAILS_UNTIL_REDRIVEN);
        DescribeExecutionResponse failed = sfn.run(arn, "{\"v\": 7}", ExecutionStatus.FAILED);
        assertThat(failed.redriveCount()).isZero();
        assertThat(failed.redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);
        assertThat(failed.redriveStatusReason()).isNull();
        assertThat(failed.redriveDate()).isNull();
        String exec = failed.executionArn();

        var redriven = sfn.client.redriveExecution(b -> b.executionArn(exec));
        assertThat(redriven.redriveDate()).isNotNull();
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"result\":7,\"count\":1,\"input\":{\"stage\":\"set\"}}");
        assertThat(done.redriveCount()).isEqualTo(1);
        assertThat(done.redriveDate()).isEqualTo(redriven.redriveDate());
        assertThat(done.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
        assertThat(done.redriveStatusReason()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");
        assertThat(done.error()).isNull();

        List<HistoryEvent> events = sfn.history(exec);
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0", "2 PassStateEntered 0", "3 PassStateExited 2", "4 PassStateEntered 3",
                "5 EvaluationFailed 0", "6 ExecutionFailed 5",
                "7 ExecutionRedriven 0", "8 PassStateEntered 7", "9 PassStateExited 8", "10 ExecutionSucceeded 9");
        assertThat(events.get(6).executionRedrivenEventDetails().redriveCount()).isEqualTo(1);
        assertThat(events.get(7).stateEnteredEventDetails().name()).isEqualTo("Work");

        assertThatThrownBy(() -> sfn.client.redriveExecution(b -> b.executionArn(exec)))
                .isInstanceOf(ExecutionNotRedrivableException.class)
                .hasMessageStartingWith("Execution is SUCCEEDED and cannot be redriven");

        String other = sfn.run(arn, "{\"v\": 1}", ExecutionStatus.FAILED).executionArn();
        List<ExecutionListItem> redrivenOnly = sfn.client.listExecutions(b -> b.stateMachineArn(arn)
                .redriveFilter(ExecutionRedriveFilter.REDRIVEN)).executions();
        assertThat(redrivenOnly).extracting(ExecutionListItem::executionArn).containsExactly(exec);
        assertThat(redrivenOnly.getFirst().redriveCount()).isEqualTo(1);
        assertThat(redrivenOnly.getFirst().redriveDate()).isEqualTo(redriven.redriveDate());
        assertThat(sfn.client.listExecutions(b -> b.stateMachineArn(arn)
                .redriveFilter(ExecutionRedriveFilter.NOT_REDRIVEN)).executions())
                .extracting(ExecutionListItem::executionArn).containsExactly(other);
    }

    @Test
    void anAbortedExecutionResumesItsWaitAndTheClientTokenIsIdempotent() {
        String arn = sfn.machine("redrive-abort", """
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "Next": "Done"},
                  "Done": {"Type": "Pass", "Parameters": {"count.$": "$$.Execution.RedriveCount"}, "End": true}}}""");
        String exec = sfn.start(arn, "{}");
        sfn.awaitEvent(exec, "WaitStateEntered");
        sfn.client.stopExecution(b -> b.executionArn(exec));
        assertThat(sfn.describe(exec).status()).isEqualTo(ExecutionStatus.ABORTED);

        var first = sfn.client.redriveExecution(b -> b.executionArn(exec).clientToken("token-1"));
        var repeat = sfn.client.redriveExecution(b -> b.executionArn(exec).clientToken("token-1"));
        assertThat(repeat.redriveDate()).isEqualTo(first.redriveDate());
        assertThat(sfn.describe(exec).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThatThrownBy(() -> sfn.client.redriveExecution(b -> b.executionArn(exec).clientToken("token-2")))
                .isInstanceOf(ExecutionNotRedrivableException.class)
                .hasMessageStartingWith("Execution is RUNNING and cannot be redriven");

        sfn.awaitEvent(exec, "ExecutionRedriven");
        sfn.advance(Duration.ofSeconds(61));
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"count\":1}");
        assertThat(Sfn.types(sfn.history(exec))).containsExactly("ExecutionStarted", "WaitStateEntered",
                "ExecutionAborted", "ExecutionRedriven", "WaitStateEntered", "WaitStateExited", "PassStateEntered",
                "PassStateExited", "ExecutionSucceeded");
    }

    @Test
    void executionsClosedMoreThanFourteenDaysAgoAreNotRedrivable() {
        String arn = sfn.machine("redrive-old", """
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}}""");
        String exec = sfn.run(arn, "{}", ExecutionStatus.FAILED).executionArn();
        sfn.advance(Duration.ofDays(15));
        DescribeExecutionResponse old = sfn.describe(exec);
        assertThat(old.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
        assertThat(old.redriveStatusReason()).isEqualTo("Execution redrivable period exceeded");
        assertThatThrownBy(() -> sfn.client.redriveExecution(b -> b.executionArn(exec)))
                .isInstanceOf(ExecutionNotRedrivableException.class)
                .hasMessageStartingWith("Execution redrivable period exceeded");
    }
}
