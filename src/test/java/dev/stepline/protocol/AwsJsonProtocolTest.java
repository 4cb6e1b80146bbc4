package dev.stepline.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.testing.RawHttp;
import dev.stepline.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the awsJson protocol answers to requests no SDK would send. */
class AwsJsonProtocolTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void everyResponseHasARequestId() {
        HttpResponse<String> ok = RawHttp.awsJson(server.endpoint(), "AWSStepFunctions.ListActivities", "{}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-amzn-RequestId")).get().asString().matches("[0-9a-f-]{36}");
        assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(ok.body()).isEqualTo("{\"activities\":[]}");
    }

    @Test
    void emptyBodyIsAnEmptyObject() {
        assertThat(RawHttp.awsJson(server.endpoint(), "AWSStepFunctions.ListActivities", "").statusCode()).isEqualTo(200);
    }

    @Test
    void malformedJsonIsASerializationException() {
        HttpResponse<String> response = RawHttp.awsJson(server.endpoint(), "AWSStepFunctions.ListActivities", "{not json");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");
        assertThat(response.body()).contains("\"__type\":\"com.amazon.coral.service#SerializationException\"");
    }

    @Test
    void wrongMemberTypeNamesTheMember() {
        HttpResponse<String> response = RawHttp.awsJson(server.endpoint(), "AWSStepFunctions.ListActivities",
                "{\"maxResults\":\"ten\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");
        assertThat(response.body()).contains("maxResults");
    }

    @Test
    void nonObjectBodyIsRejected() {
        HttpResponse<String> response = RawHttp.awsJson(server.endpoint(), "AWSStepFunctions.ListActivities", "[1,2]");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");
    }

    @Test
    void unknownOperationIsModelled() {
        HttpResponse<String> response = RawHttp.awsJson(server.endpoint(), "AWSStepFunctions.FlyToTheMoon", "{}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
        assertThat(response.body()).doesNotContain("Exception:").doesNotContain("at dev.");
    }

    @Test
    void missingRequiredMemberIsAValidationException() {
        HttpResponse<String> response = RawHttp.awsJson(server.endpoint(), "AWSStepFunctions.CreateActivity", "{}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("1 validation error detected: Value null at 'name' failed to satisfy constraint: "
                + "Member must not be null");
    }

    @Test
    void healthAnswersOnceServing() {
        HttpResponse<String> health = RawHttp.send(server.endpoint(), "GET", "/_stepline/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"").contains("\"store\":\"sqlite\"");
    }

    @Test
    void clockCanBeAdvanced() {
        var before = server.server().clock().instant();
        HttpResponse<String> advanced = RawHttp.send(server.endpoint(), "POST", "/_stepline/clock/advance", "{\"seconds\": 86400}");
        assertThat(advanced.statusCode()).isEqualTo(200);
        assertThat(server.server().clock().instant()).isAfterOrEqualTo(before.plusSeconds(86400));
        assertThat(RawHttp.send(server.endpoint(), "POST", "/_stepline/clock/advance", "{\"seconds\": -1}").statusCode()).isEqualTo(400);
    }
}
