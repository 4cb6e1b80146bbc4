package dev.stepline.sfn.api;

import static dev.stepline.sfn.api.StateMachinesTest.PASS;
import static dev.stepline.sfn.api.StateMachinesTest.PASS_SPACED;
import static dev.stepline.sfn.api.StateMachinesTest.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;
import software.amazon.awssdk.services.sfn.model.Tag;

/** A representative subset of the state machine behaviour, on the PostgreSQL store. */
class StateMachinesPostgresTest {
    static TestServer server;
    static SfnClient sfn;

    @BeforeAll
    static void start() {
        server = TestServer.postgres();
        sfn = server.sfn();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void lifecycleWithVersionsOnPostgres() throws Exception {
        String arn = sfn.createStateMachine(b -> b.name("pg").definition(PASS).roleArn(ROLE).publish(true)
                .tags(Tag.builder().key("k").value("v").build())).stateMachineArn();
        assertThat(sfn.createStateMachine(b -> b.name("pg").definition(PASS).roleArn(ROLE).publish(true))
                .stateMachineVersionArn()).isEqualTo(arn + ":1");
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("pg").definition(PASS_SPACED).roleArn(ROLE).publish(true)))
                .isInstanceOf(StateMachineAlreadyExistsException.class);

        String revision = sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS_SPACED).publish(true)).revisionId();
        assertThat(revision).isNotNull();
        assertThat(sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn).revisionId(revision)).stateMachineVersionArn())
                .isEqualTo(arn + ":2");
        sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(arn + ":2"));
        sfn.updateStateMachine(b -> b.stateMachineArn(arn).roleArn(ROLE + "x"));
        assertThat(sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn)).stateMachineVersionArn()).isEqualTo(arn + ":3");

        server.restart();
        sfn = server.sfn();
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition()).isEqualTo(PASS_SPACED);
        assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(arn)).stateMachineVersions())
                .extracting(StateMachineVersionListItem::stateMachineVersionArn).containsExactly(arn + ":3", arn + ":1");

        sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":1")))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(arn)).stateMachineVersions()).isEmpty();
    }

    @Test
    void listPagesAndIsolationOnPostgres() {
        SfnClient other = server.sfn("444444444444", "ap-south-1");
        for (int i = 0; i < 12; i++) {
            int n = i;
            other.createStateMachine(b -> b.name("pg-" + String.format("%02d", n)).definition(PASS).roleArn(ROLE)
                    .type(StateMachineType.EXPRESS));
        }
        List<String> names = other.listStateMachinesPaginator(b -> b.maxResults(5)).stateMachines().stream()
                .map(StateMachineListItem::name).toList();
        assertThat(names).hasSize(12).isSorted();
        assertThat(server.sfn("444444444444", "us-east-1").listStateMachines().stateMachines()).isEmpty();
    }
}
