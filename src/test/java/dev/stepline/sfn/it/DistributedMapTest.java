package dev.stepline.sfn.it;

import static dev.stepline.sfn.it.Sfn.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;

/** Distributed Map: Map Runs whose items run as child executions, through the real SfnClient. */
class DistributedMapTest {
    private static TestServer server;
    private static Sfn sfn;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        sfn = new Sfn(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String distributed(String extra, String processorStates) {
        return """
                {"StartAt": "Fan", "States": {
                  "Fan": {"Type": "Map", %s
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "Work", "States": %s},
                    "End": true}}}""".formatted(extra, processorStates);
    }

    private static final String DOUBLE = """
            {"Work": {"Type": "Pass", "Parameters": {"v.$": "States.MathAdd($.n, $.n)"}, "End": true}}""";

    @Test
    void inlineItemsRunAsChildExecutionsAndComeBackInItemOrder() {
        String machine = sfn.machine("dmap-inline", distributed("\"ItemsPath\": \"$.items\", \"Label\": \"dbl\",", DOUBLE));
        String exec = sfn.start(machine, "{\"items\": [{\"n\": 1}, {\"n\": 2}, {\"n\": 3}]}");
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[{\"v\":2},{\"v\":4},{\"v\":6}]");

        List<HistoryEvent> history = sfn.history(exec);
        assertThat(shape(history)).containsExactly("1 ExecutionStarted 0", "2 MapStateEntered 0",
                "3 MapStateStarted 2", "4 MapRunStarted 3", "5 MapRunSucceeded 4", "6 MapStateSucceeded 5",
                "7 MapStateExited 5", "8 ExecutionSucceeded 7");
        assertThat(history.get(2).mapStateStartedEventDetails().length()).isEqualTo(3);
        String mapRunArn = history.get(3).mapRunStartedEventDetails().mapRunArn();
        String machineName = machine.substring(machine.lastIndexOf(':') + 1);
        assertThat(mapRunArn).startsWith("arn:aws:states:us-east-1:123456789012:mapRun:" + machineName + "/dbl:");

        List<MapRunListItem> runs = sfn.client.listMapRuns(b -> b.executionArn(exec)).mapRuns();
        assertThat(runs).hasSize(1);
        assertThat(runs.getFirst().mapRunArn()).isEqualTo(mapRunArn);
        assertThat(runs.getFirst().stateMachineArn()).isEqualTo(machine + "/dbl");
        assertThat(runs.getFirst().stopDate()).isNotNull();

        DescribeMapRunResponse run = sfn.client.describeMapRun(b -> b.mapRunArn(mapRunArn));
        assertThat(run.status()).isEqualTo(MapRunStatus.SUCCEEDED);
        assertThat(run.executionArn()).isEqualTo(exec);
        assertThat(run.maxConcurrency()).isZero();
        assertThat(run.toleratedFailureCount()).isZero();
        assertThat(run.toleratedFailurePercentage()).isZero();
        assertThat(run.itemCounts().total()).isEqualTo(3);
        assertThat(run.itemCounts().succeeded()).isEqualTo(3);
        assertThat(run.itemCounts().resultsWritten()).isEqualTo(3);
        assertThat(run.executionCounts().succeeded()).isEqualTo(3);
        assertThat(run.executionCounts().running()).isZero();
        assertThat(run.executionCounts().pending()).isZero();

        List<ExecutionListItem> children = sfn.client.listExecutions(b -> b.mapRunArn(mapRunArn)).executions();
        assertThat(children).hasSize(3).allSatisfy(child -> {
            assertThat(child.mapRunArn()).isEqualTo(mapRunArn);
            assertThat(child.itemCount()).isEqualTo(1);
            assertThat(child.stateMachineArn()).isEqualTo(machine + "/dbl");
            assertThat(child.executionArn()).startsWith("arn:aws:states:us-east-1:123456789012:execution:" + machineName + "/dbl:");
            assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        });
        DescribeExecutionResponse child = sfn.describe(children.getFirst().executionArn());
        assertThat(child.mapRunArn()).isEqualTo(mapRunArn);
        assertThat(child.input()).matches("\\{\"n\":[123]\\}");
        assertThat(sfn.history(child.executionArn()).stream().map(HistoryEvent::typeAsString))
                .containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
        var forChild = sfn.client.describeStateMachineForExecution(b -> b.executionArn(child.executionArn()));
        assertThat(forChild.mapRunArn()).isEqualTo(mapRunArn);
        assertThat(forChild.label()).isEqualTo("dbl");
        assertThat(forChild.definition()).contains("\"StartAt\":\"Work\"");
    }

    @Test
    void unknownMapRunsAreResourceNotFound() {
        String missing = "arn:aws:states:us-east-1:123456789012:mapRun:nope/label:0c2a2b4e-0000-0000-0000-000000000000";
        assertThatThrownBy(() -> sfn.client.describeMapRun(b -> b.mapRunArn(missing)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sfn.client.listExecutions(b -> b.mapRunArn(missing)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sfn.client.updateMapRun(b -> b.mapRunArn(missing).maxConcurrency(1)))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
