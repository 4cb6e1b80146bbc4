package dev.stepline.sfn.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.sfn.asl.TaskResource;
import dev.stepline.sfn.runtime.dataflow.Json;
import dev.stepline.sfn.tasks.LocalServer.Reply;
import dev.stepline.sfn.tasks.TaskOutcome.Failed;
import dev.stepline.sfn.tasks.TaskOutcome.Succeeded;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskInvokerTest {

    static final String SM_ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:Orders";
    static final String MOCKS = """
            {
              "StateMachines": {
                "Orders": {
                  "TestCases": {
                    "Happy": { "Charge": "ChargeOk", "Notify": "Queued", "Child": "ChildDone" },
                    "Retry": { "Charge": "ChargeRetry" }
                  }
                }
              },
              "MockedResponses": {
                "ChargeOk": { "0": { "Return": { "Payload": { "charged": true } } } },
                "ChargeRetry": {
                  "0-1": { "Throw": { "Error": "Lambda.TooManyRequestsException", "Cause": "slow down" } },
                  "2": { "Return": { "Payload": { "charged": "late" } } }
                },
                "Queued": { "0": { "Return": { "MessageId": "m-1", "MD5OfMessageBody": "abc" } } },
                "ChildDone": { "0": { "Return": { "Output": "{}" } } }
              }
            }
            """;

    @TempDir
    Path dir;
    LocalServer lambdaServer;
    LocalServer httpServer;
    TaskInvoker invoker;

    @BeforeEach
    void start() throws Exception {
        lambdaServer = LocalServer.start(r -> Reply.json(200, "{\"real\":true,\"got\":" + r.body() + "}"));
        httpServer = LocalServer.start(r -> Reply.json(200, "{\"path\":\"" + r.path() + "\"}"));
        Path file = dir.resolve("MockConfigFile.json");
        Files.writeString(file, MOCKS);
        invoker = TaskInvoker.create(TaskConfig.defaults().withMockConfigFile(file)
                .withLambdaEndpoint(lambdaServer.base()).withHttpTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        lambdaServer.close();
        httpServer.close();
    }

    static TaskCall call(String resource, String state, String testCase, int attempt, String params) {
        TaskResource r = TaskResource.classify(resource);
        return new TaskCall(resource, r.kind(), r.integration(), r.pattern(), Json.parse(params), state, SM_ARN,
                SM_ARN.replace("stateMachine", "execution") + ":e1", testCase, "us-east-1", "123456789012", attempt,
                null);
    }

    static TaskCall lambdaCall(String state, String testCase, int attempt) {
        return call("arn:aws:states:::lambda:invoke", state, testCase, attempt,
                "{\"FunctionName\":\"charge\",\"Payload\":{\"order\":1}}");
    }

    @Test
    void aMockedStateNeverReachesTheRealIntegration() {
        TaskOutcome outcome = invoker.invoke(lambdaCall("Charge", "Happy", 0));
        assertThat(outcome).isEqualTo(new Succeeded(Json.parse("{\"Payload\":{\"charged\":true}}")));
        assertThat(invoker.isMocked(lambdaCall("Charge", "Happy", 0))).isTrue();
        assertThat(lambdaServer.requests()).isEmpty();
    }

    @Test
    void theInvocationCounterWalksTheMockedRanges() {
        assertThat(invoker.invoke(lambdaCall("Charge", "Retry", 0)))
                .isEqualTo(new Failed("Lambda.TooManyRequestsException", "slow down"));
        assertThat(invoker.invoke(lambdaCall("Charge", "Retry", 1)))
                .isEqualTo(new Failed("Lambda.TooManyRequestsException", "slow down"));
        assertThat(invoker.invoke(lambdaCall("Charge", "Retry", 2)))
                .isEqualTo(new Succeeded(Json.parse("{\"Payload\":{\"charged\":\"late\"}}")));
        Failed exhausted = (Failed) invoker.invoke(lambdaCall("Charge", "Retry", 3));
        assertThat(exhausted.error()).isEqualTo("States.Runtime");
        assertThat(exhausted.cause()).contains("invocation 3");
        assertThat(lambdaServer.requests()).isEmpty();
    }

    @Test
    void withoutATestCaseTheMockConfigIsIgnored() {
        TaskOutcome outcome = invoker.invoke(lambdaCall("Charge", null, 0));
        assertThat(((Succeeded) outcome).output().get("Payload").get("real").booleanValue()).isTrue();
        assertThat(invoker.isMocked(lambdaCall("Charge", null, 0))).isFalse();
        assertThat(lambdaServer.onlyRequest().body()).isEqualTo("{\"order\":1}");
    }

    @Test
    void aStateTheTestCaseDoesNotNameRunsItsRealIntegration() {
        TaskOutcome outcome = invoker.invoke(lambdaCall("Refund", "Happy", 0));
        assertThat(((Succeeded) outcome).output().get("Payload").get("real").booleanValue()).isTrue();
        TaskOutcome http = invoker.invoke(call("arn:aws:states:::http:invoke", "Ping", "Happy", 0,
                "{\"ApiEndpoint\":\"" + httpServer.base() + "/ping\",\"Method\":\"GET\"}"));
        assertThat(((Succeeded) http).output().get("ResponseBody").get("path").stringValue()).isEqualTo("/ping");
        assertThat(lambdaServer.requests()).hasSize(1);
        assertThat(httpServer.requests()).hasSize(1);
    }

    @Test
    void anUnknownTestCaseFails() {
        Failed failed = (Failed) invoker.invoke(lambdaCall("Charge", "Nope", 0));
        assertThat(failed.error()).isEqualTo("States.Runtime");
        assertThat(failed.cause()).startsWith("No mock map found for test Nope: ").contains("[Happy, Retry]");
        assertThat(invoker.testCaseProblem(SM_ARN, "Nope")).hasValueSatisfying(p ->
                assertThat(p).startsWith("No mock map found for test Nope"));
        assertThat(invoker.testCaseProblem(SM_ARN, "Happy")).isEmpty();
        assertThat(invoker.testCaseProblem(SM_ARN, null)).isEmpty();
        assertThat(invoker.testCaseProblem(SM_ARN.replace("Orders", "Billing"), "Happy")).isPresent();
        assertThat(lambdaServer.requests()).isEmpty();
    }

    @Test
    void aTestCaseWithoutAMockConfigFails() {
        TaskInvoker plain = new TaskInvoker(null, null, HttpInvoke.create(Duration.ofSeconds(2)));
        Failed failed = (Failed) plain.invoke(lambdaCall("Charge", "Happy", 0));
        assertThat(failed.error()).isEqualTo("States.Runtime");
        assertThat(failed.cause()).contains("No mock map found for test Happy", "no mock config file");
        assertThat(plain.mockConfig()).isEmpty();
        assertThat(invoker.mockConfig()).isPresent();
    }

    @Test
    void callbackAndSyncPatternsResolveThroughTheSameMocks() {
        TaskCall notify = call("arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Notify", "Happy", 0,
                "{\"QueueUrl\":\"q\",\"MessageBody\":{\"token.$\":\"$$.Task.Token\"}}");
        assertThat(invoker.invoke(notify))
                .isEqualTo(new Succeeded(Json.parse("{\"MessageId\":\"m-1\",\"MD5OfMessageBody\":\"abc\"}")));
        assertThat(invoker.isMocked(notify)).isTrue();
        TaskCall child = call("arn:aws:states:::states:startExecution.sync:2", "Child", "Happy", 0, "{}");
        assertThat(invoker.invoke(child)).isEqualTo(new Succeeded(Json.parse("{\"Output\":\"{}\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            arn:aws:states:::sqs:sendMessage                  | SQS.SdkClientException
            arn:aws:states:::sqs:sendMessage.waitForTaskToken | SQS.SdkClientException
            arn:aws:states:::sns:publish                      | SNS.SdkClientException
            arn:aws:states:::dynamodb:putItem                 | DynamoDB.SdkClientException
            arn:aws:states:::events:putEvents                 | EventBridge.SdkClientException
            arn:aws:states:::ecs:runTask.sync                 | ECS.SdkClientException
            arn:aws:states:::aws-sdk:s3:getObject             | S3.SdkClientException
            arn:aws:states:::aws-sdk:dynamodb:getItem         | DynamoDb.SdkClientException
            arn:aws:states:::aws-sdk:sfn:sendTaskSuccess      | Sfn.SdkClientException
            arn:aws:states:::aws-sdk:secretsmanager:getSecretValue | SecretsManager.SdkClientException
            arn:aws:states:::aws-sdk:someNewService:doThing   | SomeNewService.SdkClientException
            """)
    void unsupportedIntegrationsWithoutAMockFailAndSayHowToMockThem(String resource, String error) {
        Failed failed = (Failed) invoker.invoke(call(resource, "Step", null, 0, "{}"));
        assertThat(failed.error()).isEqualTo(error);
        assertThat(failed.cause()).startsWith("Unable to execute HTTP request: Stepline does not emulate the '")
                .contains("StateMachines.Orders.TestCases.<TestCase>.Step", SM_ARN + "#<TestCase>");
    }

    @Test
    void lambdaWithoutAnEndpointIsResourceNotFound() {
        TaskInvoker noLambda = new TaskInvoker(null, null, HttpInvoke.create(Duration.ofSeconds(2)));
        Failed optimized = (Failed) noLambda.invoke(lambdaCall("Charge", null, 0));
        assertThat(optimized.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(optimized.cause()).startsWith("Function not found: arn:aws:lambda:us-east-1:123456789012:function:"
                + "charge (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ")
                .contains("Stepline has no Lambda endpoint configured", "'Charge'");
        Failed legacy = (Failed) noLambda.invoke(call("arn:aws:lambda:eu-west-1:111122223333:function:fn:prod",
                "Legacy", null, 0, "{}"));
        assertThat(legacy.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(legacy.cause()).startsWith("Function not found: arn:aws:lambda:eu-west-1:111122223333:function:fn:prod");
    }

    @Test
    void engineOwnedAndUnknownResourcesFail() {
        assertThat(((Failed) invoker.invoke(call("arn:aws:states:us-east-1:123456789012:activity:work", "Act", null, 0,
                "{}"))).error()).isEqualTo("States.Runtime");
        assertThat(((Failed) invoker.invoke(call("arn:aws:states:::states:startExecution.sync", "Child", null, 0,
                "{}"))).error()).isEqualTo("States.Runtime");
        Failed other = (Failed) invoker.invoke(call("arn:aws:ecs:us-east-1:123456789012:cluster/x", "Odd", null, 0,
                "{}"));
        assertThat(other.error()).isEqualTo("States.Runtime");
        assertThat(other.cause()).contains("arn:aws:ecs:us-east-1:123456789012:cluster/x");
    }

    @Test
    void aMalformedMockConfigFileStopsCreation() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"MockedResponses\": {\"R\": {\"x\": {\"Return\": 1}}}}");
        assertThatThrownBy(() -> TaskInvoker.create(TaskConfig.of(bad, null, null)))
                .isInstanceOf(MockConfigException.class)
                .hasMessageContaining("bad.json")
                .hasMessageContaining("MockedResponses.R.\"x\"");
    }

    @Test
    void configDefaults() {
        assertThat(TaskConfig.defaults().httpTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(TaskConfig.of(null, URI.create("http://127.0.0.1:1"), null).httpTimeout())
                .isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> TaskConfig.defaults().withHttpTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentInvocationsOnVirtualThreadsStayIndependent() throws Exception {
        List<Future<TaskOutcome>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 150; i++) {
                int n = i;
                futures.add(executor.submit(() -> switch (n % 3) {
                    case 0 -> invoker.invoke(lambdaCall("Charge", "Retry", n % 4));
                    case 1 -> invoker.invoke(call("arn:aws:states:::lambda:invoke", "Refund", null, 0,
                            "{\"FunctionName\":\"refund\",\"Payload\":{\"n\":" + n + "}}"));
                    default -> invoker.invoke(call("arn:aws:states:::http:invoke", "Ping", null, 0,
                            "{\"ApiEndpoint\":\"" + httpServer.base() + "/p/" + n + "\",\"Method\":\"GET\"}"));
                }));
            }
        }
        for (int n = 0; n < futures.size(); n++) {
            TaskOutcome outcome = futures.get(n).get();
            switch (n % 3) {
                case 0 -> {
                    int attempt = n % 4;
                    if (attempt < 2) {
                        assertThat(outcome).isEqualTo(new Failed("Lambda.TooManyRequestsException", "slow down"));
                    } else if (attempt == 2) {
                        assertThat(outcome).isInstanceOf(Succeeded.class);
                    } else {
                        assertThat(((Failed) outcome).error()).isEqualTo("States.Runtime");
                    }
                }
                case 1 -> assertThat(((Succeeded) outcome).output().get("Payload").get("got").get("n").intValue())
                        .isEqualTo(n);
                default -> assertThat(((Succeeded) outcome).output().get("ResponseBody").get("path").stringValue())
                        .isEqualTo("/p/" + n);
            }
        }
        assertThat(lambdaServer.requests()).hasSize(50);
        assertThat(httpServer.requests()).hasSize(50);
    }
}
