package dev.stepline.sfn.it;

import static dev.stepline.sfn.it.Sfn.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.testing.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * RedriveExecution of a Parallel or inline Map state: only the branches/iterations that failed, were
 * aborted or never started run again; the others keep their results and record no new events (spec §4.7).
 */
class RedriveBranchesTest {
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

    private static final String COUNT = "$states.context.Execution.RedriveCount";

    @Test
    void aParallelRerunsOnlyItsFailedBranchFromTheStateThatFailed() {
        String arn = sfn.machine("redrive-parallel", """
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "Next": "Done", "Branches": [
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": {"a": "{% COUNT %}"}, "End": true}}},
                    {"StartAt": "B1", "States": {
                      "B1": {"Type": "Pass", "Output": {"b1": "{% COUNT %}"}, "Next": "B2"},
                      "B2": {"Type": "Pass", "End": true, "Output": {"b1": "{% $states.input.b1 %}",
                             "b2": "{% COUNT = 0 ? $error('boom') : COUNT %}"}}}}]},
                  "Done": {"Type": "Pass", "End": true}}}""".replace("COUNT", COUNT));
        String exec = sfn.run(arn, "{}", ExecutionStatus.FAILED).executionArn();

        sfn.client.redriveExecution(b -> b.executionArn(exec));
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[{\"a\":0},{\"b1\":0,\"b2\":1}]");

        List<HistoryEvent> events = sfn.history(exec);
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0", "2 ParallelStateEntered 0", "3 ParallelStateStarted 2",
                "4 PassStateEntered 3", "5 PassStateExited 4",
                "6 PassStateEntered 3", "7 PassStateExited 6", "8 PassStateEntered 7",
                "9 EvaluationFailed 0", "10 ParallelStateFailed 9", "11 ExecutionFailed 10",
                "12 ExecutionRedriven 0", "13 ParallelStateEntered 12", "14 ParallelStateStarted 13",
                "15 PassStateEntered 14", "16 PassStateExited 15", "17 ParallelStateSucceeded 16",
                "18 ParallelStateExited 16", "19 PassStateEntered 18", "20 PassStateExited 19",
                "21 ExecutionSucceeded 20");
        assertThat(events.get(14).stateEnteredEventDetails().name()).isEqualTo("B2");
        assertThat(events.get(14).stateEnteredEventDetails().input()).isEqualTo("{\"b1\":0}");
    }

    @Test
    void anInlineMapRerunsItsFailedIterationAndStartsThoseNeverStarted() {
        String arn = sfn.machine("redrive-map", """
                {"QueryLanguage": "JSONata", "StartAt": "M", "States": {
                  "M": {"Type": "Map", "End": true, "MaxConcurrency": 1, "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Item", "States": {
                      "Item": {"Type": "Pass", "End": true, "Output": {"v": "{% $states.input %}",
                               "count": "{% $states.input = 1 and COUNT = 0 ? $error('boom') : COUNT %}"}}}}}}}
                """.replace("COUNT", COUNT));
        String exec = sfn.run(arn, "[0, 1, 2]", ExecutionStatus.FAILED).executionArn();

        sfn.client.redriveExecution(b -> b.executionArn(exec));
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[{\"v\":0,\"count\":0},{\"v\":1,\"count\":1},{\"v\":2,\"count\":1}]");

        List<HistoryEvent> events = sfn.history(exec);
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0", "2 MapStateEntered 0", "3 MapStateStarted 2",
                "4 MapIterationStarted 3", "5 PassStateEntered 4", "6 PassStateExited 5", "7 MapIterationSucceeded 6",
                "8 MapIterationStarted 6", "9 PassStateEntered 8", "10 EvaluationFailed 0",
                "11 MapIterationFailed 10", "12 MapStateFailed 10", "13 ExecutionFailed 12",
                "14 ExecutionRedriven 0", "15 MapStateEntered 14", "16 MapStateStarted 15",
                "17 MapIterationStarted 16", "18 PassStateEntered 17", "19 PassStateExited 18",
                "20 MapIterationSucceeded 19", "21 MapIterationStarted 19", "22 PassStateEntered 21",
                "23 PassStateExited 22", "24 MapIterationSucceeded 23", "25 MapStateSucceeded 23",
                "26 MapStateExited 23", "27 ExecutionSucceeded 26");
        assertThat(events.get(16).mapIterationStartedEventDetails().index()).isEqualTo(1);
        assertThat(events.get(20).mapIterationStartedEventDetails().index()).isEqualTo(2);
    }

    @Test
    void aBranchAbortedByStopExecutionRunsAgainAndTheFinishedOneKeepsItsResult() {
        String arn = sfn.machine("redrive-parallel-timeout", """
                {"StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "Quick", "States": {"Quick": {"Type": "Pass",
                       "Parameters": {"count.$": "$$.Execution.RedriveCount"}, "End": true}}},
                    {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 60, "Next": "After"},
                       "After": {"Type": "Pass", "Parameters": {"count.$": "$$.Execution.RedriveCount"}, "End": true}}}]}}}""");
        String exec = sfn.start(arn, "{}");
        sfn.awaitEvent(exec, "WaitStateEntered");
        sfn.client.stopExecution(b -> b.executionArn(exec));
        assertThat(sfn.awaitClosed(exec).status()).isEqualTo(ExecutionStatus.ABORTED);

        sfn.client.redriveExecution(b -> b.executionArn(exec));
        sfn.awaitEvents(exec, "WaitStateEntered", 2);
        sfn.advance(Duration.ofSeconds(61));
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[{\"count\":0},{\"count\":1}]");
        assertThat(Sfn.types(sfn.history(exec))).containsExactly("ExecutionStarted", "ParallelStateEntered",
                "ParallelStateStarted", "PassStateEntered", "PassStateExited", "WaitStateEntered",
                "WaitStateAborted", "ParallelStateAborted", "ExecutionAborted",
                "ExecutionRedriven", "ParallelStateEntered", "ParallelStateStarted", "WaitStateEntered",
                "WaitStateExited", "PassStateEntered", "PassStateExited", "ParallelStateSucceeded",
                "ParallelStateExited", "ExecutionSucceeded");
    }
}
