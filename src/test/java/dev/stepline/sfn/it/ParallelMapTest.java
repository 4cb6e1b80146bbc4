package dev.stepline.sfn.it;

import static dev.stepline.sfn.it.Sfn.first;
import static dev.stepline.sfn.it.Sfn.last;
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

/** Parallel and inline Map: outputs, the canonical sequences D and E (spec §5.3), failures and MaxConcurrency. */
class ParallelMapTest {
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

    static long count(List<HistoryEvent> events, String type) {
        return events.stream().filter(e -> e.typeAsString().equals(type)).count();
    }

    @Test
    void parallelOutputsBranchResultsInDeclarationOrder() {
        String arn = sfn.machine("parallel", """
                {"StartAt": "Fork",
                 "States": {
                   "Fork": {"Type": "Parallel", "Next": "After", "Branches": [
                     {"StartAt": "A1", "States": {
                        "A1": {"Type": "Pass", "Result": "a", "Next": "A2"},
                        "A2": {"Type": "Pass", "End": true}}},
                     {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Parameters": {"v.$": "$.v"}, "End": true}}},
                     {"StartAt": "C1", "States": {"C1": {"Type": "Succeed"}}}]},
                   "After": {"Type": "Pass", "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{\"v\": 7}", ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[\"a\",{\"v\":7},{\"v\":7}]");

        List<HistoryEvent> events = sfn.history(done.executionArn());
        Sfn.assertGapless(events);
        assertThat(shape(events.subList(0, 3))).containsExactly(
                "1 ExecutionStarted 0", "2 ParallelStateEntered 0", "3 ParallelStateStarted 2");
        // 4 branch states entered and exited in between, interleaving unspecified
        assertThat(events).hasSize(3 + 8 + 2 + 3);
        assertThat(count(events, "PassStateEntered")).isEqualTo(3 + 1);
        assertThat(count(events, "SucceedStateExited")).isEqualTo(1);
        HistoryEvent succeeded = events.get(11);
        HistoryEvent exited = events.get(12);
        assertThat(succeeded.typeAsString()).isEqualTo("ParallelStateSucceeded");
        assertThat(exited.typeAsString()).isEqualTo("ParallelStateExited");
        assertThat(succeeded.previousEventId()).as("the last branch event").isEqualTo(11L);
        assertThat(exited.previousEventId()).as("shares ParallelStateSucceeded's previousEventId").isEqualTo(11L);
        assertThat(exited.stateExitedEventDetails().output()).isEqualTo(done.output());
        assertThat(shape(events.subList(13, 16))).containsExactly(
                "14 PassStateEntered 13", "15 PassStateExited 14", "16 ExecutionSucceeded 15");
        // Inside each branch, events chain on their own thread.
        for (HistoryEvent e : events.subList(3, 11)) {
            if (e.typeAsString().endsWith("Exited")) {
                HistoryEvent entered = events.get(e.previousEventId().intValue() - 1);
                assertThat(entered.typeAsString()).endsWith("Entered");
                assertThat(entered.stateEnteredEventDetails().name()).isEqualTo(e.stateExitedEventDetails().name());
            } else {
                String name = e.stateEnteredEventDetails().name();
                if (name.equals("A2")) {
                    assertThat(events.get(e.previousEventId().intValue() - 1).stateExitedEventDetails().name()).isEqualTo("A1");
                } else {
                    assertThat(e.previousEventId()).as("first state of a branch follows ParallelStateStarted")
                            .isEqualTo(3L);
                }
            }
        }
    }

    @Test
    void parallelBranchFailureIsCaught() {
        String arn = sfn.machine("parallel-catch", """
                {"StartAt": "Fork",
                 "States": {
                   "Fork": {"Type": "Parallel", "Next": "Unreached",
                     "Catch": [{"ErrorEquals": ["Branch.Broke"], "ResultPath": "$.error", "Next": "Handle"}],
                     "Branches": [
                       {"StartAt": "Ok", "States": {"Ok": {"Type": "Pass", "End": true}}},
                       {"StartAt": "Bad", "States": {"Bad": {"Type": "Fail", "Error": "Branch.Broke", "Cause": "b2"}}}]},
                   "Unreached": {"Type": "Fail", "Error": "Wrong"},
                   "Handle": {"Type": "Pass", "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{\"in\": 1}", ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"in\":1,\"error\":{\"Error\":\"Branch.Broke\",\"Cause\":\"b2\"}}");
        List<HistoryEvent> events = sfn.history(done.executionArn());
        Sfn.assertGapless(events);
        HistoryEvent failEntered = first(events, "FailStateEntered");
        HistoryEvent parallelFailed = first(events, "ParallelStateFailed");
        assertThat(parallelFailed.previousEventId()).isEqualTo(failEntered.id());
        HistoryEvent exited = first(events, "ParallelStateExited");
        assertThat(exited.previousEventId()).isEqualTo(parallelFailed.id());
        assertThat(exited.stateExitedEventDetails().output()).isEqualTo(done.output());
        assertThat(events.get(exited.id().intValue()).stateEnteredEventDetails().name()).isEqualTo("Handle");
        assertThat(events.get(exited.id().intValue()).previousEventId()).isEqualTo(exited.id());
        assertThat(Sfn.types(events)).doesNotContain("ParallelStateSucceeded");
    }

    @Test
    void uncaughtBranchFailureFailsTheExecutionWithTheBranchError() {
        String arn = sfn.machine("parallel-fail", """
                {"StartAt": "Fork",
                 "States": {
                   "Fork": {"Type": "Parallel", "End": true, "Branches": [
                     {"StartAt": "Bad", "States": {"Bad": {"Type": "Fail", "Error": "Branch.Broke", "Cause": "b1"}}}]}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{}", ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Branch.Broke");
        assertThat(done.cause()).isEqualTo("b1");
        assertThat(shape(sfn.history(done.executionArn()))).containsExactly(
                "1 ExecutionStarted 0",
                "2 ParallelStateEntered 0",
                "3 ParallelStateStarted 2",
                "4 FailStateEntered 3",
                "5 ParallelStateFailed 4",
                "6 ExecutionFailed 5");
    }

    @Test
    void inlineMapFollowsTheCanonicalSequence() {
        String arn = sfn.machine("map", """
                {"StartAt": "Each",
                 "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
                   "ItemSelector": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "tag.$": "$.tag"},
                   "ItemProcessor": {"StartAt": "Double", "States": {
                     "Double": {"Type": "Pass", "Parameters": {"v.$": "States.MathAdd($.value, $.value)",
                                                               "i.$": "$.index", "t.$": "$.tag"}, "End": true}}},
                   "ResultPath": "$.doubled",
                   "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{\"items\": [1, 2, 3], \"tag\": \"x\"}", ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"items\":[1,2,3],\"tag\":\"x\",\"doubled\":["
                + "{\"v\":2,\"i\":0,\"t\":\"x\"},{\"v\":4,\"i\":1,\"t\":\"x\"},{\"v\":6,\"i\":2,\"t\":\"x\"}]}");
        List<HistoryEvent> events = sfn.history(done.executionArn());
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 MapStateEntered 0",
                "3 MapStateStarted 2",
                "4 MapIterationStarted 3",
                "5 PassStateEntered 4",
                "6 PassStateExited 5",
                "7 MapIterationSucceeded 6",
                "8 MapIterationStarted 6",
                "9 PassStateEntered 8",
                "10 PassStateExited 9",
                "11 MapIterationSucceeded 10",
                "12 MapIterationStarted 10",
                "13 PassStateEntered 12",
                "14 PassStateExited 13",
                "15 MapIterationSucceeded 14",
                "16 MapStateSucceeded 14",
                "17 MapStateExited 14",
                "18 ExecutionSucceeded 17");
        assertThat(events.get(2).mapStateStartedEventDetails().length()).isEqualTo(3);
        assertThat(events.get(3).mapIterationStartedEventDetails().index()).isZero();
        assertThat(events.get(3).mapIterationStartedEventDetails().name()).isEqualTo("Each");
        assertThat(events.get(7).mapIterationStartedEventDetails().index()).isEqualTo(1);
        assertThat(events.get(14).mapIterationSucceededEventDetails().index()).isEqualTo(2);
        assertThat(events.get(4).stateEnteredEventDetails().input()).isEqualTo("{\"value\":1,\"index\":0,\"tag\":\"x\"}");
    }

    @Test
    void emptyMapSucceedsWithAnEmptyArray() {
        String arn = sfn.machine("map-empty", """
                {"StartAt": "Each",
                 "States": {"Each": {"Type": "Map", "ItemProcessor": {"StartAt": "P", "States": {
                     "P": {"Type": "Pass", "End": true}}}, "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "[]", ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[]");
        List<HistoryEvent> events = sfn.history(done.executionArn());
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 MapStateEntered 0",
                "3 MapStateStarted 2",
                "4 MapStateSucceeded 3",
                "5 MapStateExited 3",
                "6 ExecutionSucceeded 5");
        assertThat(events.get(2).mapStateStartedEventDetails().length()).isZero();
    }

    @Test
    void mapRespectsMaxConcurrency() {
        String arn = sfn.machine("map-concurrency", """
                {"StartAt": "Each",
                 "States": {"Each": {"Type": "Map", "MaxConcurrency": 2,
                   "ItemProcessor": {"StartAt": "Pause", "States": {
                     "Pause": {"Type": "Wait", "Seconds": 10, "End": true}}}, "End": true}}}""");
        String exec = sfn.start(arn, "[\"a\", \"b\", \"c\", \"d\", \"e\"]");
        sfn.awaitEvents(exec, "WaitStateEntered", 2);
        // Everything that can happen before the clock moves has happened once two iterations wait.
        assertThat(count(sfn.history(exec), "MapIterationStarted")).isEqualTo(2);
        sfn.advance(Duration.ofSeconds(10));
        sfn.awaitEvents(exec, "WaitStateEntered", 4);
        assertThat(count(sfn.history(exec), "MapIterationStarted")).isEqualTo(4);
        assertThat(count(sfn.history(exec), "MapIterationSucceeded")).isEqualTo(2);
        sfn.advance(Duration.ofSeconds(10));
        sfn.awaitEvents(exec, "WaitStateEntered", 5);
        sfn.advance(Duration.ofSeconds(10));
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[\"a\",\"b\",\"c\",\"d\",\"e\"]");
        List<HistoryEvent> events = sfn.history(exec);
        Sfn.assertGapless(events);
        assertThat(count(events, "MapIterationSucceeded")).isEqualTo(5);
        assertThat(events.get(events.size() - 3).typeAsString()).isEqualTo("MapStateSucceeded");
        assertThat(events.get(events.size() - 2).typeAsString()).isEqualTo("MapStateExited");
        assertThat(events.get(events.size() - 2).previousEventId())
                .isEqualTo(events.get(events.size() - 3).previousEventId());
    }

    @Test
    void mapIterationFailureFailsTheMapAndTheExecution() {
        String arn = sfn.machine("map-fail", """
                {"StartAt": "Each",
                 "States": {"Each": {"Type": "Map", "MaxConcurrency": 1,
                   "ItemProcessor": {"StartAt": "Check", "States": {
                     "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "Bad"}],
                               "Default": "Good"},
                     "Bad": {"Type": "Fail", "Error": "Item.Bad", "Cause": "two"},
                     "Good": {"Type": "Pass", "End": true}}}, "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "[1, 2, 3]", ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Item.Bad");
        assertThat(done.cause()).isEqualTo("two");
        List<HistoryEvent> events = sfn.history(done.executionArn());
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 MapStateEntered 0",
                "3 MapStateStarted 2",
                "4 MapIterationStarted 3",
                "5 ChoiceStateEntered 4",
                "6 ChoiceStateExited 5",
                "7 PassStateEntered 6",
                "8 PassStateExited 7",
                "9 MapIterationSucceeded 8",
                "10 MapIterationStarted 8",
                "11 ChoiceStateEntered 10",
                "12 ChoiceStateExited 11",
                "13 FailStateEntered 12",
                "14 MapIterationFailed 13",
                "15 MapStateFailed 13",
                "16 ExecutionFailed 15");
        assertThat(events.get(13).mapIterationFailedEventDetails().index()).isEqualTo(1);
        assertThat(last(events).executionFailedEventDetails().error()).isEqualTo("Item.Bad");
    }

    @Test
    void mapOverANonArrayFailsWithStatesRuntime() {
        String arn = sfn.machine("map-nonarray", """
                {"StartAt": "Each",
                 "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "P", "States": {
                     "P": {"Type": "Pass", "End": true}}}, "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{\"items\": 1}", ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.Runtime");
        assertThat(done.cause()).endsWith("Map state input must be an array but was: 1");
        assertThat(shape(sfn.history(done.executionArn()))).containsExactly(
                "1 ExecutionStarted 0", "2 MapStateEntered 0", "3 ExecutionFailed 2");
    }
}
