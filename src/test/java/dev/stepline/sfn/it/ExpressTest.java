package dev.stepline.sfn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/** Express workflows: StartSyncExecution, asynchronous starts, the APIs Express refuses (spec §3.3, §4.2). */
class ExpressTest {
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

    static String express(String prefix, String definition) {
        return sfn.client.createStateMachine(b -> b.name(Sfn.unique(prefix)).roleArn(Sfn.ROLE).definition(definition)
                .type(StateMachineType.EXPRESS)).stateMachineArn();
    }

    @Test
    void startSyncExecutionAnswersWithTheResultAndBillingDetails() {
        String arn = express("sync-ok", """
                {"StartAt": "P", "States": {"P": {"Type": "Pass",
                  "Parameters": {"in.$": "$.v", "ctx.$": "$$.Execution"}, "End": true}}}""");
        StartSyncExecutionResponse done = sfn.client.startSyncExecution(b -> b.stateMachineArn(arn).name("run")
                .input("{\"v\": 1}").traceHeader("Root=1"));
        assertThat(done.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(done.executionArn()).startsWith(arn.replace(":stateMachine:", ":express:") + ":run:");
        assertThat(done.stateMachineArn()).isEqualTo(arn);
        assertThat(done.name()).isEqualTo("run");
        assertThat(done.input()).isEqualTo("{\"v\": 1}");
        assertThat(done.inputDetails().included()).isTrue();
        assertThat(done.outputDetails().included()).isTrue();
        assertThat(done.traceHeader()).isEqualTo("Root=1");
        assertThat(done.startDate()).isNotNull();
        assertThat(done.stopDate()).isNotNull();
        assertThat(done.billingDetails().billedMemoryUsedInMB()).isEqualTo(64);
        assertThat(done.billingDetails().billedDurationInMilliseconds()).isGreaterThanOrEqualTo(100).matches(ms -> ms % 100 == 0);
        var output = StatesTest.json(done.output());
        assertThat(output.get("in").intValue()).isEqualTo(1);
        assertThat(output.get("ctx").has("RedriveCount")).as("Express has no RedriveCount").isFalse();
        assertThat(output.get("ctx").get("Id").stringValue()).isEqualTo(done.executionArn());
    }

    @Test
    void aFailingSyncExecutionIsStillAnAnswer() {
        String arn = express("sync-fail", """
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Bad", "Cause": "because"}}}""");
        StartSyncExecutionResponse done = sfn.client.startSyncExecution(b -> b.stateMachineArn(arn));
        assertThat(done.status()).isEqualTo(SyncExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Bad");
        assertThat(done.cause()).isEqualTo("because");
        assertThat(done.output()).isNull();
        assertThat(done.input()).isEqualTo("{}");
    }

    @Test
    void expressExecutionsStopAfterFiveMinutes() throws Exception {
        String arn = express("sync-timeout", """
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}""");
        CompletableFuture<StartSyncExecutionResponse> call = CompletableFuture.supplyAsync(
                () -> sfn.client.startSyncExecution(b -> b.stateMachineArn(arn)));
        for (int i = 0; i < 200 && !call.isDone(); i++) {
            sfn.advance(Duration.ofSeconds(301));
            Thread.sleep(50);
        }
        assertThat(call.get().status()).isEqualTo(SyncExecutionStatus.TIMED_OUT);
    }

    @Test
    void standardOnlyApisRefuseExpress() {
        String standard = sfn.machine("sync-standard", """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""");
        assertThatThrownBy(() -> sfn.client.startSyncExecution(b -> b.stateMachineArn(standard)))
                .isInstanceOf(StateMachineTypeNotSupportedException.class)
                .hasMessageStartingWith("This operation is not supported by this type of state machine");

        String arn = express("async", """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""");
        String exec = sfn.start(arn, "same", "{}");
        String again = sfn.start(arn, "same", "{}");
        assertThat(exec).contains(":express:").isNotEqualTo(again);
        assertThatThrownBy(() -> sfn.describe(exec)).isInstanceOf(InvalidArnException.class)
                .hasMessageStartingWith("Invalid Arn: 'Resource type not valid in this context: express'");
        assertThatThrownBy(() -> sfn.client.getExecutionHistory(b -> b.executionArn(exec)))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.client.listExecutions(b -> b.stateMachineArn(arn)))
                .isInstanceOf(StateMachineTypeNotSupportedException.class);
    }

    @Test
    void expressRejectsCallbacksSyncJobsAndActivitiesAtCreation() {
        assertThatThrownBy(() -> express("express-callback", """
                {"StartAt": "T", "States": {"T": {"Type": "Task",
                  "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}}}"""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("SCHEMA_VALIDATION_FAILED: Express state machine does not support "
                        + "'.waitForTaskToken' service integration  at /States/T/Resource");
    }
}
