package dev.stepline.sfn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepline.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * What every end-to-end test does through the real {@code SfnClient}: create a state machine,
 * start an execution, wait for it to close (Awaitility, never sleeps), read its whole history.
 */
final class Sfn {
    static final String ROLE = "arn:aws:iam::123456789012:role/stepline-it";
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    private static final AtomicInteger SEQ = new AtomicInteger();

    final TestServer server;
    final SfnClient client;

    Sfn(TestServer server) {
        this.server = server;
        this.client = server.sfn();
    }

    /** A name no other test in this JVM uses. */
    static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet();
    }

    static String machineArn(String name) {
        return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + name;
    }

    static String executionArn(String machine, String name) {
        return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":execution:" + machine + ":" + name;
    }

    /** Creates a STANDARD state machine with a fresh name; returns its ARN. */
    String machine(String prefix, String definition) {
        return client.createStateMachine(b -> b.name(unique(prefix)).definition(definition).roleArn(ROLE)
                .type(StateMachineType.STANDARD)).stateMachineArn();
    }

    /** Creates a STANDARD state machine with exactly this name (mock configurations key on it). */
    String machineNamed(String name, String definition) {
        return client.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
    }

    String start(String stateMachineArn, String input) {
        return client.startExecution(b -> b.stateMachineArn(stateMachineArn).input(input)).executionArn();
    }

    String start(String stateMachineArn, String name, String input) {
        return client.startExecution(b -> b.stateMachineArn(stateMachineArn).name(name).input(input)).executionArn();
    }

    DescribeExecutionResponse describe(String executionArn) {
        return client.describeExecution(b -> b.executionArn(executionArn));
    }

    /** Waits until the execution is no longer RUNNING and returns its description. */
    DescribeExecutionResponse awaitClosed(String executionArn) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> describe(executionArn), d -> d.status() != ExecutionStatus.RUNNING);
    }

    /** Starts, waits and checks the final status. */
    DescribeExecutionResponse run(String stateMachineArn, String input, ExecutionStatus expected) {
        DescribeExecutionResponse done = awaitClosed(start(stateMachineArn, input));
        assertThat(done.status()).as("status of %s (error %s, cause %s)", done.executionArn(), done.error(), done.cause())
                .isEqualTo(expected);
        return done;
    }

    /** The full history, ascending, every page. */
    List<HistoryEvent> history(String executionArn) {
        List<HistoryEvent> all = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            GetExecutionHistoryResponse page = client.getExecutionHistory(b -> b.executionArn(executionArn)
                    .maxResults(1000).nextToken(t));
            all.addAll(page.events());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    /** Waits until the history holds an event of {@code type}; returns the first such event. */
    HistoryEvent awaitEvent(String executionArn, String type) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> history(executionArn).stream().filter(e -> e.typeAsString().equals(type)).findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** Waits until the history holds {@code count} events of {@code type}. */
    List<HistoryEvent> awaitEvents(String executionArn, String type, int count) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> history(executionArn).stream().filter(e -> e.typeAsString().equals(type)).toList(),
                        l -> l.size() >= count);
    }

    /**
     * A server whose Task states resolve through the given Step Functions Local mock configuration
     * (and {@code lambdaEndpoint}, may be null); data and the mock file live under {@code dir}.
     */
    static TestServer withMocks(java.nio.file.Path dir, String mockConfig, java.net.URI lambdaEndpoint) {
        try {
            java.nio.file.Path file = dir.resolve("MockConfigFile.json");
            java.nio.file.Files.writeString(file, mockConfig);
            java.nio.file.Path data = java.nio.file.Files.createDirectories(dir.resolve("data"));
            return TestServer.with(dev.stepline.server.ServerConfig.defaults().withDataDir(data)
                    .withTasks(file, lambdaEndpoint));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void advance(Duration amount) {
        server.server().clock().advance(amount);
    }

    /** "id type prev" per event, e.g. {@code "2 PassStateEntered 0"}. */
    static List<String> shape(List<HistoryEvent> events) {
        return events.stream().map(e -> e.id() + " " + e.typeAsString() + " " + e.previousEventId()).toList();
    }

    /** The event types in order. */
    static List<String> types(List<HistoryEvent> events) {
        return events.stream().map(HistoryEvent::typeAsString).toList();
    }

    /** Ids are 1..n without gaps, in order. */
    static void assertGapless(List<HistoryEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).id()).as("event #%d of %s", i, shape(events)).isEqualTo(i + 1L);
        }
    }

    static HistoryEvent first(List<HistoryEvent> events, String type) {
        return events.stream().filter(e -> e.typeAsString().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + shape(events)));
    }

    static HistoryEvent last(List<HistoryEvent> events) {
        return events.get(events.size() - 1);
    }
}
