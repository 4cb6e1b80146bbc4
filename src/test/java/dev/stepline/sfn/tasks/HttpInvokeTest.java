package dev.stepline.sfn.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.sfn.runtime.dataflow.Json;
import dev.stepline.sfn.tasks.LocalServer.Reply;
import dev.stepline.sfn.tasks.TaskOutcome.Failed;
import dev.stepline.sfn.tasks.TaskOutcome.Succeeded;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class HttpInvokeTest {

    LocalServer server;
    HttpInvoke http;

    static Reply answer(LocalServer.Recorded request) {
        String path = request.path();
        if (path.startsWith("/status/")) {
            int status = Integer.parseInt(path.substring("/status/".length()));
            return Reply.json(status, "{\"error\":\"nope\",\"status\":" + status + "}");
        }
        return switch (path) {
            case "/text" -> Reply.of(200, "text/plain; charset=UTF-8", "hello, wörld");
            case "/problem" -> Reply.of(200, "application/problem+json", "{\"title\":\"t\"}");
            case "/badjson" -> Reply.json(200, "{not json");
            case "/empty" -> Reply.of(204, null, null);
            case "/slow" -> Reply.json(200, "{}").delayed(2_000);
            case "/multi" -> Reply.json(201, "[1,2.50]").header("X-Trace", "a", "b");
            default -> {
                ObjectNode echo = Json.object();
                echo.put("method", request.method());
                echo.put("path", path);
                echo.put("query", request.rawQuery());
                echo.put("body", request.body());
                yield Reply.json(200, Json.compact(echo));
            }
        };
    }

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start(HttpInvokeTest::answer);
        http = HttpInvoke.create(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    TaskCall call(String parametersJson) {
        String params = parametersJson.replace("BASE", server.base().toString());
        return new TaskCall("arn:aws:states:::http:invoke", dev.stepline.sfn.asl.TaskResource.Kind.SERVICE_INTEGRATION,
                "http:invoke", dev.stepline.sfn.asl.TaskResource.Pattern.REQUEST_RESPONSE, Json.parse(params), "Call",
                "arn:aws:states:eu-west-1:123456789012:stateMachine:Api", null, null, "eu-west-1", "123456789012", 0,
                null);
    }

    static JsonNode output(TaskOutcome outcome) {
        assertThat(outcome).isInstanceOf(Succeeded.class);
        return ((Succeeded) outcome).output();
    }

    @Test
    void getSendsHeadersAndQueryParametersAndReturnsTheAwsShape() {
        JsonNode out = output(http.invoke(call("""
                {"ApiEndpoint": "BASE/items", "Method": "GET",
                 "Authentication": {"ConnectionArn": "arn:aws:events:eu-west-1:123456789012:connection/c/1"},
                 "Headers": {"X-Custom": "one", "X-Multi": ["a", "b"], "X-Number": 42, "X-Skip": null},
                 "QueryParameters": {"q": "hello world & more", "tag": ["blue", "green"], "n": 1.50,
                                     "flag": true, "none": null}}
                """)));

        assertThat(new ArrayList<>(out.propertyNames()))
                .containsExactly("Headers", "ResponseBody", "StatusCode", "StatusText");
        assertThat(out.get("StatusCode").intValue()).isEqualTo(200);
        assertThat(out.get("StatusText").stringValue()).isEqualTo("OK");
        assertThat(out.get("ResponseBody").get("method").stringValue()).isEqualTo("GET");
        JsonNode headers = out.get("Headers");
        String contentType = new ArrayList<>(headers.propertyNames()).stream()
                .filter(n -> n.equalsIgnoreCase("Content-Type")).findFirst().orElseThrow();
        assertThat(headers.get(contentType).isArray()).isTrue();
        assertThat(headers.get(contentType).get(0).stringValue()).isEqualTo("application/json");

        LocalServer.Recorded request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/items");
        assertThat(request.rawQuery())
                .isEqualTo("q=hello%20world%20%26%20more&tag=blue&tag=green&n=1.50&flag=true");
        assertThat(request.header("X-Custom")).isEqualTo("one");
        assertThat(request.headerValues("X-Multi")).containsExactly("a", "b");
        assertThat(request.header("X-Number")).isEqualTo("42");
        assertThat(request.header("X-Skip")).isNull();
        assertThat(request.header("User-Agent")).isEqualTo("Amazon|StepFunctions|HttpInvoke|eu-west-1");
        assertThat(request.body()).isEmpty();
    }

    @Test
    void queryParametersAreAppendedToAnExistingQuery() {
        http.invoke(call("{\"ApiEndpoint\": \"BASE/items?page=2\", \"Method\": \"GET\", "
                + "\"QueryParameters\": {\"size\": \"10\"}}"));
        assertThat(server.onlyRequest().rawQuery()).isEqualTo("page=2&size=10");
    }

    @Test
    void postSendsTheRequestBodyAsJson() {
        JsonNode out = output(http.invoke(call("""
                {"ApiEndpoint": "BASE/orders", "Method": "POST",
                 "RequestBody": {"id": "o-1", "amount": 12.50, "lines": [{"sku": "a", "qty": 2}]}}
                """)));
        LocalServer.Recorded request = server.onlyRequest();
        assertThat(request.body()).isEqualTo("{\"id\":\"o-1\",\"amount\":12.50,\"lines\":[{\"sku\":\"a\",\"qty\":2}]}");
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=UTF-8");
        assertThat(out.get("ResponseBody").get("body").stringValue()).isEqualTo(request.body());
    }

    @Test
    void aContentTypeHeaderOfTheStateWins() {
        http.invoke(call("{\"ApiEndpoint\": \"BASE/orders\", \"Method\": \"POST\", "
                + "\"Headers\": {\"content-type\": \"application/vnd.api+json\"}, \"RequestBody\": {\"a\": 1}}"));
        assertThat(server.onlyRequest().headerValues("Content-Type")).containsExactly("application/vnd.api+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH", "OPTIONS", "post"})
    void everyMethodIsSentAsWritten(String method) {
        JsonNode out = output(http.invoke(call("{\"ApiEndpoint\": \"BASE/things/1\", \"Method\": \"" + method
                + "\", \"RequestBody\": {\"v\": true}}")));
        assertThat(server.onlyRequest().method()).isEqualTo(method.toUpperCase(java.util.Locale.ROOT));
        assertThat(server.onlyRequest().body()).isEqualTo("{\"v\":true}");
        assertThat(out.get("StatusCode").intValue()).isEqualTo(200);
    }

    @Test
    void headHasNoBody() {
        JsonNode out = output(http.invoke(call("{\"ApiEndpoint\": \"BASE/things/1\", \"Method\": \"HEAD\"}")));
        assertThat(server.onlyRequest().method()).isEqualTo("HEAD");
        assertThat(out.get("ResponseBody").stringValue()).isEmpty();
    }

    @Test
    void aNonJsonResponseBodyIsAString() {
        JsonNode out = output(http.invoke(call("{\"ApiEndpoint\": \"BASE/text\", \"Method\": \"GET\"}")));
        assertThat(out.get("ResponseBody").isString()).isTrue();
        assertThat(out.get("ResponseBody").stringValue()).isEqualTo("hello, wörld");
    }

    @Test
    void jsonSuffixContentTypesAreParsedAndBrokenJsonStaysAString() {
        assertThat(output(http.invoke(call("{\"ApiEndpoint\": \"BASE/problem\", \"Method\": \"GET\"}")))
                .get("ResponseBody").get("title").stringValue()).isEqualTo("t");
        assertThat(output(http.invoke(call("{\"ApiEndpoint\": \"BASE/badjson\", \"Method\": \"GET\"}")))
                .get("ResponseBody").stringValue()).isEqualTo("{not json");
    }

    @Test
    void otherSuccessStatusesSucceedWithTheirReasonPhraseAndRepeatedHeaders() {
        JsonNode out = output(http.invoke(call("{\"ApiEndpoint\": \"BASE/multi\", \"Method\": \"POST\"}")));
        assertThat(out.get("StatusCode").intValue()).isEqualTo(201);
        assertThat(out.get("StatusText").stringValue()).isEqualTo("Created");
        assertThat(Json.compact(out.get("ResponseBody"))).isEqualTo("[1,2.50]");
        String trace = new ArrayList<>(out.get("Headers").propertyNames()).stream()
                .filter(n -> n.equalsIgnoreCase("X-Trace")).findFirst().orElseThrow();
        assertThat(Json.compact(out.get("Headers").get(trace))).isEqualTo("[\"a\",\"b\"]");
        JsonNode empty = output(http.invoke(call("{\"ApiEndpoint\": \"BASE/empty\", \"Method\": \"DELETE\"}")));
        assertThat(empty.get("StatusCode").intValue()).isEqualTo(204);
        assertThat(empty.get("StatusText").stringValue()).isEqualTo("No Content");
        assertThat(empty.get("ResponseBody").stringValue()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"404, Not Found", "400, Bad Request", "429, Too Many Requests", "500, Internal Server Error",
            "503, Service Unavailable"})
    void aNon2xxStatusFailsWithStatesHttpStatusCode(int status, String reason) {
        TaskOutcome outcome = http.invoke(call("{\"ApiEndpoint\": \"BASE/status/" + status + "\", \"Method\": \"GET\"}"));
        assertThat(outcome).isInstanceOf(Failed.class);
        Failed failed = (Failed) outcome;
        assertThat(failed.error()).isEqualTo("States.Http.StatusCode." + status);
        JsonNode cause = Json.parse(failed.cause());
        assertThat(cause.get("StatusCode").intValue()).isEqualTo(status);
        assertThat(cause.get("StatusText").stringValue()).isEqualTo(reason);
        assertThat(Json.compact(cause.get("ResponseBody"))).isEqualTo("{\"error\":\"nope\",\"status\":" + status + "}");
    }

    @Test
    void aRefusedConnectionIsASocketError() throws Exception {
        int port = LocalServer.closedPort();
        Failed failed = (Failed) http.invoke(call("{\"ApiEndpoint\": \"http://127.0.0.1:" + port + "/x\", "
                + "\"Method\": \"GET\"}"));
        assertThat(failed.error()).isEqualTo("States.Http.Socket");
        assertThat(failed.cause()).startsWith("Connect to 127.0.0.1:" + port + " failed")
                .endsWith("while executing GET http://127.0.0.1:" + port + "/x");
    }

    @Test
    void aTimeoutIsASocketError() {
        HttpInvoke impatient = HttpInvoke.create(Duration.ofMillis(300));
        Failed failed = (Failed) impatient.invoke(call("{\"ApiEndpoint\": \"BASE/slow\", \"Method\": \"GET\"}"));
        assertThat(failed.error()).isEqualTo("States.Http.Socket");
        assertThat(failed.cause()).startsWith("Read timed out while executing GET ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "Authorization", "Connection", "Transfer-Encoding", "X-Amz-Date",
            "x-amzn-trace-id", "X-Forwarded-For", "Cache-Control", "Origin"})
    void forbiddenHeadersFailWithStatesRuntimeBeforeSending(String header) {
        Failed failed = (Failed) http.invoke(call("{\"ApiEndpoint\": \"BASE/x\", \"Method\": \"GET\", "
                + "\"Headers\": {\"" + header + "\": \"v\"}}"));
        assertThat(failed.error()).isEqualTo("States.Runtime");
        assertThat(failed.cause()).isEqualTo("The 'Headers' field contains unsupported values: ["
                + header.toLowerCase(java.util.Locale.ROOT) + "]");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aContentLengthHeaderIsReplacedByTheComputedOne() {
        output(http.invoke(call("{\"ApiEndpoint\": \"BASE/x\", \"Method\": \"POST\", "
                + "\"Headers\": {\"Content-Length\": \"999\"}, \"RequestBody\": {\"a\": 1}}")));
        assertThat(server.onlyRequest().header("Content-Length")).isEqualTo("7");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing ApiEndpoint      | {"Method": "GET"}                                                    | The field 'ApiEndpoint' is required but was missing
            missing Method           | {"ApiEndpoint": "BASE/x"}                                            | The field 'Method' is required but was missing
            bad Method               | {"ApiEndpoint": "BASE/x", "Method": "FETCH"}                         | The value of the field 'Method' must be one of
            non-string endpoint      | {"ApiEndpoint": 5, "Method": "GET"}                                  | must be a non-empty string
            not a URL                | {"ApiEndpoint": "not a url", "Method": "GET"}                        | 'ApiEndpoint'
            ftp endpoint             | {"ApiEndpoint": "ftp://example.com/x", "Method": "GET"}              | must be an http(s) URL with a host
            Headers not an object    | {"ApiEndpoint": "BASE/x", "Method": "GET", "Headers": []}            | The field 'Headers' must be a JSON object
            object header value      | {"ApiEndpoint": "BASE/x", "Method": "GET", "Headers": {"X": {}}}     | The value of 'Headers.X' must be a string
            object query value       | {"ApiEndpoint": "BASE/x", "Method": "GET", "QueryParameters": {"q": {"a": 1}}} | The value of 'QueryParameters.q'
            bad encoding             | {"ApiEndpoint": "BASE/x", "Method": "POST", "RequestBody": {}, "Transform": {"RequestBodyEncoding": "GZIP"}} | RequestBodyEncoding
            form body not an object  | {"ApiEndpoint": "BASE/x", "Method": "POST", "RequestBody": [1], "Transform": {"RequestBodyEncoding": "URL_ENCODED"}} | A URL_ENCODED 'RequestBody' must be a JSON object
            parameters not an object | []                                                                   | must be a JSON object
            """)
    void malformedParametersFailWithStatesRuntimeBeforeSending(String title, String params, String expected) {
        TaskOutcome outcome = http.invoke(call(params));
        assertThat(outcome).as(title).isInstanceOf(Failed.class);
        assertThat(((Failed) outcome).error()).isEqualTo("States.Runtime");
        assertThat(((Failed) outcome).cause()).contains(expected);
        assertThat(server.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            INDICES  | name=A%20B&tags%5B0%5D=x&tags%5B1%5D=y&meta%5Bn%5D=1
            REPEAT   | name=A%20B&tags=x&tags=y&meta%5Bn%5D=1
            COMMAS   | name=A%20B&tags=x%2Cy&meta%5Bn%5D=1
            BRACKETS | name=A%20B&tags%5B%5D=x&tags%5B%5D=y&meta%5Bn%5D=1
            """)
    void urlEncodedBodiesFollowTheArrayFormat(String format, String expected) {
        output(http.invoke(call("{\"ApiEndpoint\": \"BASE/form\", \"Method\": \"POST\", "
                + "\"RequestBody\": {\"name\": \"A B\", \"tags\": [\"x\", \"y\"], \"meta\": {\"n\": 1}, \"skip\": null},"
                + "\"Transform\": {\"RequestBodyEncoding\": \"URL_ENCODED\", "
                + "\"RequestEncodingOptions\": {\"ArrayFormat\": \"" + format + "\"}}}")));
        LocalServer.Recorded request = server.onlyRequest();
        assertThat(request.body()).isEqualTo(expected);
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    }

    @Test
    void urlEncodingDefaultsToIndices() {
        output(http.invoke(call("{\"ApiEndpoint\": \"BASE/form\", \"Method\": \"POST\", \"RequestBody\": {\"a\": [1]},"
                + "\"Transform\": {\"RequestBodyEncoding\": \"URL_ENCODED\"}}")));
        assertThat(server.onlyRequest().body()).isEqualTo("a%5B0%5D=1");
    }
}
