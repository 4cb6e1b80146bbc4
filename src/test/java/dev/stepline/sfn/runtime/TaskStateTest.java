package dev.stepline.sfn.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.engine.Signal;
import dev.stepline.engine.WorkItem;
import dev.stepline.sfn.runtime.dataflow.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class TaskStateTest {

    static final String CANONICAL_A = """
            {"StartAt":"P","States":{
              "P":{"Type":"Pass","Next":"T"},
              "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                   "Parameters":{"FunctionName":"f","Payload.$":"$"},"Next":"S"},
              "S":{"Type":"Succeed"}}}""";

    @Test
    void canonicalSequenceA() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> FakeEngine.succeed(item, "{\"Payload\":{\"ok\":true},\"StatusCode\":200}");
        engine.start(CANONICAL_A, "{\"k\":\"v\"}");
        assertThat(engine.history()).containsExactly(
                "1 ExecutionStarted 0",
                "2 PassStateEntered 0",
                "3 PassStateExited 2",
                "4 TaskStateEntered 3",
                "5 TaskScheduled 4",
                "6 TaskStarted 5",
                "7 TaskSucceeded 6",
                "8 TaskStateExited 7",
                "9 SucceedStateEntered 8",
                "10 SucceedStateExited 9",
                "11 ExecutionSucceeded 10");
        FakeEngine.Event scheduled = engine.event("TaskScheduled");
        assertThat(Json.compact(scheduled.details())).isEqualTo("{\"resourceType\":\"lambda\",\"resource\":\"invoke\","
                + "\"region\":\"us-east-1\",\"parameters\":\"{\\\"FunctionName\\\":\\\"f\\\",\\\"Payload\\\":{\\\"k\\\":\\\"v\\\"}}\"}");
        assertThat(Json.compact(engine.event("TaskStarted").details()))
                .isEqualTo("{\"resourceType\":\"lambda\",\"resource\":\"invoke\"}");
        FakeEngine.Event succeeded = engine.event("TaskSucceeded");
        assertThat(succeeded.detail("resourceType")).isEqualTo("lambda");
        assertThat(succeeded.detail("output")).isEqualTo("{\"Payload\":{\"ok\":true},\"StatusCode\":200}");
        assertThat(engine.summary().output()).isEqualTo("{\"Payload\":{\"ok\":true},\"StatusCode\":200}");
    }

    @Test
    void taskItemPayload() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> null;
        engine.start("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject",
                  "Parameters":{"Bucket":"b","Key":"k"},"TimeoutSeconds":30,"End":true}}}""", "{}");
        WorkItem task = engine.item(WorkItem.Kind.TASK);
        assertThat(Json.compact(task.payload())).isEqualTo("{\"resource\":\"arn:aws:states:::aws-sdk:s3:getObject\","
                + "\"kind\":\"SDK_INTEGRATION\",\"integration\":\"aws-sdk:s3:getObject\",\"pattern\":\"REQUEST_RESPONSE\","
                + "\"parameters\":{\"Bucket\":\"b\",\"Key\":\"k\"},\"stateName\":\"T\",\"stateMachineArn\":\""
                + FakeEngine.SM_ARN + "\",\"executionArn\":\"" + FakeEngine.EXEC_ARN + "\",\"region\":\"us-east-1\","
                + "\"account\":\"123456789012\",\"attempt\":0,\"timeoutSeconds\":30}");
        FakeEngine.Event scheduled = engine.event("TaskScheduled");
        assertThat(scheduled.detail("resourceType")).isEqualTo("aws-sdk:s3");
        assertThat(scheduled.detail("resource")).isEqualTo("getObject");
        assertThat(scheduled.details().get("timeoutInSeconds").asInt()).isEqualTo(30);
        assertThat(scheduled.details().has("heartbeatInSeconds")).isFalse();
        assertThat(engine.items).containsKey(task.key() + "#timeout");
    }

    @Test
    void legacyLambdaFunctionEvents() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> FakeEngine.succeed(item, "\"done\"");
        engine.start("""
                {"StartAt":"T","States":{"T":{"Type":"Task",
                  "Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","End":true}}}""", "{\"a\":1}");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 TaskStateEntered 0",
                "3 LambdaFunctionScheduled 2", "4 LambdaFunctionStarted 3", "5 LambdaFunctionSucceeded 4",
                "6 TaskStateExited 5", "7 ExecutionSucceeded 6");
        FakeEngine.Event scheduled = engine.event("LambdaFunctionScheduled");
        assertThat(scheduled.detail("resource")).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:f");
        assertThat(scheduled.detail("input")).isEqualTo("{\"a\":1}");
        assertThat(engine.event("LambdaFunctionStarted").details()).isNull();
        assertThat(Json.compact(engine.event("LambdaFunctionSucceeded").details()))
                .isEqualTo("{\"output\":\"\\\"done\\\"\",\"outputDetails\":{\"truncated\":false}}");
    }

    static final String RETRY_THEN_CATCH = """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f",
                   "Retry":[{"ErrorEquals":["Exception"],"IntervalSeconds":2,"MaxAttempts":3,"BackoffRate":2.0}],
                   "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Handled"}],
                   "End":true},
              "Handled":{"Type":"Pass","End":true}}}""";

    @Test
    void canonicalSequenceCRetryThenCatch() {
        FakeEngine engine = new FakeEngine();
        List<Instant> attempts = new ArrayList<>();
        engine.tasks = item -> {
            attempts.add(engine.now);
            return FakeEngine.fail(item, "Exception", "{\"errorMessage\":\"boom\"}");
        };
        engine.start(RETRY_THEN_CATCH, "{\"in\":1}").runToEnd();
        assertThat(engine.history()).containsExactly(
                "1 ExecutionStarted 0",
                "2 TaskStateEntered 0",
                "3 LambdaFunctionScheduled 2", "4 LambdaFunctionStarted 3", "5 LambdaFunctionFailed 4",
                "6 LambdaFunctionScheduled 5", "7 LambdaFunctionStarted 6", "8 LambdaFunctionFailed 7",
                "9 LambdaFunctionScheduled 8", "10 LambdaFunctionStarted 9", "11 LambdaFunctionFailed 10",
                "12 LambdaFunctionScheduled 11", "13 LambdaFunctionStarted 12", "14 LambdaFunctionFailed 13",
                "15 TaskStateExited 14",
                "16 PassStateEntered 15",
                "17 PassStateExited 16",
                "18 ExecutionSucceeded 17");
        assertThat(attempts).hasSize(4);
        assertThat(Duration.between(attempts.get(0), attempts.get(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(Duration.between(attempts.get(1), attempts.get(2))).isEqualTo(Duration.ofSeconds(4));
        assertThat(Duration.between(attempts.get(2), attempts.get(3))).isEqualTo(Duration.ofSeconds(8));
        assertThat(engine.event("TaskStateExited").detail("output")).isEqualTo(
                "{\"in\":1,\"error\":{\"Error\":\"Exception\",\"Cause\":\"{\\\"errorMessage\\\":\\\"boom\\\"}\"}}");
    }

    @Test
    void retryCountAndAttemptNumbersReachTheTask() {
        FakeEngine engine = new FakeEngine();
        List<Integer> attempts = new ArrayList<>();
        engine.tasks = item -> {
            attempts.add(item.payload().get("attempt").asInt());
            return attempts.size() < 3 ? FakeEngine.fail(item, "E", null) : FakeEngine.succeed(item, "{}");
        };
        engine.start("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Parameters":{"retry.$":"$$.State.RetryCount"},
                  "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":1}],"End":true}}}""", "{}").runToEnd();
        assertThat(attempts).containsExactly(0, 1, 2);
        List<String> parameters = engine.events.stream().filter(e -> e.type().equals("TaskScheduled"))
                .map(e -> e.detail("parameters")).toList();
        assertThat(parameters).containsExactly("{\"retry\":0}", "{\"retry\":1}", "{\"retry\":2}");
        assertThat(engine.summary().status()).isEqualTo("SUCCEEDED");
    }

    @Test
    void retryDelaysHonourMaxDelayAndPerRetrierCounters() {
        FakeEngine engine = new FakeEngine();
        List<String> errors = List.of("A", "B", "A", "A", "B", "Final");
        List<Instant> times = new ArrayList<>();
        engine.tasks = item -> {
            times.add(engine.now);
            return FakeEngine.fail(item, errors.get(times.size() - 1), null);
        };
        engine.start("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Retry":[{"ErrorEquals":["A"],"IntervalSeconds":3,"MaxAttempts":3,"BackoffRate":3,"MaxDelaySeconds":10},
                           {"ErrorEquals":["B"],"IntervalSeconds":1,"MaxAttempts":2,"BackoffRate":1.0}],
                  "End":true}}}""", "{}").runToEnd();
        assertThat(times).hasSize(6);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(Duration.between(times.get(i - 1), times.get(i)).toSeconds());
        }
        // A: 3, B: 1, A: 9, A: min(27,10), B: 1; then "Final" matches nothing
        assertThat(gaps).containsExactly(3L, 1L, 9L, 10L, 1L);
        assertThat(engine.last().type()).isEqualTo("ExecutionFailed");
        assertThat(engine.last().detail("error")).isEqualTo("Final");
    }

    @Test
    void exhaustedRetrierFallsThroughToCatchAndLaterRetriersAreNotConsidered() {
        FakeEngine engine = new FakeEngine();
        int[] calls = {0};
        engine.tasks = item -> {
            calls[0]++;
            return FakeEngine.fail(item, "A", null);
        };
        engine.start("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Retry":[{"ErrorEquals":["A"],"MaxAttempts":1},{"ErrorEquals":["States.ALL"],"MaxAttempts":5}],
                  "Catch":[{"ErrorEquals":["A"],"Next":"C"}],"End":true},
                 "C":{"Type":"Pass","End":true}}}""", "{}").runToEnd();
        assertThat(calls[0]).isEqualTo(2);
        assertThat(engine.summary().status()).isEqualTo("SUCCEEDED");
        assertThat(engine.summary().output()).isEqualTo("{\"Error\":\"A\",\"Cause\":\"\"}");
    }

    @Test
    void uncaughtFailureEndsTheExecutionAtTheFailedEvent() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> FakeEngine.fail(item, "Lambda.ServiceException", "down");
        engine.start(CANONICAL_A, "{}");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 PassStateEntered 0",
                "3 PassStateExited 2", "4 TaskStateEntered 3", "5 TaskScheduled 4", "6 TaskStarted 5",
                "7 TaskFailed 6", "8 ExecutionFailed 7");
        assertThat(Json.compact(engine.event("TaskFailed").details())).isEqualTo(
                "{\"resourceType\":\"lambda\",\"resource\":\"invoke\",\"error\":\"Lambda.ServiceException\",\"cause\":\"down\"}");
        assertThat(engine.summary().error()).isEqualTo("Lambda.ServiceException");
        assertThat(engine.summary().cause()).isEqualTo("down");
    }

    @Test
    void taskFailedWildcardDoesNotCatchTimeouts() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> null;
        engine.start("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "TimeoutSeconds":5,
                  "Catch":[{"ErrorEquals":["States.TaskFailed"],"Next":"C"}],"End":true},
                 "C":{"Type":"Pass","End":true}}}""", "{}");
        engine.advance(Duration.ofSeconds(5));
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 TaskStateEntered 0",
                "3 TaskScheduled 2", "4 TaskStarted 3", "5 TaskTimedOut 4", "6 ExecutionFailed 5");
        assertThat(Json.compact(engine.event("TaskTimedOut").details())).isEqualTo(
                "{\"resourceType\":\"lambda\",\"resource\":\"invoke\",\"error\":\"States.Timeout\"}");
        assertThat(engine.last().detail("error")).isEqualTo("States.Timeout");
        assertThat(engine.last().details().has("cause")).isFalse();
    }

    @Test
    void timeoutIsCaughtWithAnEmptyCauseAndTheLateResultIsIgnored() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> null;
        engine.start("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "TimeoutSeconds":5,
                  "Catch":[{"ErrorEquals":["States.Timeout"],"Next":"C"}],"End":true},
                 "C":{"Type":"Pass","End":true}}}""", "{}");
        String taskKey = engine.item(WorkItem.Kind.TASK).key();
        engine.advance(Duration.ofSeconds(5));
        assertThat(engine.summary().output()).isEqualTo("{\"Error\":\"States.Timeout\",\"Cause\":\"\"}");
        assertThat(engine.items).isEmpty();
        assertThat(engine.cancelled).contains(taskKey);
    }

    @Test
    void lateAndDuplicateResultsAreIgnored() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> null;
        engine.start("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":1,"MaxAttempts":1}],"Next":"W"},
                 "W":{"Type":"Wait","Seconds":100,"End":true}}}""", "{}");
        WorkItem first = engine.item(WorkItem.Kind.TASK);
        engine.apply(FakeEngine.fail(first, "E", null));
        engine.advance(Duration.ofSeconds(1));
        WorkItem second = engine.item(WorkItem.Kind.TASK);
        assertThat(second.key()).isNotEqualTo(first.key());
        int before = engine.events.size();
        engine.apply(FakeEngine.succeed(first, "{\"stale\":true}"));
        assertThat(engine.events).hasSize(before);
        engine.apply(FakeEngine.succeed(second, "{\"fresh\":true}"));
        engine.apply(FakeEngine.succeed(second, "{\"dup\":true}"));
        assertThat(engine.types()).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled",
                "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
                "WaitStateEntered");
    }

    @Test
    void oversizedTaskResultIsACatchableTaskFailure() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> FakeEngine.succeed(item, "\"" + "y".repeat(262_144) + "\"");
        engine.start("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Catch":[{"ErrorEquals":["States.ALL"],"Next":"C"}],"End":true},
                 "C":{"Type":"Pass","End":true}}}""", "{}");
        FakeEngine.Event failed = engine.event("TaskFailed");
        assertThat(failed.detail("error")).isEqualTo("States.DataLimitExceeded");
        assertThat(failed.detail("cause")).isEqualTo("The state/task 'arn:aws:states:::lambda:invoke' returned a "
                + "result with a size exceeding the maximum number of bytes service limit.");
        assertThat(engine.summary().status()).isEqualTo("SUCCEEDED");
    }

    static final String CALLBACK = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters":{"QueueUrl":"q","MessageBody":{"TaskToken.$":"$$.Task.Token"}},
              "HeartbeatSeconds":5,"TimeoutSeconds":600,"End":true}}}""";

    @Test
    void waitForTaskTokenFlow() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> {
            ObjectNode data = Json.object();
            data.put("task", item.key());
            data.put("output", "{\"MessageId\":\"m-1\"}");
            return new Signal("taskSubmitted", data);
        };
        engine.start(CALLBACK, "{}");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 TaskStateEntered 0",
                "3 TaskScheduled 2", "4 TaskStarted 3", "5 TaskSubmitted 4");
        WorkItem parked = engine.item(WorkItem.Kind.PARKED);
        assertThat(parked.queue()).isNull();
        String taskKey = parked.payload().get("task").asString();
        assertThat(engine.event("TaskScheduled").detail("parameters"))
                .isEqualTo("{\"QueueUrl\":\"q\",\"MessageBody\":{\"TaskToken\":\"token:" + parked.key() + "\"}}");
        assertThat(engine.event("TaskScheduled").details().get("heartbeatInSeconds").asInt()).isEqualTo(5);
        assertThat(engine.event("TaskScheduled").detail("resource")).isEqualTo("sendMessage.waitForTaskToken");
        assertThat(engine.event("TaskSubmitted").detail("output")).isEqualTo("{\"MessageId\":\"m-1\"}");
        WorkItem heartbeat = engine.items.get(parked.key() + "#heartbeat");
        assertThat(heartbeat.kind()).isEqualTo(WorkItem.Kind.SIGNAL);
        assertThat(heartbeat.asSignal().data().get("heartbeatSeconds").asInt()).isEqualTo(5);
        assertThat(heartbeat.dueMs()).isEqualTo(engine.now.toEpochMilli() + 5_000);

        engine.signal("taskSucceeded", "task", taskKey, "output", "{\"answer\":42}");
        assertThat(engine.types()).endsWith("TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(engine.summary().output()).isEqualTo("{\"answer\":42}");
    }

    @Test
    void callbackAnswerThatOvertakesTheInitialCallWaitsForTaskSubmitted() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> null; // the initial call has not come back yet
        engine.start(CALLBACK, "{}");
        String taskKey = engine.item(WorkItem.Kind.TASK).key();
        ObjectNode answer = Json.object();
        answer.put("task", taskKey);
        answer.put("output", "{\"answer\":42}");
        answer.put(AslDialect.CALLBACK, true);
        engine.apply(new Signal("taskSucceeded", answer));
        assertThat(engine.history()).as("held (and persisted) until TaskSubmitted").containsExactly(
                "1 ExecutionStarted 0", "2 TaskStateEntered 0", "3 TaskScheduled 2", "4 TaskStarted 3");
        ObjectNode submitted = Json.object();
        submitted.put("task", taskKey);
        submitted.put("output", "{\"MessageId\":\"m-1\"}");
        engine.apply(new Signal("taskSubmitted", submitted));
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 TaskStateEntered 0",
                "3 TaskScheduled 2", "4 TaskStarted 3", "5 TaskSubmitted 4", "6 TaskSucceeded 5",
                "7 TaskStateExited 6", "8 ExecutionSucceeded 7");
        assertThat(engine.summary().output()).isEqualTo("{\"answer\":42}");
    }

    @Test
    void mockedCallbackCompletesWithoutTaskSubmitted() {
        FakeEngine engine = new FakeEngine();
        // Step Functions Local style: the initial (mocked) call itself completes the task.
        engine.tasks = item -> FakeEngine.succeed(item, "{\"mocked\":true}");
        engine.start(CALLBACK, "{}");
        assertThat(engine.types()).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled",
                "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
    }

    @Test
    void callbackHeartbeatTimeoutIsStatesTimeout() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> {
            ObjectNode data = Json.object();
            data.put("task", item.key());
            data.put("output", "{}");
            return new Signal("taskSubmitted", data);
        };
        engine.start(CALLBACK, "{}");
        engine.advance(Duration.ofSeconds(5));
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 TaskStateEntered 0",
                "3 TaskScheduled 2", "4 TaskStarted 3", "5 TaskSubmitted 4", "6 TaskTimedOut 5",
                "7 ExecutionFailed 6");
        assertThat(Json.compact(engine.event("TaskTimedOut").details())).isEqualTo("{\"resourceType\":\"sqs\","
                + "\"resource\":\"sendMessage.waitForTaskToken\",\"error\":\"States.Timeout\"}");
        assertThat(Json.compact(engine.last().details())).isEqualTo("{\"error\":\"States.Timeout\"}");
    }

    @Test
    void callbackFailure() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> null;
        engine.start(CALLBACK, "{}");
        String taskKey = engine.item(WorkItem.Kind.TASK).key();
        engine.signal("taskFailed", "task", taskKey, "error", "Custom", "cause", "nope");
        assertThat(engine.types()).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled",
                "TaskStarted", "TaskFailed", "ExecutionFailed");
        assertThat(engine.summary().error()).isEqualTo("Custom");
    }

    static final String ACTIVITY_ARN = "arn:aws:states:us-east-1:123456789012:activity:work";
    static final String ACTIVITY = """
            {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"%s",
              "TimeoutSeconds":60,"HeartbeatSeconds":10,"End":true}}}""".formatted(ACTIVITY_ARN);

    @Test
    void activityFlow() {
        FakeEngine engine = new FakeEngine();
        engine.activities.add(ACTIVITY_ARN);
        engine.start(ACTIVITY, "{\"Value1\":\"Hello\"}");
        WorkItem parked = engine.item(WorkItem.Kind.PARKED);
        assertThat(parked.queue()).isEqualTo(ACTIVITY_ARN);
        assertThat(Json.compact(parked.payload())).isEqualTo("{\"task\":\"" + parked.key()
                + "\",\"input\":\"{\\\"Value1\\\":\\\"Hello\\\"}\",\"token\":\"token:" + parked.key() + "\"}");
        assertThat(engine.items(WorkItem.Kind.TASK)).isEmpty();
        assertThat(Json.compact(engine.event("ActivityScheduled").details())).isEqualTo("{\"resource\":\"" + ACTIVITY_ARN
                + "\",\"input\":\"{\\\"Value1\\\":\\\"Hello\\\"}\",\"inputDetails\":{\"truncated\":false},"
                + "\"timeoutInSeconds\":60,\"heartbeatInSeconds\":10}");
        assertThat(engine.items).doesNotContainKey(parked.key() + "#heartbeat");

        engine.signal("activityStarted", "task", parked.key(), "workerName", "w1");
        assertThat(engine.items).containsKey(parked.key() + "#heartbeat");
        engine.signal("taskSucceeded", "task", parked.key(), "output", "{\"Value1\":\"Hello\"}");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 TaskStateEntered 0",
                "3 ActivityScheduled 2", "4 ActivityStarted 3", "5 ActivitySucceeded 4", "6 TaskStateExited 5",
                "7 ExecutionSucceeded 6");
        assertThat(Json.compact(engine.event("ActivityStarted").details())).isEqualTo("{\"workerName\":\"w1\"}");
        assertThat(Json.compact(engine.event("ActivitySucceeded").details()))
                .isEqualTo("{\"output\":\"{\\\"Value1\\\":\\\"Hello\\\"}\",\"outputDetails\":{\"truncated\":false}}");
    }

    @Test
    void activityFailureAndHeartbeatTimeout() {
        FakeEngine engine = new FakeEngine();
        engine.activities.add(ACTIVITY_ARN);
        engine.start(ACTIVITY, "{}");
        String key = engine.item(WorkItem.Kind.PARKED).key();
        engine.signal("activityStarted", "task", key);
        assertThat(engine.event("ActivityStarted").details().isEmpty()).isTrue();
        engine.advance(Duration.ofSeconds(10));
        assertThat(engine.types()).endsWith("ActivityStarted", "ActivityTimedOut", "ExecutionFailed");
        assertThat(Json.compact(engine.event("ActivityTimedOut").details()))
                .isEqualTo("{\"error\":\"States.HeartbeatTimeout\"}");
        assertThat(engine.summary().error()).isEqualTo("States.HeartbeatTimeout");
    }

    @Test
    void activityFailureReported() {
        FakeEngine engine = new FakeEngine();
        engine.activities.add(ACTIVITY_ARN);
        engine.start(ACTIVITY, "{}");
        String key = engine.item(WorkItem.Kind.PARKED).key();
        engine.signal("taskFailed", "task", key, "error", "Programmatic Error", "cause", "c");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 TaskStateEntered 0",
                "3 ActivityScheduled 2", "4 ActivityFailed 3", "5 ExecutionFailed 4");
        assertThat(Json.compact(engine.event("ActivityFailed").details()))
                .isEqualTo("{\"error\":\"Programmatic Error\",\"cause\":\"c\"}");
    }

    @Test
    void missingActivityIsARuntimeError() {
        FakeEngine engine = new FakeEngine().start(ACTIVITY, "{}");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 TaskStateEntered 0",
                "3 ExecutionFailed 2");
        assertThat(engine.last().detail("error")).isEqualTo("States.Runtime");
        assertThat(engine.last().detail("cause")).isEqualTo("An error occurred while executing the state 'A' "
                + "(entered at the event id #2). The activity " + ACTIVITY_ARN + " does not exist.");
    }

    @Test
    void childExecutionReportsToItsParent() {
        for (String pattern : List.of("SYNC", "SYNC_2")) {
            FakeEngine engine = new FakeEngine();
            engine.start("""
                    {"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"ok":true},"End":true}}}""", "{\"k\":1}",
                    new ExecutionStart.ParentTask("arn:parent", "t7", pattern));
            assertThat(engine.deliveries).hasSize(1);
            FakeEngine.Delivery delivery = engine.deliveries.get(0);
            assertThat(delivery.executionArn()).isEqualTo("arn:parent");
            Signal signal = delivery.item().asSignal();
            assertThat(signal.type()).isEqualTo("taskSucceeded");
            assertThat(signal.data().get("task").asString()).isEqualTo("t7");
            JsonNode describe = Json.parse(signal.data().get("output").asString());
            List<String> keys = new ArrayList<>(describe.propertyNames());
            assertThat(keys).containsExactly("ExecutionArn", "Input", "InputDetails", "Name", "Output",
                    "OutputDetails", "RedriveCount", "RedriveStatus", "RedriveStatusReason", "StartDate",
                    "StateMachineArn", "Status", "StopDate");
            if (pattern.equals("SYNC")) {
                assertThat(describe.get("Output").asString()).isEqualTo("{\"ok\":true}");
                assertThat(describe.get("Input").asString()).isEqualTo("{\"k\":1}");
            } else {
                assertThat(Json.compact(describe.get("Output"))).isEqualTo("{\"ok\":true}");
            }
            assertThat(describe.get("Status").asString()).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void failedChildExecutionIsATaskFailure() {
        FakeEngine engine = new FakeEngine();
        engine.start("""
                {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}}""", "{}",
                new ExecutionStart.ParentTask("arn:parent", "t7", "SYNC"));
        Signal signal = engine.deliveries.get(0).item().asSignal();
        assertThat(signal.type()).isEqualTo("taskFailed");
        assertThat(signal.data().get("error").asString()).isEqualTo("States.TaskFailed");
        JsonNode describe = Json.parse(signal.data().get("cause").asString());
        assertThat(describe.get("Error").asString()).isEqualTo("E");
        assertThat(describe.get("Cause").asString()).isEqualTo("C");
        assertThat(describe.get("Status").asString()).isEqualTo("FAILED");
        assertThat(describe.has("Output")).isFalse();
    }

    @Test
    void startExecutionSyncRemembersTheChildAndStopsItOnTimeout() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> {
            ObjectNode data = Json.object();
            data.put("task", item.key());
            data.put("output", "{\"ExecutionArn\":\"arn:child\",\"StartDate\":1}");
            return new Signal("taskSubmitted", data);
        };
        engine.start("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
                  "Parameters":{"StateMachineArn":"arn:sm"},"TimeoutSeconds":10,"End":true}}}""", "{}");
        assertThat(engine.event("TaskSubmitted").detail("resource")).isEqualTo("startExecution.sync:2");
        assertThat(engine.event("TaskSubmitted").detail("resourceType")).isEqualTo("states");
        engine.advance(Duration.ofSeconds(10));
        assertThat(engine.deliveries).hasSize(1);
        assertThat(engine.deliveries.get(0).executionArn()).isEqualTo("arn:child");
        assertThat(engine.deliveries.get(0).item().asSignal().type()).isEqualTo("stop");
    }
}
