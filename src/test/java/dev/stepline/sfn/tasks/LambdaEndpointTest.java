package dev.stepline.sfn.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.sfn.asl.TaskResource;
import dev.stepline.sfn.runtime.dataflow.Json;
import dev.stepline.sfn.tasks.LambdaEndpoint.FunctionRef;
import dev.stepline.sfn.tasks.LocalServer.Reply;
import dev.stepline.sfn.tasks.TaskOutcome.Failed;
import dev.stepline.sfn.tasks.TaskOutcome.Succeeded;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LambdaEndpointTest {

    static final String HANDLED = "{\"errorMessage\":\"amount must be positive\",\"errorType\":\"ValidationError\","
            + "\"stackTrace\":[\"at handler (index.js:3)\"]}";
    static final String UNHANDLED = "{\"errorMessage\":\"2024-01-01T00:00:00Z abc Task timed out after 3.00 seconds\"}";

    LocalServer server;
    LambdaEndpoint lambda;

    /** A Lambda-compatible endpoint whose behaviour depends on the function name. */
    static Reply answer(LocalServer.Recorded request) {
        String prefix = "/2015-03-31/functions/";
        if (!request.method().equals("POST") || !request.path().startsWith(prefix)
                || !request.path().endsWith("/invocations")) {
            return Reply.json(400, "{\"message\":\"not an invoke\"}");
        }
        String name = request.path().substring(prefix.length(), request.path().length() - "/invocations".length());
        if ("Event".equals(request.header("X-Amz-Invocation-Type"))) {
            return Reply.of(202, null, null).header("x-amzn-RequestId", "req-event");
        }
        return switch (name) {
            case "echo" -> Reply.json(200, request.body())
                    .header("X-Amz-Executed-Version", "$LATEST")
                    .header("x-amzn-RequestId", "req-1");
            case "plain" -> Reply.of(200, "text/plain", "hello world");
            case "handled" -> Reply.json(200, HANDLED).header("X-Amz-Function-Error", "Handled");
            case "unhandled" -> Reply.json(200, UNHANDLED).header("X-Amz-Function-Error", "Unhandled");
            case "throttled" -> Reply.json(429, "{\"Type\":\"User\",\"message\":\"Rate exceeded\"}")
                    .header("X-Amzn-ErrorType", "TooManyRequestsException:http://internal.amazon.com/coral/")
                    .header("x-amzn-RequestId", "req-429");
            case "typed" -> Reply.json(400, "{\"__type\":\"com.amazon#InvalidRequestContentException\","
                    + "\"message\":\"Could not parse request body into json\"}");
            case "bare404" -> Reply.of(404, null, null);
            case "broken" -> Reply.of(500, "text/plain", "");
            default -> Reply.json(404, "{\"Type\":\"User\",\"Message\":\"Function not found: "
                    + "arn:aws:lambda:us-east-1:000000000000:function:" + name + "\"}")
                    .header("X-Amzn-ErrorType", "ResourceNotFoundException");
        };
    }

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start(LambdaEndpointTest::answer);
        lambda = LambdaEndpoint.create(server.base(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static TaskCall invokeCall(String parametersJson) {
        return call("arn:aws:states:::lambda:invoke", parametersJson);
    }

    static TaskCall call(String resource, String parametersJson) {
        TaskResource r = TaskResource.classify(resource);
        return new TaskCall(resource, r.kind(), r.integration(), r.pattern(), Json.parse(parametersJson), "Call",
                "arn:aws:states:us-east-1:123456789012:stateMachine:Orders",
                "arn:aws:states:us-east-1:123456789012:execution:Orders:e1", null, "us-east-1", "123456789012", 0, null);
    }

    static List<String> names(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }

    @Test
    void lambdaInvokeReturnsTheOptimisedIntegrationShape() {
        TaskOutcome outcome = lambda.invoke(invokeCall(
                "{\"FunctionName\":\"echo\",\"Payload\":{\"order\":7,\"total\":12.50,\"items\":[\"a\"]}}"));

        assertThat(outcome).isInstanceOf(Succeeded.class);
        JsonNode out = ((Succeeded) outcome).output();
        assertThat(names(out)).containsExactly("ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata",
                "StatusCode");
        assertThat(out.get("ExecutedVersion").stringValue()).isEqualTo("$LATEST");
        assertThat(Json.compact(out.get("Payload"))).isEqualTo("{\"order\":7,\"total\":12.50,\"items\":[\"a\"]}");
        assertThat(out.get("StatusCode").intValue()).isEqualTo(200);
        JsonNode metadata = out.get("SdkHttpMetadata");
        assertThat(names(metadata)).containsExactly("AllHttpHeaders", "HttpHeaders", "HttpStatusCode");
        assertThat(metadata.get("HttpStatusCode").intValue()).isEqualTo(200);
        JsonNode all = metadata.get("AllHttpHeaders");
        String versionHeader = names(all).stream().filter(n -> n.equalsIgnoreCase("X-Amz-Executed-Version"))
                .findFirst().orElseThrow();
        assertThat(all.get(versionHeader).isArray()).isTrue();
        assertThat(all.get(versionHeader).get(0).stringValue()).isEqualTo("$LATEST");
        assertThat(metadata.get("HttpHeaders").get(versionHeader).stringValue()).isEqualTo("$LATEST");
        assertThat(out.get("SdkResponseMetadata").get("RequestId").stringValue()).isEqualTo("req-1");

        LocalServer.Recorded request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2015-03-31/functions/echo/invocations");
        assertThat(request.rawQuery()).isNull();
        assertThat(request.body()).isEqualTo("{\"order\":7,\"total\":12.50,\"items\":[\"a\"]}");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void aNonJsonResponseBecomesAStringPayloadAndExecutedVersionDefaultsToLatest() {
        JsonNode out = ((Succeeded) lambda.invoke(invokeCall("{\"FunctionName\":\"plain\",\"Payload\":\"hi\"}")))
                .output();
        assertThat(out.get("Payload").stringValue()).isEqualTo("hello world");
        assertThat(out.get("ExecutedVersion").stringValue()).isEqualTo("$LATEST");
        assertThat(out.get("SdkResponseMetadata").get("RequestId").stringValue()).isNotBlank();
        assertThat(server.onlyRequest().body()).isEqualTo("\"hi\"");
    }

    @Test
    void aMissingPayloadSendsAnEmptyObject() {
        lambda.invoke(invokeCall("{\"FunctionName\":\"echo\"}"));
        assertThat(server.onlyRequest().body()).isEqualTo("{}");
    }

    @Test
    void functionArnsAndQualifiersAddressTheFunctionByName() {
        lambda.invoke(invokeCall("{\"FunctionName\":\"arn:aws:lambda:eu-west-1:111122223333:function:echo:prod\"}"));
        lambda.invoke(invokeCall("{\"FunctionName\":\"111122223333:function:echo\",\"Qualifier\":\"7\"}"));
        lambda.invoke(invokeCall("{\"FunctionName\":\"echo:live\",\"Qualifier\":\"blue\"}"));
        assertThat(server.requests()).extracting(LocalServer.Recorded::path)
                .containsOnly("/2015-03-31/functions/echo/invocations");
        assertThat(server.requests()).extracting(LocalServer.Recorded::rawQuery)
                .containsExactly("Qualifier=prod", "Qualifier=7", "Qualifier=blue");
    }

    @Test
    void plainOutputExecutedVersionFollowsTheQualifier() {
        JsonNode out = ((Succeeded) lambda.invoke(invokeCall("{\"FunctionName\":\"plain:3\"}"))).output();
        assertThat(out.get("ExecutedVersion").stringValue()).isEqualTo("3");
    }

    @Test
    void invocationHeadersArePassedAndAnEventInvocationHasAnEmptyPayload() {
        JsonNode out = ((Succeeded) lambda.invoke(invokeCall(
                "{\"FunctionName\":\"echo\",\"InvocationType\":\"Event\",\"LogType\":\"None\","
                        + "\"ClientContext\":\"e30=\",\"Payload\":{}}"))).output();
        assertThat(names(out)).containsExactly("Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode");
        assertThat(out.get("Payload").stringValue()).isEmpty();
        assertThat(out.get("StatusCode").intValue()).isEqualTo(202);
        assertThat(out.get("SdkResponseMetadata").get("RequestId").stringValue()).isEqualTo("req-event");
        LocalServer.Recorded request = server.onlyRequest();
        assertThat(request.header("X-Amz-Invocation-Type")).isEqualTo("Event");
        assertThat(request.header("X-Amz-Log-Type")).isEqualTo("None");
        assertThat(request.header("X-Amz-Client-Context")).isEqualTo("e30=");
    }

    @Test
    void theLegacyFunctionArnFormReturnsTheRawResponse() {
        TaskOutcome outcome = lambda.invoke(call("arn:aws:lambda:us-east-1:123456789012:function:echo",
                "{\"input\":[1,2.0,\"three\"]}"));
        assertThat(outcome).isInstanceOf(Succeeded.class);
        assertThat(Json.compact(((Succeeded) outcome).output())).isEqualTo("{\"input\":[1,2.0,\"three\"]}");
        assertThat(server.onlyRequest().path()).isEqualTo("/2015-03-31/functions/echo/invocations");
    }

    @Test
    void aHandledFunctionErrorFailsWithTheErrorTypeAndTheRawPayloadAsCause() {
        assertThat(lambda.invoke(invokeCall("{\"FunctionName\":\"handled\"}")))
                .isEqualTo(new Failed("ValidationError", HANDLED));
        assertThat(lambda.invoke(call("arn:aws:lambda:us-east-1:123456789012:function:handled", "{}")))
                .isEqualTo(new Failed("ValidationError", HANDLED));
    }

    @Test
    void aFunctionErrorWithoutErrorTypeIsLambdaUnknown() {
        Failed failed = (Failed) lambda.invoke(invokeCall("{\"FunctionName\":\"unhandled\"}"));
        assertThat(failed.error()).isEqualTo("Lambda.Unknown");
        assertThat(failed.cause()).isEqualTo("The cause could not be determined because Lambda did not return an "
                + "error type. Returned payload: " + UNHANDLED);
    }

    @Test
    void aMissingFunctionIsResourceNotFound() {
        Failed failed = (Failed) lambda.invoke(invokeCall("{\"FunctionName\":\"nope\"}"));
        assertThat(failed.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(failed.cause()).startsWith("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope"
                + " (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ")
                .endsWith("; Proxy: null)");
    }

    @Test
    void aBare404NamesTheFunctionArnFromTheCall() {
        Failed failed = (Failed) lambda.invoke(call("arn:aws:lambda:us-west-2:123456789012:function:bare404", "{}"));
        assertThat(failed.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(failed.cause()).startsWith("Function not found: arn:aws:lambda:us-west-2:123456789012:function:"
                + "bare404 (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException;");
    }

    @Test
    void serviceErrorsTakeTheirNameFromTheErrorTypeHeaderOrBody() {
        assertThat(lambda.invoke(invokeCall("{\"FunctionName\":\"throttled\"}"))).isEqualTo(new Failed(
                "Lambda.TooManyRequestsException", "Rate exceeded (Service: AWSLambda; Status Code: 429; Error Code: "
                + "TooManyRequestsException; Request ID: req-429; Proxy: null)"));
        Failed typed = (Failed) lambda.invoke(invokeCall("{\"FunctionName\":\"typed\"}"));
        assertThat(typed.error()).isEqualTo("Lambda.InvalidRequestContentException");
        assertThat(typed.cause()).startsWith("Could not parse request body into json (Service: AWSLambda; Status Code:"
                + " 400; Error Code: InvalidRequestContentException;");
        Failed broken = (Failed) lambda.invoke(invokeCall("{\"FunctionName\":\"broken\"}"));
        assertThat(broken.error()).isEqualTo("Lambda.ServiceException");
        assertThat(broken.cause()).startsWith("Lambda endpoint answered HTTP 500 (Service: AWSLambda; Status Code: 500;");
    }

    @Test
    void anUnreachableEndpointIsAnSdkClientException() throws Exception {
        int port = LocalServer.closedPort();
        LambdaEndpoint dead = LambdaEndpoint.create(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2));
        Failed failed = (Failed) dead.invoke(invokeCall("{\"FunctionName\":\"echo\"}"));
        assertThat(failed.error()).isEqualTo("Lambda.SdkClientException");
        assertThat(failed.cause()).startsWith("Unable to execute HTTP request: Connect to 127.0.0.1:" + port
                + " failed");
    }

    @Test
    void aSlowFunctionTimesOutAsAnSdkClientException() throws Exception {
        try (LocalServer slow = LocalServer.start(r -> Reply.json(200, "{}").delayed(2_000))) {
            LambdaEndpoint endpoint = new LambdaEndpoint(slow.base(),
                    HttpSupport.newClient(Duration.ofSeconds(1), java.net.http.HttpClient.Redirect.NEVER),
                    Duration.ofMillis(300));
            Failed failed = (Failed) endpoint.invoke(invokeCall("{\"FunctionName\":\"echo\"}"));
            assertThat(failed).isEqualTo(new Failed("Lambda.SdkClientException",
                    "Unable to execute HTTP request: Read timed out"));
        }
    }

    @Test
    void aBasePathIsKept() throws Exception {
        LambdaEndpoint prefixed = LambdaEndpoint.create(URI.create(server.base() + "/lambda/"), Duration.ofSeconds(2));
        prefixed.invoke(invokeCall("{\"FunctionName\":\"echo\"}"));
        assertThat(server.onlyRequest().path()).isEqualTo("/lambda/2015-03-31/functions/echo/invocations");
    }

    @Test
    void aMissingFunctionNameIsARuntimeError() {
        Failed failed = (Failed) lambda.invoke(invokeCall("{\"Payload\":{}}"));
        assertThat(failed.error()).isEqualTo("States.Runtime");
        assertThat(failed.cause()).contains("FunctionName");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void functionReferencesParseInEveryForm() {
        assertThat(FunctionRef.parse("fn", "eu-west-1", "111122223333"))
                .isEqualTo(new FunctionRef("fn", null, "arn:aws:lambda:eu-west-1:111122223333:function:fn"));
        assertThat(FunctionRef.parse("fn:prod", "eu-west-1", "111122223333"))
                .isEqualTo(new FunctionRef("fn", "prod", "arn:aws:lambda:eu-west-1:111122223333:function:fn:prod"));
        assertThat(FunctionRef.parse("444455556666:function:fn", "eu-west-1", "111122223333"))
                .isEqualTo(new FunctionRef("fn", null, "arn:aws:lambda:eu-west-1:444455556666:function:fn"));
        assertThat(FunctionRef.parse("arn:aws-cn:lambda:cn-north-1:444455556666:function:fn:$LATEST", null, null))
                .isEqualTo(new FunctionRef("fn", "$LATEST",
                        "arn:aws-cn:lambda:cn-north-1:444455556666:function:fn:$LATEST"));
        assertThat(FunctionRef.parse("fn:prod", "eu-west-1", "111122223333").withQualifier("7").arn())
                .isEqualTo("arn:aws:lambda:eu-west-1:111122223333:function:fn:7");
    }
}
