package dev.stepline.sfn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineAliasListItem;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** Versions behind weighted aliases: routing, executions through version and alias ARNs, listing (spec §4.1, §4.5, §4.11). */
class AliasTest {
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

    static String definition(String result) {
        return "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Result\": \"" + result + "\", \"End\": true}}}";
    }

    record Machine(String arn, String v1, String v2) {}

    static Machine twoVersions(String prefix) {
        String name = Sfn.unique(prefix);
        var created = sfn.client.createStateMachine(b -> b.name(name).roleArn(Sfn.ROLE).definition(definition("one"))
                .publish(true));
        String v2 = sfn.client.updateStateMachine(b -> b.stateMachineArn(created.stateMachineArn())
                .definition(definition("two")).publish(true)).stateMachineVersionArn();
        return new Machine(created.stateMachineArn(), created.stateMachineVersionArn(), v2);
    }

    static RoutingConfigurationListItem route(String version, int weight) {
        return RoutingConfigurationListItem.builder().stateMachineVersionArn(version).weight(weight).build();
    }

    @Test
    void executionsThroughAWeightedAliasRecordVersionAndAlias() {
        Machine m = twoVersions("alias-routing");
        assertThat(m.v1()).isEqualTo(m.arn() + ":1");
        assertThat(m.v2()).isEqualTo(m.arn() + ":2");
        var alias = sfn.client.createStateMachineAlias(b -> b.name("PROD").description("production")
                .routingConfiguration(route(m.v1(), 100), route(m.v2(), 0)));
        assertThat(alias.stateMachineAliasArn()).isEqualTo(m.arn() + ":PROD");

        DescribeExecutionResponse first = sfn.awaitClosed(sfn.start(alias.stateMachineAliasArn(), "{}"));
        assertThat(first.output()).isEqualTo("\"one\"");
        assertThat(first.stateMachineArn()).isEqualTo(m.arn());
        assertThat(first.stateMachineAliasArn()).isEqualTo(alias.stateMachineAliasArn());
        assertThat(first.stateMachineVersionArn()).isEqualTo(m.v1());
        assertThat(first.executionArn()).startsWith(Sfn.executionArn(m.arn().substring(m.arn().lastIndexOf(':') + 1), ""));
        var started = sfn.history(first.executionArn()).getFirst().executionStartedEventDetails();
        assertThat(started.stateMachineAliasArn()).isEqualTo(alias.stateMachineAliasArn());
        assertThat(started.stateMachineVersionArn()).isEqualTo(m.v1());

        sfn.client.updateStateMachineAlias(b -> b.stateMachineAliasArn(alias.stateMachineAliasArn())
                .routingConfiguration(route(m.v1(), 50), route(m.v2(), 50)));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 40 && seen.size() < 2; i++) {
            seen.add(sfn.awaitClosed(sfn.start(alias.stateMachineAliasArn(), "{}")).stateMachineVersionArn());
        }
        assertThat(seen).as("50/50 routing reaches both versions").containsExactlyInAnyOrder(m.v1(), m.v2());

        DescribeExecutionResponse byVersion = sfn.awaitClosed(sfn.start(m.v2(), "{}"));
        assertThat(byVersion.output()).isEqualTo("\"two\"");
        assertThat(byVersion.stateMachineVersionArn()).isEqualTo(m.v2());
        assertThat(byVersion.stateMachineAliasArn()).isNull();
        DescribeExecutionResponse latest = sfn.awaitClosed(sfn.start(m.arn(), "{}"));
        assertThat(latest.stateMachineVersionArn()).isNull();

        List<ExecutionListItem> viaAlias = sfn.client.listExecutions(b -> b.stateMachineArn(alias.stateMachineAliasArn()))
                .executions();
        assertThat(viaAlias).allSatisfy(e -> assertThat(e.stateMachineAliasArn()).isEqualTo(alias.stateMachineAliasArn()));
        List<ExecutionListItem> viaV2 = sfn.client.listExecutions(b -> b.stateMachineArn(m.v2())).executions();
        assertThat(viaV2).allSatisfy(e -> assertThat(e.stateMachineVersionArn()).isEqualTo(m.v2()));
        assertThat(viaV2).extracting(ExecutionListItem::executionArn).contains(byVersion.executionArn());
        List<ExecutionListItem> all = sfn.client.listExecutions(b -> b.stateMachineArn(m.arn())).executions();
        assertThat(all).hasSize(viaAlias.size() + 2);
        assertThat(all.getFirst().executionArn()).as("newest first").isEqualTo(latest.executionArn());
        assertThat(all).allSatisfy(e -> assertThat(e.stateMachineArn()).isEqualTo(m.arn()));
    }

    @Test
    void aliasLifecycleListingAndVersionProtection() {
        Machine m = twoVersions("alias-life");
        var a = sfn.client.createStateMachineAlias(b -> b.name("blue").routingConfiguration(route(m.v1(), 100)));
        var again = sfn.client.createStateMachineAlias(b -> b.name("blue").routingConfiguration(route(m.v1(), 100)));
        assertThat(again.stateMachineAliasArn()).isEqualTo(a.stateMachineAliasArn());
        assertThat(again.creationDate()).as("idempotent").isEqualTo(a.creationDate());
        assertThatThrownBy(() -> sfn.client.createStateMachineAlias(b -> b.name("blue")
                .routingConfiguration(route(m.v2(), 100))))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("Failed to create alias because an alias with the same name and a different "
                        + "routing configuration already exists.");
        var green = sfn.client.createStateMachineAlias(b -> b.name("green")
                .routingConfiguration(route(m.v1(), 30), route(m.v2(), 70)));

        var described = sfn.client.describeStateMachineAlias(b -> b.stateMachineAliasArn(green.stateMachineAliasArn()));
        assertThat(described.name()).isEqualTo("green");
        assertThat(described.routingConfiguration()).containsExactly(route(m.v1(), 30), route(m.v2(), 70));
        assertThat(described.creationDate()).isNotNull();
        assertThat(described.updateDate()).isNotNull();

        assertThat(sfn.client.listStateMachineAliases(b -> b.stateMachineArn(m.arn())).stateMachineAliases())
                .extracting(StateMachineAliasListItem::stateMachineAliasArn)
                .containsExactly(a.stateMachineAliasArn(), green.stateMachineAliasArn());
        assertThat(sfn.client.listStateMachineAliases(b -> b.stateMachineArn(m.v2())).stateMachineAliases())
                .extracting(StateMachineAliasListItem::stateMachineAliasArn)
                .containsExactly(green.stateMachineAliasArn());

        assertThatThrownBy(() -> sfn.client.deleteStateMachineVersion(b -> b.stateMachineVersionArn(m.v1())))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("Version to be deleted must not be referenced by an alias. Current list of "
                        + "aliases referencing this version: [blue, green]");
        sfn.client.deleteStateMachineAlias(b -> b.stateMachineAliasArn(green.stateMachineAliasArn()));
        sfn.client.deleteStateMachineAlias(b -> b.stateMachineAliasArn(green.stateMachineAliasArn()));
        sfn.client.deleteStateMachineVersion(b -> b.stateMachineVersionArn(m.v2()));
        assertThatThrownBy(() -> sfn.client.describeStateMachineAlias(b -> b.stateMachineAliasArn(green.stateMachineAliasArn())))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Request references a resource that does not exist.");
        assertThatThrownBy(() -> sfn.client.updateStateMachineAlias(b -> b.stateMachineAliasArn(green.stateMachineAliasArn())
                .description("x")))
                .isInstanceOf(ResourceNotFoundException.class);

        sfn.client.deleteStateMachine(b -> b.stateMachineArn(m.arn()));
        assertThatThrownBy(() -> sfn.client.describeStateMachineAlias(b -> b.stateMachineAliasArn(a.stateMachineAliasArn())))
                .as("aliases go with their machine").isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void routingConfigurationsAreValidatedAsAwsDoes() {
        Machine m = twoVersions("alias-invalid");
        assertThatThrownBy(() -> sfn.client.createStateMachineAlias(b -> b.name("a")
                .routingConfiguration(route(m.v1(), 70), route(m.v2(), 29))))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Sum of routing configuration weights must equal 100. Received: [70, 29]");
        assertThatThrownBy(() -> sfn.client.createStateMachineAlias(b -> b.name("a")
                .routingConfiguration(route(m.arn(), 100))))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Routing configuration must contain state machine version ARNs. Received: ["
                        + m.arn() + "]");
        assertThatThrownBy(() -> sfn.client.createStateMachineAlias(b -> b.name("a")
                .routingConfiguration(route(m.v1(), 50), route(m.v1(), 50))))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Routing configuration must contain distinct state machine version ARNs.");
        assertThatThrownBy(() -> sfn.client.createStateMachineAlias(b -> b.name("123")
                .routingConfiguration(route(m.v1(), 100))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Value '123' at 'name' failed to satisfy constraint: Member must satisfy regular "
                        + "expression pattern");
        assertThatThrownBy(() -> sfn.client.createStateMachineAlias(b -> b.name("a")
                .routingConfiguration(route(m.v1(), 50), route(m.v2(), 40), route(m.arn() + ":3", 10))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at 'routingConfiguration' failed to satisfy constraint: Member must have length "
                        + "less than or equal to 2");
        assertThatThrownBy(() -> sfn.client.createStateMachineAlias(b -> b.name("a")
                .routingConfiguration(route(m.arn() + ":9", 100))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sfn.client.startExecution(b -> b.stateMachineArn(m.arn() + ":nope")))
                .isInstanceOf(SfnException.class)
                .hasMessageStartingWith("State Machine Does Not Exist: '" + m.arn() + ":nope'");
        assertThat(sfn.run(m.v1(), "{}", ExecutionStatus.SUCCEEDED).output()).isEqualTo("\"one\"");
    }
}
