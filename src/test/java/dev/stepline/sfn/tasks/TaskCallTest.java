package dev.stepline.sfn.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.sfn.asl.TaskResource.Kind;
import dev.stepline.sfn.asl.TaskResource.Pattern;
import dev.stepline.sfn.runtime.dataflow.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskCallTest {

    @Test
    void readsTheInterpreterPayload() {
        TaskCall call = TaskCall.fromPayload(Json.parse("""
                {"resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "kind": "SERVICE_INTEGRATION",
                 "integration": "sqs:sendMessage", "pattern": "WAIT_FOR_TASK_TOKEN",
                 "parameters": {"QueueUrl": "q", "MessageBody": {"n": 1.0}}, "stateName": "Notify",
                 "stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Orders",
                 "executionArn": "arn:aws:states:us-east-1:123456789012:execution:Orders:e1", "testCase": "Happy",
                 "region": "us-east-1", "account": "123456789012", "attempt": 3, "timeoutSeconds": 600}
                """));
        assertThat(call.kind()).isEqualTo(Kind.SERVICE_INTEGRATION);
        assertThat(call.pattern()).isEqualTo(Pattern.WAIT_FOR_TASK_TOKEN);
        assertThat(call.integration()).isEqualTo("sqs:sendMessage");
        assertThat(Json.compact(call.parameters())).isEqualTo("{\"QueueUrl\":\"q\",\"MessageBody\":{\"n\":1.0}}");
        assertThat(call.stateMachineName()).isEqualTo("Orders");
        assertThat(call.testCase()).isEqualTo("Happy");
        assertThat(call.attempt()).isEqualTo(3);
        assertThat(call.timeoutSeconds()).isEqualTo(600L);
        assertThat(call.resourceType()).isEqualTo("sqs");
        assertThat(call.resourceName()).isEqualTo("sendMessage.waitForTaskToken");
        assertThat(TaskCall.fromPayload(call.toPayload())).isEqualTo(call);
    }

    @Test
    void classifiesTheResourceWhenKindPatternAndIntegrationAreOmitted() {
        TaskCall call = TaskCall.fromPayload(Json.parse("""
                {"resource": "arn:aws:states:::aws-sdk:s3:getObject", "integration": null, "stateName": "Get",
                 "stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Files"}
                """));
        assertThat(call.kind()).isEqualTo(Kind.SDK_INTEGRATION);
        assertThat(call.pattern()).isEqualTo(Pattern.REQUEST_RESPONSE);
        assertThat(call.integration()).isEqualTo("aws-sdk:s3:getObject");
        assertThat(call.resourceType()).isEqualTo("aws-sdk:s3");
        assertThat(call.resourceName()).isEqualTo("getObject");
        assertThat(call.parameters().isObject()).isTrue();
        assertThat(call.attempt()).isZero();
        assertThat(call.timeoutSeconds()).isNull();
        assertThat(call.testCase()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            arn:aws:states:::lambda:invoke                              | lambda | invoke
            arn:aws:states:::states:startExecution.sync:2               | states | startExecution.sync:2
            arn:aws:states:::ecs:runTask.sync                           | ecs    | runTask.sync
            arn:aws:states:::http:invoke                                | http   | invoke
            """)
    void historyResourceTypeAndName(String resource, String type, String name) {
        TaskCall call = TaskCall.fromPayload(Json.parse("{\"resource\": \"" + resource + "\", \"stateName\": \"S\","
                + " \"stateMachineArn\": \"arn:aws:states:us-east-1:123456789012:stateMachine:M\"}"));
        assertThat(call.resourceType()).isEqualTo(type);
        assertThat(call.resourceName()).isEqualTo(name);
    }

    @Test
    void aFunctionArnHasNoResourceType() {
        TaskCall call = TaskCall.fromPayload(Json.parse("""
                {"resource": "arn:aws:lambda:us-east-1:123456789012:function:fn", "stateName": "S",
                 "stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:M", "testCase": ""}
                """));
        assertThat(call.kind()).isEqualTo(Kind.LAMBDA_FUNCTION);
        assertThat(call.resourceType()).isNull();
        assertThat(call.resourceName()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:fn");
        assertThat(call.testCase()).as("a bare '#' selects no test case").isNull();
    }

    @Test
    void stateMachineNameToleratesQualifiedArnsAndBareNames() {
        assertThat(TaskCall.stateMachineName("arn:aws:states:us-east-1:123456789012:stateMachine:Orders:prod"))
                .isEqualTo("Orders");
        assertThat(TaskCall.stateMachineName("Orders")).isEqualTo("Orders");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not an object      | []                                                                                  | must be a JSON object
            missing resource   | {"stateName": "S", "stateMachineArn": "a"}                                          | 'resource' must be a string
            missing state name | {"resource": "arn:aws:states:::http:invoke", "stateMachineArn": "a"}               | 'stateName' must be a string
            bad attempt        | {"resource": "r", "stateName": "S", "stateMachineArn": "a", "attempt": "1"}         | 'attempt' must be an integer
            negative attempt   | {"resource": "r", "stateName": "S", "stateMachineArn": "a", "attempt": -1}          | attempt is negative
            bad timeout        | {"resource": "r", "stateName": "S", "stateMachineArn": "a", "timeoutSeconds": 1.5}  | 'timeoutSeconds' must be an integer
            bad test case      | {"resource": "r", "stateName": "S", "stateMachineArn": "a", "testCase": 1}          | 'testCase' must be a string or null
            """)
    void rejectsMalformedPayloads(String title, String json, String expected) {
        assertThatThrownBy(() -> TaskCall.fromPayload(Json.parse(json)))
                .as(title)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }
}
