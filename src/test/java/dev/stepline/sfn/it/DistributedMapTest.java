package dev.stepline.sfn.it;

import static dev.stepline.sfn.it.Sfn.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.model.ValidationException;
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
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        sfn = new Sfn(server);
        s3 = server.s3();
        s3.createBucket(b -> b.bucket("dmap-items"));
        s3.createBucket(b -> b.bucket("dmap-results"));
    }

    private static void put(String key, String content) {
        s3.putObject(b -> b.bucket("dmap-items").key(key), RequestBody.fromString(content));
    }

    private static String get(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    private static String mapRunArn(String exec) {
        return Sfn.first(sfn.history(exec), "MapRunStarted").mapRunStartedEventDetails().mapRunArn();
    }

    /** A child that fails when its input has {@code "fail": true}, else returns its {@code n}. */
    private static final String MAYBE_FAIL = """
            {"Work": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "IsPresent": true, "Next": "Boom"}],
                       "Default": "Ok"},
             "Boom": {"Type": "Fail", "Error": "Item.Bad", "Cause": "bad item"},
             "Ok": {"Type": "Pass", "OutputPath": "$.n", "End": true}}""";

    /** A child that waits 100 s (virtual time) and then returns its input. */
    private static final String SLOW = """
            {"Work": {"Type": "Wait", "Seconds": 100, "End": true}}""";

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

    @Test
    void csvItemsFromTheObjectStoreWithItemSelector() {
        put("people.csv", "name,age\nada,36\n\"lovelace, b\",41\n");
        String machine = sfn.machine("dmap-csv", distributed("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                  "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                  "Parameters": {"Bucket": "dmap-items", "Key": "people.csv"}},
                "ItemSelector": {"who.$": "$$.Map.Item.Value.name", "at.$": "$$.Map.Item.Index", "tag.$": "$.tag"},""",
                """
                {"Work": {"Type": "Pass", "End": true}}"""));
        DescribeExecutionResponse done = sfn.run(machine, "{\"tag\": \"t\"}", ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[{\"who\":\"ada\",\"at\":0,\"tag\":\"t\"},{\"who\":\"lovelace, b\",\"at\":1,\"tag\":\"t\"}]");
    }

    @Test
    void jsonlWithMaxItemsAndGivenCsvHeadersAndListObjects() {
        put("lines.jsonl", "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
        String jsonl = sfn.machine("dmap-jsonl", distributed("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                  "ReaderConfig": {"InputType": "JSONL", "MaxItems": 2},
                  "Parameters": {"Bucket": "dmap-items", "Key": "lines.jsonl"}},""", DOUBLE));
        assertThat(sfn.run(jsonl, "{}", ExecutionStatus.SUCCEEDED).output()).isEqualTo("[{\"v\":2},{\"v\":4}]");

        put("given.csv", "1|x\n2|y\n");
        String given = sfn.machine("dmap-given", distributed("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                  "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["id", "v"],
                                   "CSVDelimiter": "PIPE"},
                  "Parameters": {"Bucket": "dmap-items", "Key": "given.csv"}},""", """
                {"Work": {"Type": "Pass", "End": true}}"""));
        assertThat(sfn.run(given, "{}", ExecutionStatus.SUCCEEDED).output())
                .isEqualTo("[{\"id\":\"1\",\"v\":\"x\"},{\"id\":\"2\",\"v\":\"y\"}]");

        put("listed/a.txt", "aaa");
        put("listed/b.txt", "bb");
        String listing = sfn.machine("dmap-list", distributed("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2",
                  "Parameters": {"Bucket": "dmap-items", "Prefix": "listed/"}},""", """
                {"Work": {"Type": "Pass", "End": true}}"""));
        String output = sfn.run(listing, "{}", ExecutionStatus.SUCCEEDED).output();
        assertThat(output).contains("\"Key\":\"listed/a.txt\"", "\"Size\":3", "\"Key\":\"listed/b.txt\"", "\"Size\":2",
                "\"StorageClass\":\"STANDARD\"", "\"Etag\":\"\\\"", "\"LastModified\":");
    }

    @Test
    void aMissingObjectFailsTheMapStateWithItemReaderFailed() {
        String machine = sfn.machine("dmap-missing", distributed("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                  "ReaderConfig": {"InputType": "JSON"},
                  "Parameters": {"Bucket": "dmap-items", "Key": "nope.json"}},""", DOUBLE));
        DescribeExecutionResponse failed = sfn.run(machine, "{}", ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("States.ItemReaderFailed");
        assertThat(failed.cause()).startsWith("The specified key does not exist.");
        String noBucket = sfn.machine("dmap-nobucket", distributed("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                  "Parameters": {"Bucket": "dmap-no-such-bucket", "Key": "x.json"}},""", DOUBLE));
        assertThat(sfn.run(noBucket, "{}", ExecutionStatus.FAILED).cause()).startsWith("The specified bucket does not exist.");
    }

    @Test
    void itemBatcherGroupsItemsWithBatchInput() {
        String machine = sfn.machine("dmap-batch", distributed("""
                "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"k.$": "$.k"}},""", """
                {"Work": {"Type": "Pass", "End": true}}"""));
        String exec = sfn.start(machine, "[1, 2, 3, 4, 5]");
        // ItemsPath defaults to $: the input is the array; BatchInput's $ is the effective input too.
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.cause()).contains("$.k");

        String keyed = sfn.machine("dmap-batch2", distributed("""
                "ItemsPath": "$.items",
                "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"k.$": "$.k"}},""", """
                {"Work": {"Type": "Pass", "End": true}}"""));
        String run = sfn.start(keyed, "{\"k\": \"v\", \"items\": [1, 2, 3, 4, 5]}");
        DescribeExecutionResponse ok = sfn.awaitClosed(run);
        assertThat(ok.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(ok.output()).isEqualTo("[{\"Items\":[1,2],\"BatchInput\":{\"k\":\"v\"}},"
                + "{\"Items\":[3,4],\"BatchInput\":{\"k\":\"v\"}},{\"Items\":[5],\"BatchInput\":{\"k\":\"v\"}}]");
        String mapRun = mapRunArn(run);
        DescribeMapRunResponse described = sfn.client.describeMapRun(b -> b.mapRunArn(mapRun));
        assertThat(described.itemCounts().total()).isEqualTo(5);
        assertThat(described.executionCounts().total()).isEqualTo(3);
        assertThat(sfn.client.listExecutions(b -> b.mapRunArn(mapRun)).executions())
                .extracting(ExecutionListItem::itemCount).containsExactlyInAnyOrder(2, 2, 1);
    }

    @Test
    void toleratedFailuresWithinTheThresholdSucceed() {
        String machine = sfn.machine("dmap-tolerate", distributed("\"ToleratedFailureCount\": 1,", MAYBE_FAIL));
        DescribeExecutionResponse done = sfn.run(machine, "[{\"n\": 1}, {\"n\": 2, \"fail\": true}, {\"n\": 3}]",
                ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).startsWith("[1,{").endsWith(",3]")
                .contains("\"Error\":\"Item.Bad\"", "\"Cause\":\"bad item\"", "\"Status\":\"FAILED\"");
        DescribeMapRunResponse run = sfn.client.describeMapRun(b -> b.mapRunArn(mapRunArn(done.executionArn())));
        assertThat(run.status()).isEqualTo(MapRunStatus.SUCCEEDED);
        assertThat(run.toleratedFailureCount()).isEqualTo(1);
        assertThat(run.itemCounts().failed()).isEqualTo(1);
        assertThat(run.itemCounts().succeeded()).isEqualTo(2);

        String byPath = sfn.machine("dmap-tolerate-path", distributed(
                "\"ItemsPath\": \"$.items\", \"ToleratedFailurePercentagePath\": \"$.pct\",", MAYBE_FAIL));
        DescribeExecutionResponse half = sfn.run(byPath,
                "{\"pct\": 50.5, \"items\": [{\"n\": 1}, {\"n\": 2, \"fail\": true}]}", ExecutionStatus.SUCCEEDED);
        assertThat(sfn.client.describeMapRun(b -> b.mapRunArn(mapRunArn(half.executionArn())))
                .toleratedFailurePercentage()).isEqualTo(50.5f);
    }

    @Test
    void exceedingTheToleratedFailuresFailsTheMapRun() {
        String machine = sfn.machine("dmap-exceed", distributed(
                "\"ToleratedFailurePercentage\": 40, \"MaxConcurrency\": 1,", MAYBE_FAIL));
        DescribeExecutionResponse done = sfn.run(machine,
                "[{\"n\": 1, \"fail\": true}, {\"n\": 2, \"fail\": true}, {\"n\": 3}, {\"n\": 4}]", ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        List<HistoryEvent> history = sfn.history(done.executionArn());
        assertThat(Sfn.types(history)).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted",
                "MapRunStarted", "MapRunFailed", "MapStateFailed", "ExecutionFailed");
        assertThat(Sfn.first(history, "MapRunFailed").mapRunFailedEventDetails().error())
                .isEqualTo("States.ExceedToleratedFailureThreshold");
        DescribeMapRunResponse run = sfn.client.describeMapRun(b -> b.mapRunArn(mapRunArn(done.executionArn())));
        assertThat(run.status()).isEqualTo(MapRunStatus.FAILED);
        assertThat(run.itemCounts().failed()).isEqualTo(2);
        assertThat(run.itemCounts().pending()).isEqualTo(2);
        assertThat(run.toleratedFailurePercentage()).isEqualTo(40f);

        String strict = sfn.machine("dmap-strict", distributed("", MAYBE_FAIL));
        DescribeExecutionResponse failed = sfn.run(strict, "[{\"n\": 1, \"fail\": true}]", ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void resultWriterWritesManifestAndResultFiles() {
        String machine = sfn.machine("dmap-writer", distributed("""
                "ToleratedFailureCount": 5,
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                  "Parameters": {"Bucket": "dmap-results", "Prefix": "out"}},""", MAYBE_FAIL));
        DescribeExecutionResponse done = sfn.run(machine, "[{\"n\": 1}, {\"n\": 2, \"fail\": true}]",
                ExecutionStatus.SUCCEEDED);
        String mapRun = mapRunArn(done.executionArn());
        String runId = mapRun.substring(mapRun.lastIndexOf(':') + 1);
        assertThat(done.output()).isEqualTo("{\"MapRunArn\":\"" + mapRun + "\",\"ResultWriterDetails\":"
                + "{\"Bucket\":\"dmap-results\",\"Key\":\"out/" + runId + "/manifest.json\"}}");
        String manifest = get("dmap-results", "out/" + runId + "/manifest.json");
        assertThat(manifest).contains("\"DestinationBucket\":\"dmap-results\"", "\"MapRunArn\":\"" + mapRun + "\"",
                "\"Key\":\"out/" + runId + "/SUCCEEDED_0.json\"", "\"Key\":\"out/" + runId + "/FAILED_0.json\"",
                "\"PENDING\":[]");
        assertThat(get("dmap-results", "out/" + runId + "/SUCCEEDED_0.json"))
                .contains("\"Output\":\"1\"", "\"Status\":\"SUCCEEDED\"", "\"Input\":\"{\\\"n\\\":1}\"");
        assertThat(get("dmap-results", "out/" + runId + "/FAILED_0.json"))
                .contains("\"Error\":\"Item.Bad\"", "\"Status\":\"FAILED\"");
    }

    @Test
    void stoppingTheParentAbortsTheMapRunAndItsChildren() {
        String machine = sfn.machine("dmap-stop", distributed("", SLOW));
        String exec = sfn.start(machine, "[1, 2, 3]");
        String mapRun = mapRunArn(exec);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                sfn.client.listExecutions(b -> b.mapRunArn(mapRun)).executions().size() == 3);
        sfn.client.stopExecution(b -> b.executionArn(exec));
        List<HistoryEvent> history = sfn.history(exec);
        assertThat(Sfn.types(history)).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted",
                "MapRunStarted", "MapRunAborted", "MapStateAborted", "ExecutionAborted");
        assertThat(sfn.client.describeMapRun(b -> b.mapRunArn(mapRun)).status()).isEqualTo(MapRunStatus.ABORTED);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                sfn.client.listExecutions(b -> b.mapRunArn(mapRun)).executions().stream()
                        .allMatch(e -> e.status() == ExecutionStatus.ABORTED));
        assertThatThrownBy(() -> sfn.client.updateMapRun(b -> b.mapRunArn(mapRun).maxConcurrency(1)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void updateMapRunRaisesConcurrencyForChildrenNotYetStarted() {
        String machine = sfn.machine("dmap-update", distributed("\"MaxConcurrency\": 1,", SLOW));
        String exec = sfn.start(machine, "[1, 2, 3, 4]");
        String mapRun = mapRunArn(exec);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                sfn.client.describeMapRun(b -> b.mapRunArn(mapRun)).executionCounts().running() == 1);
        assertThat(sfn.client.describeMapRun(b -> b.mapRunArn(mapRun)).executionCounts().pending()).isEqualTo(3);
        sfn.client.updateMapRun(b -> b.mapRunArn(mapRun).maxConcurrency(10).toleratedFailureCount(2L));
        DescribeMapRunResponse updated = sfn.client.describeMapRun(b -> b.mapRunArn(mapRun));
        assertThat(updated.maxConcurrency()).isEqualTo(10);
        assertThat(updated.toleratedFailureCount()).isEqualTo(2);
        assertThat(updated.executionCounts().running()).isEqualTo(4);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                sfn.client.listExecutions(b -> b.mapRunArn(mapRun)).executions().size() == 4);
        assertThatThrownBy(() -> sfn.client.updateMapRun(b -> b.mapRunArn(mapRun)))
                .isInstanceOf(ValidationException.class);
        sfn.advance(Duration.ofSeconds(100));
        assertThat(sfn.awaitClosed(exec).output()).isEqualTo("[1,2,3,4]");
    }

    @Test
    void aRestartMidRunFinishesEveryChildExactlyOnce() throws Exception {
        try (TestServer own = TestServer.embedded()) {
            Sfn before = new Sfn(own);
            String machine = before.machine("dmap-restart", distributed("\"MaxConcurrency\": 5,", SLOW));
            StringBuilder items = new StringBuilder("[");
            for (int i = 0; i < 20; i++) {
                items.append(i == 0 ? "" : ",").append(i);
            }
            String exec = before.start(machine, items.append("]").toString());
            String mapRun = Sfn.first(before.history(exec), "MapRunStarted").mapRunStartedEventDetails().mapRunArn();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    before.client.listExecutions(b -> b.mapRunArn(mapRun)).executions().size() == 5);

            own.restart();
            Sfn after = new Sfn(own);
            DescribeExecutionResponse done = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        after.advance(Duration.ofSeconds(100));
                        return after.describe(exec);
                    }, d -> d.status() != ExecutionStatus.RUNNING);
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).isEqualTo(items.toString());
            List<ExecutionListItem> children = after.client.listExecutions(b -> b.mapRunArn(mapRun).maxResults(100))
                    .executions();
            assertThat(children).hasSize(20).allSatisfy(c -> assertThat(c.status()).isEqualTo(ExecutionStatus.SUCCEEDED));
            for (ExecutionListItem child : children) {
                List<String> types = Sfn.types(after.history(child.executionArn()));
                assertThat(types).containsExactly("ExecutionStarted", "WaitStateEntered", "WaitStateExited",
                        "ExecutionSucceeded");
            }
            DescribeMapRunResponse run = after.client.describeMapRun(b -> b.mapRunArn(mapRun));
            assertThat(run.executionCounts().succeeded()).isEqualTo(20);
            assertThat(run.executionCounts().total()).isEqualTo(20);
            assertThat(run.executionCounts().failed() + run.executionCounts().aborted()).isZero();
        }
    }

    @Test
    void jsonataItemsAndItemSelectorInsideAParallelBranch() {
        String machine = sfn.machine("dmap-jsonata", """
                {"QueryLanguage": "JSONata", "StartAt": "Par", "States": {
                  "Par": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "Fan", "States": {"Fan": {"Type": "Map", "Items": "{% $states.input.xs %}",
                      "ItemSelector": {"x": "{% $states.context.Map.Item.Value * 10 %}",
                                       "i": "{% $states.context.Map.Item.Index %}"},
                      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                        "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.input.x + $states.input.i %}",
                                                         "End": true}}},
                      "End": true}}},
                    {"StartAt": "Other", "States": {"Other": {"Type": "Pass", "Output": "other", "End": true}}}]}}}""");
        DescribeExecutionResponse done = sfn.run(machine, "{\"xs\": [1, 2, 3]}", ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[[10,21,32],\"other\"]");
    }

    @Test
    void aRetriedMapStartsANewMapRunAndListMapRunsPages() {
        String machine = sfn.machine("dmap-retry", distributed("""
                "Retry": [{"ErrorEquals": ["States.ExceedToleratedFailureThreshold"], "IntervalSeconds": 1,
                           "MaxAttempts": 1}],""", MAYBE_FAIL));
        DescribeExecutionResponse done = sfn.run(machine, "[{\"n\": 1, \"fail\": true}]", ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(Sfn.types(sfn.history(done.executionArn())).stream().filter("MapRunStarted"::equals)).hasSize(2);
        var first = sfn.client.listMapRuns(b -> b.executionArn(done.executionArn()).maxResults(1));
        assertThat(first.mapRuns()).hasSize(1);
        assertThat(first.nextToken()).isNotNull();
        var second = sfn.client.listMapRuns(b -> b.executionArn(done.executionArn()).maxResults(1)
                .nextToken(first.nextToken()));
        assertThat(second.mapRuns()).hasSize(1);
        assertThat(second.nextToken()).isNull();
        assertThat(second.mapRuns().getFirst().mapRunArn()).isNotEqualTo(first.mapRuns().getFirst().mapRunArn());
        for (MapRunListItem run : List.of(first.mapRuns().getFirst(), second.mapRuns().getFirst())) {
            assertThat(sfn.client.describeMapRun(b -> b.mapRunArn(run.mapRunArn())).status()).isEqualTo(MapRunStatus.FAILED);
            ExecutionListItem child = sfn.client.listExecutions(b -> b.mapRunArn(run.mapRunArn())).executions().getFirst();
            DescribeExecutionResponse described = sfn.describe(child.executionArn());
            assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(described.redriveStatusAsString()).isEqualTo("REDRIVABLE_BY_MAP_RUN");
        }
    }
}
