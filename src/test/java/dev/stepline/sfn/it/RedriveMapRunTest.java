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
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;

/**
 * Redriving the parent of a failed Distributed Map redrives the same Map Run: its unsuccessful children
 * are redriven in place (one at a time under MaxConcurrency 1, the others PENDING_REDRIVE meanwhile),
 * children never started are started (spec §4.7, §4.9).
 */
class RedriveMapRunTest {
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

    /**
     * Items 0 and 1 fail in their first attempt (one failure tolerated: the second fails the run, 2 and 3
     * never start); a redriven child re-enters its Wait, which then lasts 60 s, so it can be watched running.
     */
    private static final String MACHINE = """
            {"QueryLanguage": "JSONata", "StartAt": "Fan", "States": {
              "Fan": {"Type": "Map", "MaxConcurrency": 1, "ToleratedFailureCount": 1, "End": true,
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "Hold", "States": {
                    "Hold": {"Type": "Wait", "Next": "Work",
                             "Seconds": "{% COUNT > 0 ? 60 : $states.input < 2 ? $error('boom') : 0 %}"},
                    "Work": {"Type": "Pass", "End": true, "Output": {"v": "{% $states.input %}", "count": "{% COUNT %}"}}}}}}}
            """.replace("COUNT", COUNT);

    @Test
    void theSameMapRunRedrivesItsFailedChildrenInPlaceAndStartsTheOthers() {
        String machine = sfn.machine("redrive-dmap", MACHINE);
        DescribeExecutionResponse failed = sfn.run(machine, "[0, 1, 2, 3]", ExecutionStatus.FAILED);
        String exec = failed.executionArn();
        assertThat(failed.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        String mapRun = Sfn.first(sfn.history(exec), "MapRunStarted").mapRunStartedEventDetails().mapRunArn();
        List<String> children = childrenByIndex(mapRun);
        assertThat(children).hasSize(2);

        var redriven = sfn.client.redriveExecution(b -> b.executionArn(exec));
        sfn.awaitEvent(children.get(0), "WaitStateEntered");

        DescribeMapRunResponse during = sfn.client.describeMapRun(b -> b.mapRunArn(mapRun));
        assertThat(during.status()).isEqualTo(MapRunStatus.RUNNING);
        assertThat(during.redriveCount()).isEqualTo(1);
        assertThat(during.redriveDate()).isEqualTo(redriven.redriveDate());
        assertThat(during.stopDate()).isNull();
        assertThat(during.executionCounts().running()).isEqualTo(1);
        assertThat(during.executionCounts().pendingRedrive()).isEqualTo(1);
        assertThat(during.executionCounts().failed()).isZero();
        assertThat(during.executionCounts().pending()).isEqualTo(2);
        assertThat(during.itemCounts().pendingRedrive()).isEqualTo(1);
        assertThat(listed(mapRun, "PENDING_REDRIVE")).containsExactly(children.get(1));
        assertThat(listed(mapRun, "RUNNING")).containsExactly(children.get(0));
        assertThat(sfn.describe(children.get(1)).status()).isEqualTo(ExecutionStatus.PENDING_REDRIVE);

        sfn.advance(Duration.ofSeconds(61));
        sfn.awaitEvent(children.get(1), "ExecutionRedriven");
        sfn.awaitEvent(children.get(1), "WaitStateEntered");
        sfn.advance(Duration.ofSeconds(61));
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(
                "[{\"v\":0,\"count\":1},{\"v\":1,\"count\":1},{\"v\":2,\"count\":0},{\"v\":3,\"count\":0}]");

        List<HistoryEvent> events = sfn.history(exec);
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0", "2 MapStateEntered 0", "3 MapStateStarted 2", "4 MapRunStarted 3",
                "5 MapRunFailed 4", "6 MapStateFailed 5", "7 ExecutionFailed 6",
                "8 ExecutionRedriven 0", "9 MapStateEntered 8", "10 MapStateStarted 9", "11 MapRunRedriven 10",
                "12 MapRunSucceeded 11", "13 MapStateSucceeded 12", "14 MapStateExited 12",
                "15 ExecutionSucceeded 14");
        assertThat(events.get(10).mapRunRedrivenEventDetails().mapRunArn()).isEqualTo(mapRun);
        assertThat(events.get(10).mapRunRedrivenEventDetails().redriveCount()).isEqualTo(1);

        List<String> all = childrenByIndex(mapRun);
        assertThat(all).hasSize(4).startsWith(children.get(0), children.get(1));
        assertThat(Sfn.types(sfn.history(children.get(1)))).containsExactly("ExecutionStarted",
                "WaitStateEntered", "EvaluationFailed", "ExecutionFailed", "ExecutionRedriven",
                "WaitStateEntered", "WaitStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
        assertThat(sfn.describe(children.get(1)).redriveCount()).isEqualTo(1);
        assertThat(sfn.client.listExecutions(b -> b.mapRunArn(mapRun).redriveFilter(ExecutionRedriveFilter.REDRIVEN))
                .executions()).extracting(ExecutionListItem::executionArn)
                .containsExactlyInAnyOrder(children.get(0), children.get(1));
        assertThat(sfn.client.listExecutions(b -> b.mapRunArn(mapRun).redriveFilter(ExecutionRedriveFilter.NOT_REDRIVEN))
                .executions()).extracting(ExecutionListItem::executionArn)
                .containsExactlyInAnyOrder(all.get(2), all.get(3));

        DescribeMapRunResponse after = sfn.client.describeMapRun(b -> b.mapRunArn(mapRun));
        assertThat(after.status()).isEqualTo(MapRunStatus.SUCCEEDED);
        assertThat(after.redriveCount()).isEqualTo(1);
        assertThat(after.redriveDate()).isEqualTo(redriven.redriveDate());
        assertThat(after.executionCounts().succeeded()).isEqualTo(4);
        assertThat(after.executionCounts().failed()).isZero();
        assertThat(after.executionCounts().pendingRedrive()).isZero();
        assertThat(after.itemCounts().total()).isEqualTo(4);
        assertThat(sfn.client.listMapRuns(b -> b.executionArn(exec)).mapRuns()).hasSize(1);
    }

    @Test
    void aMapRunAbortedWithTheParentRedrivesItsAbortedChildrenAndStartsTheRest() {
        String machine = sfn.machine("redrive-dmap-abort", """
                {"StartAt": "Fan", "States": {
                  "Fan": {"Type": "Map", "MaxConcurrency": 2, "End": true,
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "Hold", "States": {
                        "Hold": {"Type": "Wait", "Seconds": 60, "Next": "Work"},
                        "Work": {"Type": "Pass", "End": true,
                                 "Parameters": {"v.$": "$", "count.$": "$$.Execution.RedriveCount"}}}}}}}""");
        String exec = sfn.start(machine, "[0, 1, 2]");
        String mapRun = Sfn.first(List.of(sfn.awaitEvent(exec, "MapRunStarted")), "MapRunStarted")
                .mapRunStartedEventDetails().mapRunArn();
        List<String> first = awaitChildren(mapRun, 2);
        first.forEach(child -> sfn.awaitEvent(child, "WaitStateEntered"));
        sfn.client.stopExecution(b -> b.executionArn(exec));
        assertThat(sfn.awaitClosed(exec).status()).isEqualTo(ExecutionStatus.ABORTED);
        first.forEach(child -> assertThat(sfn.awaitClosed(child).status()).isEqualTo(ExecutionStatus.ABORTED));
        assertThat(sfn.client.describeMapRun(b -> b.mapRunArn(mapRun)).status()).isEqualTo(MapRunStatus.ABORTED);

        sfn.client.redriveExecution(b -> b.executionArn(exec));
        first.forEach(child -> sfn.awaitEvents(child, "WaitStateEntered", 2));
        sfn.advance(Duration.ofSeconds(61));
        List<String> all = awaitChildren(mapRun, 3);
        sfn.awaitEvent(all.get(2), "WaitStateEntered");
        sfn.advance(Duration.ofSeconds(61));
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[{\"v\":0,\"count\":1},{\"v\":1,\"count\":1},{\"v\":2,\"count\":0}]");
        assertThat(Sfn.types(sfn.history(exec))).containsExactly("ExecutionStarted", "MapStateEntered",
                "MapStateStarted", "MapRunStarted", "MapRunAborted", "MapStateAborted", "ExecutionAborted",
                "ExecutionRedriven", "MapStateEntered", "MapStateStarted", "MapRunRedriven", "MapRunSucceeded",
                "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
        DescribeMapRunResponse run = sfn.client.describeMapRun(b -> b.mapRunArn(mapRun));
        assertThat(run.status()).isEqualTo(MapRunStatus.SUCCEEDED);
        assertThat(run.redriveCount()).isEqualTo(1);
        assertThat(run.executionCounts().succeeded()).isEqualTo(3);
        assertThat(run.executionCounts().aborted()).isZero();
    }

    /**
     * A failure while more children are being started: those whose start came too late are stopped (they
     * count as aborted), and the redrive completes every item whichever way that race went.
     */
    @Test
    void childrenStartedAfterTheRunFailedAreRedrivenToo() {
        String machine = sfn.machine("redrive-dmap-late", """
                {"QueryLanguage": "JSONata", "StartAt": "Fan", "States": {"Fan": {"Type": "Map", "MaxConcurrency": 2,
                  "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "W", "States": {"W": {"Type": "Pass", "End": true,
                    "Output": "{% $states.input = 2 and COUNT = 0 ? $error('boom') : [$states.input, COUNT] %}"}}}}}}
                """.replace("COUNT", COUNT));
        for (int i = 0; i < 5; i++) {
            String exec = sfn.run(machine, "[1, 2, 3, 4, 5]", ExecutionStatus.FAILED).executionArn();
            sfn.client.redriveExecution(b -> b.executionArn(exec));
            DescribeExecutionResponse done = sfn.awaitClosed(exec);
            assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).isEqualTo("[[1,0],[2,1],[3,0],[4,0],[5,0]]");
            String mapRun = Sfn.first(sfn.history(exec), "MapRunStarted").mapRunStartedEventDetails().mapRunArn();
            DescribeMapRunResponse run = sfn.client.describeMapRun(b -> b.mapRunArn(mapRun));
            assertThat(run.executionCounts().succeeded()).isEqualTo(5);
            assertThat(run.executionCounts().aborted() + run.executionCounts().failed()).isZero();
        }
    }

    @Test
    void aChildFailingAgainIsRedrivenAgainByTheNextRedrive() {
        String machine = sfn.machine("redrive-dmap-twice", """
                {"QueryLanguage": "JSONata", "StartAt": "Fan", "States": {"Fan": {"Type": "Map", "MaxConcurrency": 1,
                  "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "W", "States": {"W": {"Type": "Pass", "End": true,
                    "Output": "{% $states.input = 1 and COUNT < 2 ? $error('boom') : [$states.input, COUNT] %}"}}}}}}
                """.replace("COUNT", COUNT));
        String exec = sfn.run(machine, "[0, 1, 2]", ExecutionStatus.FAILED).executionArn();
        sfn.client.redriveExecution(b -> b.executionArn(exec));
        await(exec, 2);
        assertThat(sfn.awaitClosed(exec).status()).isEqualTo(ExecutionStatus.FAILED);
        sfn.client.redriveExecution(b -> b.executionArn(exec));
        await(exec, 3);
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[[0,0],[1,2],[2,0]]");
        List<HistoryEvent> events = sfn.history(exec);
        assertThat(events.stream().filter(e -> e.typeAsString().equals("MapRunRedriven"))
                .map(e -> e.mapRunRedrivenEventDetails().redriveCount())).containsExactly(1, 2);
        String mapRun = Sfn.first(events, "MapRunStarted").mapRunStartedEventDetails().mapRunArn();
        DescribeMapRunResponse run = sfn.client.describeMapRun(b -> b.mapRunArn(mapRun));
        assertThat(run.redriveCount()).isEqualTo(2);
        assertThat(run.executionCounts().succeeded()).isEqualTo(3);
        assertThat(sfn.client.listExecutions(b -> b.mapRunArn(mapRun).redriveFilter(ExecutionRedriveFilter.REDRIVEN))
                .executions()).singleElement().satisfies(child -> assertThat(child.redriveCount()).isEqualTo(2));
    }

    /** Waits until the execution has closed {@code count} times (ExecutionFailed/Succeeded events). */
    private static void await(String exec, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sfn.history(exec).stream()
                .filter(e -> e.typeAsString().equals("ExecutionFailed") || e.typeAsString().equals("ExecutionSucceeded"))
                .count() >= count);
    }

    private static List<String> awaitChildren(String mapRun, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> sfn.client.listExecutions(b -> b.mapRunArn(mapRun)).executions().size() >= count);
        return childrenByIndex(mapRun);
    }

    /** The Map Run's children in item order. */
    private static List<String> childrenByIndex(String mapRun) {
        return sfn.client.listExecutions(b -> b.mapRunArn(mapRun)).executions().stream()
                .sorted(java.util.Comparator.comparing(ExecutionListItem::startDate)
                        .thenComparing(e -> inputOf(e.executionArn())))
                .map(ExecutionListItem::executionArn).toList();
    }

    private static String inputOf(String child) {
        return sfn.describe(child).input();
    }

    private static List<String> listed(String mapRun, String status) {
        return sfn.client.listExecutions(b -> b.mapRunArn(mapRun).statusFilter(status)).executions().stream()
                .map(ExecutionListItem::executionArn).toList();
    }
}
