package dev.stepline.sfn.it;

import static dev.stepline.sfn.it.Sfn.last;
import static dev.stepline.sfn.it.Sfn.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineForExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.StopExecutionResponse;

/** StartExecution, DescribeExecution, StopExecution, ListExecutions, GetExecutionHistory, DescribeStateMachineForExecution (spec §4). */
class ExecutionApiTest {
    /** {"mode":"fail"} fails, {"mode":"wait"} waits an hour, anything else (even no mode) succeeds. */
    static final String MODES = """
            {"StartAt": "Mode",
             "States": {
               "Mode": {"Type": "Choice", "Choices": [
                   {"Not": {"Variable": "$.mode", "IsPresent": true}, "Next": "Done"},
                   {"Variable": "$.mode", "StringEquals": "fail", "Next": "Boom"},
                   {"Variable": "$.mode", "StringEquals": "wait", "Next": "Hour"}],
                 "Default": "Done"},
               "Hour": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
               "Boom": {"Type": "Fail", "Error": "Mode.Fail", "Cause": "asked to fail"},
               "Done": {"Type": "Succeed"}}}""";
    static final String WAIT = """
            {"StartAt": "Hour", "States": {"Hour": {"Type": "Wait", "Seconds": 3600, "End": true}}}""";

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

    static String errorCode(Throwable e) {
        return ((SfnException) e).awsErrorDetails().errorCode();
    }

    // ------------------------------------------------------------------ StartExecution

    @Test
    void startWithoutNameGeneratesAUuidAndDefaultInput() {
        String arn = sfn.machine("uuid", MODES);
        String machineName = arn.substring(arn.lastIndexOf(':') + 1);
        StartExecutionResponse started = sfn.client.startExecution(b -> b.stateMachineArn(arn));
        assertThat(started.executionArn()).matches("arn:aws:states:us-east-1:123456789012:execution:" + machineName
                + ":[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(started.startDate()).isNotNull();
        DescribeExecutionResponse done = sfn.awaitClosed(started.executionArn());
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.name()).isEqualTo(started.executionArn().substring(started.executionArn().lastIndexOf(':') + 1));
        assertThat(done.input()).isEqualTo("{}");
        assertThat(done.startDate()).isEqualTo(started.startDate());
    }

    @Test
    void startIsIdempotentWhileRunningAndNamesStayTaken() {
        String arn = sfn.machine("idem", MODES);
        StartExecutionResponse first = sfn.client.startExecution(b -> b.stateMachineArn(arn).name("same")
                .input("{\"mode\": \"wait\"}"));
        StartExecutionResponse again = sfn.client.startExecution(b -> b.stateMachineArn(arn).name("same")
                .input("{\"mode\": \"wait\"}"));
        assertThat(again.executionArn()).isEqualTo(first.executionArn());
        assertThat(again.startDate()).isEqualTo(first.startDate());

        assertThatThrownBy(() -> sfn.client.startExecution(b -> b.stateMachineArn(arn).name("same")
                .input("{\"mode\":\"wait\"}")))
                .as("different input (even only whitespace)")
                .isInstanceOf(ExecutionAlreadyExistsException.class)
                .hasMessageStartingWith("Execution Already Exists: '" + first.executionArn() + "'");

        sfn.client.stopExecution(b -> b.executionArn(first.executionArn()));
        assertThat(sfn.awaitClosed(first.executionArn()).status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThatThrownBy(() -> sfn.client.startExecution(b -> b.stateMachineArn(arn).name("same")
                .input("{\"mode\": \"wait\"}")))
                .as("same name and input after the execution closed")
                .isInstanceOf(ExecutionAlreadyExistsException.class)
                .hasMessageStartingWith("Execution Already Exists: '" + first.executionArn() + "'");

        String done = sfn.start(arn, "finished", "{}");
        sfn.awaitClosed(done);
        assertThatThrownBy(() -> sfn.start(arn, "finished", "{}"))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    @Test
    void startRejectsBadNamesInputsAndArns() {
        String arn = sfn.machine("bad-start", MODES);
        assertThatThrownBy(() -> sfn.start(arn, "has space", "{}"))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageStartingWith("Invalid Name: 'has space'");
        assertThatThrownBy(() -> sfn.start(arn, "a:b", "{}"))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageStartingWith("Invalid Name: 'a:b'");
        assertThatThrownBy(() -> sfn.start(arn, "not json"))
                .isInstanceOf(InvalidExecutionInputException.class)
                .hasMessageStartingWith("Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting"
                        + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
        assertThatThrownBy(() -> sfn.start(arn, ""))
                .isInstanceOf(InvalidExecutionInputException.class)
                .hasMessageStartingWith("Invalid State Machine Execution Input: 'Invalid execution input.'");
        assertThatThrownBy(() -> sfn.start(arn, "{\"a\": "))
                .isInstanceOf(InvalidExecutionInputException.class);
        String missing = Sfn.machineArn("no-such-machine");
        assertThatThrownBy(() -> sfn.start(missing, "{}"))
                .isInstanceOf(StateMachineDoesNotExistException.class)
                .hasMessageStartingWith("State Machine Does Not Exist: '" + missing + "'");
        assertThatThrownBy(() -> sfn.start("not-an-arn", "{}"))
                .isInstanceOf(InvalidArnException.class)
                .hasMessageStartingWith("Invalid Arn: 'Invalid ARN prefix: not-an-arn'");
        // Any JSON value is an acceptable input (spec §4.1).
        for (String input : List.of("1", "\"s\"", "null", "[1,2]")) {
            DescribeExecutionResponse done = sfn.awaitClosed(sfn.start(arn, input));
            assertThat(done.status()).as("input %s", input).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.input()).isEqualTo(input);
        }
    }

    // ------------------------------------------------------------------ DescribeExecution

    @Test
    void describeShowsWhatEachStatusCarries() {
        String arn = sfn.machine("describe", MODES);
        String running = sfn.start(arn, "{\"mode\": \"wait\"}");
        sfn.awaitEvent(running, "WaitStateEntered");
        DescribeExecutionResponse r = sfn.describe(running);
        assertThat(r.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(r.stateMachineArn()).isEqualTo(arn);
        assertThat(r.stopDate()).isNull();
        assertThat(r.output()).isNull();
        assertThat(r.outputDetails()).isNull();
        assertThat(r.inputDetails().included()).isTrue();
        assertThat(r.error()).isNull();
        assertThat(r.cause()).isNull();
        assertThat(r.redriveCount()).isZero();
        assertThat(r.redriveStatusAsString()).isEqualTo("NOT_REDRIVABLE");
        assertThat(r.redriveStatusReason()).isEqualTo("Execution is RUNNING and cannot be redriven");
        assertThat(r.stateMachineVersionArn()).isNull();
        assertThat(r.stateMachineAliasArn()).isNull();
        assertThat(r.mapRunArn()).isNull();

        DescribeExecutionResponse ok = sfn.run(arn, "{\"mode\": \"ok\"}", ExecutionStatus.SUCCEEDED);
        assertThat(ok.output()).isEqualTo("{\"mode\":\"ok\"}");
        assertThat(ok.outputDetails().included()).isTrue();
        assertThat(ok.stopDate()).isAfterOrEqualTo(ok.startDate());
        assertThat(ok.redriveStatusAsString()).isEqualTo("NOT_REDRIVABLE");
        assertThat(ok.redriveStatusReason()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");
        assertThat(ok.error()).isNull();

        DescribeExecutionResponse failed = sfn.run(arn, "{\"mode\": \"fail\"}", ExecutionStatus.FAILED);
        assertThat(failed.output()).isNull();
        assertThat(failed.outputDetails()).isNull();
        assertThat(failed.error()).isEqualTo("Mode.Fail");
        assertThat(failed.cause()).isEqualTo("asked to fail");
        assertThat(failed.redriveStatusAsString()).isEqualTo("REDRIVABLE");
        assertThat(failed.redriveStatusReason()).isNull();
        assertThat(failed.redriveCount()).isZero();

        String missing = Sfn.executionArn("nope", "nope");
        assertThatThrownBy(() -> sfn.describe(missing))
                .isInstanceOf(ExecutionDoesNotExistException.class)
                .hasMessageStartingWith("Execution Does Not Exist: '" + missing + "'");
        assertThatThrownBy(() -> sfn.describe("garbage"))
                .isInstanceOf(InvalidArnException.class)
                .hasMessageStartingWith("Invalid Arn: 'Invalid ARN prefix: garbage'");
        sfn.client.stopExecution(b -> b.executionArn(running));
    }

    @Test
    void startedThroughAVersionArnRecordsTheVersion() {
        String name = Sfn.unique("versioned");
        CreateStateMachineResponse created = sfn.client.createStateMachine(b -> b.name(name).roleArn(Sfn.ROLE)
                .definition(MODES).publish(true));
        String versionArn = created.stateMachineVersionArn();
        assertThat(versionArn).isEqualTo(created.stateMachineArn() + ":1");
        String viaVersion = sfn.start(versionArn, "v", "{}");
        DescribeExecutionResponse done = sfn.awaitClosed(viaVersion);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(viaVersion).as("the execution ARN uses the bare name").isEqualTo(Sfn.executionArn(name, "v"));
        assertThat(done.stateMachineArn()).isEqualTo(created.stateMachineArn());
        assertThat(done.stateMachineVersionArn()).isEqualTo(versionArn);
        assertThat(done.stateMachineAliasArn()).isNull();
        HistoryEvent started = sfn.history(viaVersion).get(0);
        assertThat(started.executionStartedEventDetails().stateMachineVersionArn()).isEqualTo(versionArn);

        String unqualified = sfn.start(created.stateMachineArn(), "u", "{}");
        DescribeExecutionResponse plain = sfn.awaitClosed(unqualified);
        assertThat(plain.stateMachineVersionArn()).as("unqualified runs are not associated with a version").isNull();

        List<ExecutionListItem> byVersion = sfn.client.listExecutions(b -> b.stateMachineArn(versionArn)).executions();
        assertThat(byVersion).extracting(ExecutionListItem::executionArn).containsExactly(viaVersion);
        assertThat(byVersion.get(0).stateMachineVersionArn()).isEqualTo(versionArn);
        assertThat(byVersion.get(0).stateMachineArn()).isEqualTo(created.stateMachineArn());
        List<ExecutionListItem> all = sfn.client.listExecutions(b -> b.stateMachineArn(created.stateMachineArn()))
                .executions();
        assertThat(all).extracting(ExecutionListItem::executionArn).containsExactlyInAnyOrder(viaVersion, unqualified);
    }

    // ------------------------------------------------------------------ StopExecution

    @Test
    void stopAbortsWithOnlyTheGivenErrorAndCause() {
        String arn = sfn.machine("stop", WAIT);
        String exec = sfn.start(arn, "{}");
        sfn.awaitEvent(exec, "WaitStateEntered");
        StopExecutionResponse stopped = sfn.client.stopExecution(b -> b.executionArn(exec).error("User.Stop")
                .cause("enough"));
        DescribeExecutionResponse d = sfn.describe(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(d.stopDate()).isEqualTo(stopped.stopDate());
        assertThat(d.error()).isEqualTo("User.Stop");
        assertThat(d.cause()).isEqualTo("enough");
        assertThat(d.output()).isNull();
        assertThat(d.redriveStatusAsString()).isEqualTo("REDRIVABLE");
        List<HistoryEvent> events = sfn.history(exec);
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 WaitStateEntered 0",
                "3 ExecutionAborted 0");
        assertThat(last(events).executionAbortedEventDetails().error()).isEqualTo("User.Stop");
        assertThat(last(events).executionAbortedEventDetails().cause()).isEqualTo("enough");

        // Stopping a closed execution changes nothing (spec §4.4, recommended behaviour).
        StopExecutionResponse again = sfn.client.stopExecution(b -> b.executionArn(exec).error("Other"));
        assertThat(again.stopDate()).isEqualTo(stopped.stopDate());
        assertThat(sfn.describe(exec).error()).isEqualTo("User.Stop");
        assertThat(sfn.history(exec)).hasSize(3);

        // Nothing after the stop runs, even when the wait would be over.
        sfn.advance(Duration.ofHours(2));
        assertThat(sfn.describe(exec).status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(sfn.history(exec)).hasSize(3);
    }

    @Test
    void stopWithoutArgumentsLeavesErrorAndCauseAbsent() {
        String arn = sfn.machine("stop-bare", WAIT);
        String exec = sfn.start(arn, "{}");
        sfn.awaitEvent(exec, "WaitStateEntered");
        sfn.client.stopExecution(b -> b.executionArn(exec));
        DescribeExecutionResponse d = sfn.describe(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(d.error()).isNull();
        assertThat(d.cause()).isNull();
        HistoryEvent aborted = last(sfn.history(exec));
        assertThat(aborted.typeAsString()).isEqualTo("ExecutionAborted");
        assertThat(aborted.executionAbortedEventDetails().error()).isNull();
        assertThat(aborted.executionAbortedEventDetails().cause()).isNull();

        // A finished execution: stopping it returns its stop date and keeps it SUCCEEDED.
        DescribeExecutionResponse ok = sfn.run(sfn.machine("stop-done", MODES), "{}", ExecutionStatus.SUCCEEDED);
        assertThat(sfn.client.stopExecution(b -> b.executionArn(ok.executionArn())).stopDate()).isEqualTo(ok.stopDate());
        assertThat(sfn.describe(ok.executionArn()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        String missing = Sfn.executionArn("nope", "nope");
        assertThatThrownBy(() -> sfn.client.stopExecution(b -> b.executionArn(missing)))
                .isInstanceOf(ExecutionDoesNotExistException.class);
    }

    @Test
    void stopDuringParallelAbortsTheBranches() {
        String arn = sfn.machine("stop-parallel", """
                {"StartAt": "Fork", "States": {"Fork": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "W1", "States": {"W1": {"Type": "Wait", "Seconds": 100, "End": true}}},
                  {"StartAt": "W2", "States": {"W2": {"Type": "Wait", "Seconds": 100, "End": true}}}]}}}""");
        String exec = sfn.start(arn, "{}");
        sfn.awaitEvents(exec, "WaitStateEntered", 2);
        sfn.client.stopExecution(b -> b.executionArn(exec).cause("halt"));
        List<HistoryEvent> events = sfn.history(exec);
        Sfn.assertGapless(events);
        assertThat(Sfn.types(events)).containsExactlyInAnyOrder("ExecutionStarted", "ParallelStateEntered",
                "ParallelStateStarted", "WaitStateEntered", "WaitStateEntered", "WaitStateAborted", "WaitStateAborted",
                "ParallelStateAborted", "ExecutionAborted");
        assertThat(last(events).typeAsString()).isEqualTo("ExecutionAborted");
        assertThat(last(events).executionAbortedEventDetails().error()).isNull();
        assertThat(last(events).executionAbortedEventDetails().cause()).isEqualTo("halt");
        sfn.advance(Duration.ofSeconds(200));
        assertThat(sfn.history(exec)).hasSize(events.size());
        assertThat(sfn.describe(exec).status()).isEqualTo(ExecutionStatus.ABORTED);
    }

    @Test
    void describeWithMetadataOnlyAndExpressArns() {
        DescribeExecutionResponse ok = sfn.run(sfn.machine("metadata", MODES), "{\"mode\": \"ok\"}",
                ExecutionStatus.SUCCEEDED);
        DescribeExecutionResponse meta = sfn.client.describeExecution(b -> b.executionArn(ok.executionArn())
                .includedData(software.amazon.awssdk.services.sfn.model.IncludedData.METADATA_ONLY));
        assertThat(meta.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(meta.input()).isNull();
        assertThat(meta.output()).isNull();

        String express = sfn.client.createStateMachine(b -> b.name(Sfn.unique("express-run")).roleArn(Sfn.ROLE)
                .type(StateMachineType.EXPRESS).definition(
                        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}")).stateMachineArn();
        StartExecutionResponse first = sfn.client.startExecution(b -> b.stateMachineArn(express).name("same"));
        StartExecutionResponse second = sfn.client.startExecution(b -> b.stateMachineArn(express).name("same"));
        assertThat(first.executionArn()).startsWith("arn:aws:states:us-east-1:123456789012:express:");
        assertThat(second.executionArn()).as("Express names may repeat; each start is new")
                .isNotEqualTo(first.executionArn());
        assertThatThrownBy(() -> sfn.describe(first.executionArn()))
                .isInstanceOf(InvalidArnException.class)
                .hasMessageStartingWith("Invalid Arn: 'Resource type not valid in this context: express'");
        assertThatThrownBy(() -> sfn.client.getExecutionHistory(b -> b.executionArn(first.executionArn())))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.client.stopExecution(b -> b.executionArn(first.executionArn())))
                .isInstanceOf(InvalidArnException.class);
    }

    // ------------------------------------------------------------------ ListExecutions

    @Test
    void listIsNewestFirstFiltersByStatusAndPagesWithoutGapsOrDuplicates() {
        String arn = sfn.machine("list", MODES);
        List<String> started = new ArrayList<>();
        String[] modes = {"ok", "fail", "wait", "ok", "fail", "ok", "wait"};
        for (String mode : modes) {
            started.add(sfn.start(arn, "{\"mode\": \"" + mode + "\"}"));
            sfn.advance(Duration.ofSeconds(1)); // distinct start dates, and the waits stay far from done
        }
        for (int i = 0; i < modes.length; i++) {
            if (modes[i].equals("wait")) {
                sfn.awaitEvent(started.get(i), "WaitStateEntered");
            } else {
                sfn.awaitClosed(started.get(i));
            }
        }
        List<String> newestFirst = new ArrayList<>(started);
        java.util.Collections.reverse(newestFirst);

        List<ExecutionListItem> all = sfn.client.listExecutions(b -> b.stateMachineArn(arn)).executions();
        assertThat(all).extracting(ExecutionListItem::executionArn).containsExactlyElementsOf(newestFirst);
        ExecutionListItem item = all.get(0);
        assertThat(item.stateMachineArn()).isEqualTo(arn);
        assertThat(item.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(item.stopDate()).isNull();
        assertThat(item.redriveCount()).isZero();
        assertThat(all.get(1).stopDate()).isNotNull();

        assertThat(sfn.client.listExecutions(b -> b.stateMachineArn(arn).statusFilter(ExecutionStatus.FAILED)).executions())
                .extracting(ExecutionListItem::executionArn).containsExactly(started.get(4), started.get(1));
        assertThat(sfn.client.listExecutions(b -> b.stateMachineArn(arn).statusFilter(ExecutionStatus.RUNNING)).executions())
                .extracting(ExecutionListItem::executionArn).containsExactly(started.get(6), started.get(2));
        assertThat(sfn.client.listExecutions(b -> b.stateMachineArn(arn).statusFilter(ExecutionStatus.SUCCEEDED))
                .executions()).hasSize(3).allMatch(e -> e.status() == ExecutionStatus.SUCCEEDED);
        assertThat(sfn.client.listExecutions(b -> b.stateMachineArn(arn).statusFilter(ExecutionStatus.TIMED_OUT))
                .executions()).isEmpty();

        // Pages of 2: every execution exactly once, in order, even when a new one starts between pages.
        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        String late = null;
        do {
            String t = token;
            ListExecutionsResponse page = sfn.client.listExecutions(b -> b.stateMachineArn(arn).maxResults(2).nextToken(t));
            assertThat(page.executions().size()).isLessThanOrEqualTo(2);
            page.executions().forEach(e -> paged.add(e.executionArn()));
            token = page.nextToken();
            if (pages++ == 0) {
                late = sfn.start(arn, "{}");
            }
        } while (token != null);
        assertThat(pages).isEqualTo(4);
        assertThat(paged).containsExactlyElementsOf(newestFirst);
        assertThat(new HashSet<>(paged)).hasSize(paged.size());
        sfn.awaitClosed(late);

        for (int i = 0; i < modes.length; i++) {
            if (modes[i].equals("wait")) {
                String exec = started.get(i);
                sfn.client.stopExecution(b -> b.executionArn(exec));
            }
        }
    }

    @Test
    void listPageSizeDefaultsTo100AndIsCappedAt1000() {
        String arn = sfn.machine("list-big", MODES);
        for (int i = 0; i < 103; i++) {
            sfn.start(arn, "{}");
        }
        ListExecutionsResponse page = sfn.client.listExecutions(b -> b.stateMachineArn(arn).maxResults(0));
        assertThat(page.executions()).hasSize(100);
        assertThat(page.nextToken()).isNotNull();
        ListExecutionsResponse rest = sfn.client.listExecutions(b -> b.stateMachineArn(arn).maxResults(0)
                .nextToken(page.nextToken()));
        assertThat(rest.executions()).hasSize(3);
        assertThat(rest.nextToken()).as("absent on the last page").isNull();
        assertThat(sfn.client.listExecutions(b -> b.stateMachineArn(arn)).executions()).hasSize(100);

        assertThatThrownBy(() -> sfn.client.listExecutions(b -> b.stateMachineArn(arn).maxResults(1001)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"))
                .hasMessageStartingWith("1 validation error detected: Value '1001' at 'maxResults' failed to satisfy"
                        + " constraint: Member must have value less than or equal to 1000");
    }

    @Test
    void listRejectsBadTokensArgumentsAndExpressMachines() {
        String arn = sfn.machine("list-bad", MODES);
        assertThatThrownBy(() -> sfn.client.listExecutions(b -> b.stateMachineArn(arn).nextToken("garbage-token")))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("Invalid Token: 'Invalid token'");
        assertThatThrownBy(() -> sfn.client.listExecutions(b -> b.maxResults(10)))
                .as("neither stateMachineArn nor mapRunArn")
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> sfn.client.listExecutions(b -> b.stateMachineArn(arn)
                .mapRunArn("arn:aws:states:us-east-1:123456789012:mapRun:x/y:" + "0".repeat(8))))
                .as("both stateMachineArn and mapRunArn")
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
        String express = sfn.client.createStateMachine(b -> b.name(Sfn.unique("express")).roleArn(Sfn.ROLE)
                .type(StateMachineType.EXPRESS).definition(
                        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}")).stateMachineArn();
        assertThatThrownBy(() -> sfn.client.listExecutions(b -> b.stateMachineArn(express)))
                .isInstanceOf(StateMachineTypeNotSupportedException.class)
                .hasMessageStartingWith("This operation is not supported by this type of state machine");
        String missing = Sfn.machineArn("absent");
        assertThatThrownBy(() -> sfn.client.listExecutions(b -> b.stateMachineArn(missing)))
                .isInstanceOf(StateMachineDoesNotExistException.class)
                .hasMessageStartingWith("State Machine Does Not Exist: '" + missing + "'");
        assertThatThrownBy(() -> sfn.client.listExecutions(b -> b.stateMachineArn("nope")))
                .isInstanceOf(InvalidArnException.class);
        // A token is bound to its arguments.
        for (int i = 0; i < 3; i++) {
            sfn.start(arn, "{}");
        }
        String token = sfn.client.listExecutions(b -> b.stateMachineArn(arn).maxResults(1)).nextToken();
        assertThat(token).isNotNull();
        String other = sfn.machine("list-other", MODES);
        assertThatThrownBy(() -> sfn.client.listExecutions(b -> b.stateMachineArn(other).maxResults(1).nextToken(token)))
                .isInstanceOf(InvalidTokenException.class);
    }

    // ------------------------------------------------------------------ GetExecutionHistory

    @Test
    void historyPagesReversesAndDropsData() {
        String arn = sfn.machine("history", """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Result": {"a": 1}, "Next": "B"},
                  "B": {"Type": "Pass", "Next": "C"},
                  "C": {"Type": "Succeed"}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{\"secret\": 1}", ExecutionStatus.SUCCEEDED);
        String exec = done.executionArn();
        List<HistoryEvent> all = sfn.history(exec);
        assertThat(shape(all)).containsExactly("1 ExecutionStarted 0", "2 PassStateEntered 0", "3 PassStateExited 2",
                "4 PassStateEntered 3", "5 PassStateExited 4", "6 SucceedStateEntered 5", "7 SucceedStateExited 6",
                "8 ExecutionSucceeded 7");

        List<Long> ids = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            GetExecutionHistoryResponse page = sfn.client.getExecutionHistory(b -> b.executionArn(exec).maxResults(3)
                    .nextToken(t));
            page.events().forEach(e -> ids.add(e.id()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(ids).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);

        GetExecutionHistoryResponse reversed = sfn.client.getExecutionHistory(b -> b.executionArn(exec).reverseOrder(true));
        assertThat(reversed.events()).extracting(HistoryEvent::id).containsExactly(8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(reversed.events().get(0).typeAsString()).isEqualTo("ExecutionSucceeded");
        assertThat(reversed.nextToken()).isNull();

        List<Long> reversedPaged = new ArrayList<>();
        token = null;
        do {
            String t = token;
            GetExecutionHistoryResponse page = sfn.client.getExecutionHistory(b -> b.executionArn(exec).maxResults(5)
                    .reverseOrder(true).nextToken(t));
            page.events().forEach(e -> reversedPaged.add(e.id()));
            token = page.nextToken();
        } while (token != null);
        assertThat(reversedPaged).containsExactly(8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);

        List<HistoryEvent> bare = sfn.client.getExecutionHistory(b -> b.executionArn(exec).includeExecutionData(false))
                .events();
        assertThat(shape(bare)).isEqualTo(shape(all));
        assertThat(bare.get(0).executionStartedEventDetails().input()).isNull();
        assertThat(bare.get(0).executionStartedEventDetails().roleArn()).isEqualTo(Sfn.ROLE);
        assertThat(bare.get(1).stateEnteredEventDetails().name()).isEqualTo("A");
        assertThat(bare.get(1).stateEnteredEventDetails().input()).isNull();
        assertThat(bare.get(2).stateExitedEventDetails().name()).isEqualTo("A");
        assertThat(bare.get(2).stateExitedEventDetails().output()).isNull();
        assertThat(last(bare).executionSucceededEventDetails().output()).isNull();
        assertThat(all.get(1).stateEnteredEventDetails().input()).isEqualTo("{\"secret\":1}");

        assertThatThrownBy(() -> sfn.client.getExecutionHistory(b -> b.executionArn(exec).nextToken("bogus")))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> sfn.client.getExecutionHistory(b -> b.executionArn(exec).maxResults(1001)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
        String missing = Sfn.executionArn("nope", "nope");
        assertThatThrownBy(() -> sfn.client.getExecutionHistory(b -> b.executionArn(missing)))
                .isInstanceOf(ExecutionDoesNotExistException.class);
    }

    // ------------------------------------------------------------------ DescribeStateMachineForExecution

    @Test
    void describeStateMachineForExecutionReturnsTheDefinitionThatRan() {
        String arn = sfn.machine("sm-for-exec", WAIT);
        String before = sfn.start(arn, "{}");
        sfn.awaitEvent(before, "WaitStateEntered");
        String updated = """
                {"StartAt": "Now", "States": {"Now": {"Type": "Pass", "End": true}}}""";
        var update = sfn.client.updateStateMachine(b -> b.stateMachineArn(arn).definition(updated));
        assertThat(update.revisionId()).isNotNull();

        DescribeStateMachineForExecutionResponse old = sfn.client.describeStateMachineForExecution(
                b -> b.executionArn(before));
        assertThat(old.definition()).isEqualTo(WAIT);
        assertThat(old.stateMachineArn()).isEqualTo(arn);
        assertThat(old.name()).isEqualTo(arn.substring(arn.lastIndexOf(':') + 1));
        assertThat(old.roleArn()).isEqualTo(Sfn.ROLE);
        assertThat(old.revisionId()).as("the initial revision has no revisionId").isNull();

        DescribeExecutionResponse after = sfn.run(arn, "{}", ExecutionStatus.SUCCEEDED);
        DescribeStateMachineForExecutionResponse now = sfn.client.describeStateMachineForExecution(
                b -> b.executionArn(after.executionArn()));
        assertThat(now.definition()).isEqualTo(updated);
        assertThat(now.revisionId()).isEqualTo(update.revisionId());
        assertThat(now.updateDate()).isEqualTo(update.updateDate());

        // The running execution keeps its old definition to the end.
        sfn.advance(Duration.ofHours(2));
        DescribeExecutionResponse finished = sfn.awaitClosed(before);
        assertThat(finished.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(shape(sfn.history(before))).containsExactly("1 ExecutionStarted 0", "2 WaitStateEntered 0",
                "3 WaitStateExited 2", "4 ExecutionSucceeded 3");
    }
}
