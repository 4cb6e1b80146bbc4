package dev.stepline.mwaa.api;

import static dev.stepline.mwaa.api.MwaaFixtures.ON_DEMAND;
import static dev.stepline.mwaa.api.MwaaFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.testing.RawHttp;
import dev.stepline.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bytes on the wire (spec §6): ISO timestamps, absent nulls, PascalCase members, error bodies botocore can read. */
class MwaaWireTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        MwaaFixtures.bucket(server.s3(), "defs");
        put(server.s3(), "defs", "dag.yaml", ON_DEMAND);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void responsesUseIsoTimestampsAndLeaveOutAbsentMembers() {
        HttpResponse<String> created = call("CreateWorkflow", """
                {"Name":"wire","DefinitionS3Location":{"Bucket":"defs","ObjectKey":"dag.yaml"},
                 "RoleArn":"arn:aws:iam::123456789012:role/x","Code":{"S3Location":{"Bucket":"b","ObjectKey":"k"}}}""");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        JsonNode body = JSON.readTree(created.body());
        assertThat(body.get("CreatedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(body.get("IsLatestVersion").isBoolean()).isTrue();
        assertThat(body.get("Warnings").toString()).isEqualTo("[\"ignored attributes: description\"]");

        String arn = body.get("WorkflowArn").asString();
        JsonNode got = JSON.readTree(call("GetWorkflow", "{\"WorkflowArn\":\"" + arn + "\"}").body());
        assertThat(got.get("EngineVersion").isInt()).isTrue();
        assertThat(got.has("LoggingConfiguration")).isFalse();
        assertThat(got.has("ScheduleConfiguration")).isFalse();
        assertThat(got.has("Description")).isFalse();
        assertThat(got.get("DefinitionS3Location").toString()).isEqualTo("{\"Bucket\":\"defs\",\"ObjectKey\":\"dag.yaml\"}");
        assertThat(got.get("EncryptionConfiguration").toString()).isEqualTo("{\"Type\":\"AWS_MANAGED_KEY\"}");

        assertThat(call("ListTagsForResource", "{\"ResourceArn\":\"" + arn + "\"}").body()).isEqualTo("{\"Tags\":{}}");
        assertThat(call("TagResource", "{\"ResourceArn\":\"" + arn + "\",\"Tags\":{}}").body()).isEqualTo("{}");
    }

    @Test
    void errorsCarryTypeMessageAndModelledMembers() {
        HttpResponse<String> invalid = call("CreateWorkflow", "{\"Name\":\"x\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
        JsonNode body = JSON.readTree(invalid.body());
        assertThat(body.get("__type").asString()).isEqualTo("ValidationException");
        assertThat(body.get("message").asString()).isEqualTo(body.get("Message").asString())
                .startsWith("2 validation errors detected: Value null at 'DefinitionS3Location' failed to satisfy constraint: "
                        + "Member must not be null");
        assertThat(body.get("Reason").asString()).isEqualTo("fieldValidationFailed");
        assertThat(body.get("FieldList").toString()).isEqualTo(
                "[{\"Name\":\"DefinitionS3Location\",\"Message\":\"Member must not be null\"},"
                        + "{\"Name\":\"RoleArn\",\"Message\":\"Member must not be null\"}]");

        JsonNode wrongType = JSON.readTree(call("ListWorkflows", "{\"MaxResults\":\"ten\"}").body());
        assertThat(wrongType.get("Reason").asString()).isEqualTo("cannotParse");

        HttpResponse<String> missing = call("GetWorkflow",
                "{\"WorkflowArn\":\"arn:aws:airflow-serverless:us-east-1:123456789012:workflow/a-0123456789\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        JsonNode notFound = JSON.readTree(missing.body());
        assertThat(notFound.get("__type").asString()).isEqualTo("ResourceNotFoundException");
        assertThat(notFound.get("ResourceType").asString()).isEqualTo("Workflow");
        assertThat(notFound.get("ResourceId").asString()).endsWith("workflow/a-0123456789");

        for (String location : new String[] {"{\"Bucket\":\"\",\"ObjectKey\":\"\"}",
                "{\"Bucket\":\"defs\",\"ObjectKey\":\"dag.yaml\",\"VersionId\":\"3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY\"}",
                "{\"Bucket\":\"../etc\",\"ObjectKey\":\"../../passwd\"}"}) {
            HttpResponse<String> unreadable = call("CreateWorkflow", "{\"Name\":\"odd\",\"DefinitionS3Location\":" + location
                    + ",\"RoleArn\":\"arn:aws:iam::123456789012:role/x\"}");
            assertThat(unreadable.statusCode()).as(location).isEqualTo(400);
            assertThat(JSON.readTree(unreadable.body()).get("Reason").asString()).isEqualTo("other");
        }

        JsonNode list = JSON.readTree(call("ListWorkflows", "").body());
        assertThat(list.get("Workflows").isArray()).isTrue();
        assertThat(list.has("NextToken")).isFalse();
    }

    private static HttpResponse<String> call(String operation, String body) {
        return RawHttp.awsJson(server.endpoint(), "AmazonMWAAServerless." + operation, body);
    }
}
