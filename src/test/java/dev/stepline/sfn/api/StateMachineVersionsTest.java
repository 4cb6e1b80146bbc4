package dev.stepline.sfn.api;

import static dev.stepline.sfn.api.StateMachinesTest.PASS;
import static dev.stepline.sfn.api.StateMachinesTest.PASS_SPACED;
import static dev.stepline.sfn.api.StateMachinesTest.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListStateMachineVersionsResponse;
import software.amazon.awssdk.services.sfn.model.PublishStateMachineVersionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

class StateMachineVersionsTest {
    static TestServer server;
    static SfnClient sfn;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        sfn = server.sfn();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static List<String> versionArns(String machineArn) {
        return sfn.listStateMachineVersions(b -> b.stateMachineArn(machineArn)).stateMachineVersions().stream()
                .map(StateMachineVersionListItem::stateMachineVersionArn).toList();
    }

    @Test
    void createWithPublishMakesVersionOneAndStaysIdempotent() {
        CreateStateMachineResponse created = sfn.createStateMachine(b -> b.name("pub").definition(PASS).roleArn(ROLE)
                .publish(true).versionDescription("first"));
        String arn = created.stateMachineArn();
        assertThat(created.stateMachineVersionArn()).isEqualTo(arn + ":1");

        DescribeStateMachineResponse version = sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":1"));
        assertThat(version.stateMachineArn()).isEqualTo(arn + ":1");
        assertThat(version.name()).isEqualTo("pub");
        assertThat(version.definition()).isEqualTo(PASS);
        assertThat(version.description()).isEqualTo("first");
        assertThat(version.revisionId()).as("published from the initial revision").isNull();
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).description()).isNull();

        CreateStateMachineResponse again = sfn.createStateMachine(b -> b.name("pub").definition(PASS).roleArn(ROLE)
                .publish(true).versionDescription("first"));
        assertThat(again.stateMachineVersionArn()).isEqualTo(arn + ":1");
        assertThat(versionArns(arn)).containsExactly(arn + ":1");
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("pub").definition(PASS).roleArn(ROLE)))
                .as("publish is part of the idempotency check")
                .isInstanceOf(StateMachineAlreadyExistsException.class);
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("pub").definition(PASS).roleArn(ROLE)
                .publish(true).versionDescription("other")))
                .isInstanceOf(StateMachineAlreadyExistsException.class);
    }

    @Test
    void updateWithPublishAndPublishStateMachineVersion() {
        String arn = sfn.createStateMachine(b -> b.name("evolving").definition(PASS).roleArn(ROLE)).stateMachineArn();
        UpdateStateMachineResponse noChange = sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS).publish(true));
        assertThat(noChange.revisionId()).isNull();
        assertThat(noChange.stateMachineVersionArn()).isEqualTo(arn + ":1");
        assertThat(sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS).publish(true)).stateMachineVersionArn())
                .as("the current revision already has a version").isEqualTo(arn + ":1");
        assertThat(sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn).revisionId("INITIAL")).stateMachineVersionArn())
                .isEqualTo(arn + ":1");

        UpdateStateMachineResponse changed = sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS_SPACED)
                .publish(true).versionDescription("spaced"));
        assertThat(changed.stateMachineVersionArn()).isEqualTo(arn + ":2");
        DescribeStateMachineResponse v2 = sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":2"));
        assertThat(v2.revisionId()).isEqualTo(changed.revisionId());
        assertThat(v2.definition()).isEqualTo(PASS_SPACED);
        assertThat(v2.description()).isEqualTo("spaced");
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":1")).definition())
                .as("versions are immutable").isEqualTo(PASS);

        String r3 = sfn.updateStateMachine(b -> b.stateMachineArn(arn).roleArn(ROLE + "-3")).revisionId();
        assertThatThrownBy(() -> sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn).revisionId(changed.revisionId())))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("Failed to publish the State Machine version for revision " + changed.revisionId()
                        + ". The current State Machine revision is " + r3 + ".");
        PublishStateMachineVersionResponse v3 = sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn).revisionId(r3)
                .description("third"));
        assertThat(v3.stateMachineVersionArn()).isEqualTo(arn + ":3");
        assertThat(v3.creationDate()).isNotNull();
        PublishStateMachineVersionResponse same = sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn));
        assertThat(same.stateMachineVersionArn()).isEqualTo(arn + ":3");
        assertThat(same.creationDate()).isEqualTo(v3.creationDate());
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":3")).roleArn()).isEqualTo(ROLE + "-3");

        assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn(arn + ":3").definition(PASS)))
                .as("only the unqualified ARN can be updated")
                .isInstanceOf(StateMachineDoesNotExistException.class)
                .hasMessageStartingWith("State Machine Does Not Exist: '" + arn + ":3'");
        assertThatThrownBy(() -> sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn + "-ghost")))
                .isInstanceOf(StateMachineDoesNotExistException.class)
                .hasMessageStartingWith("State Machine Does Not Exist: '" + arn + "-ghost'");
        assertThatThrownBy(() -> sfn.publishStateMachineVersion(b -> b.stateMachineArn("nope")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn).description("d".repeat(257))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at 'description' failed to satisfy constraint: Member must have length less than or equal to 256");
    }

    @Test
    void versionsAreListedNewestFirstAndNumbersAreNeverReused() {
        String arn = sfn.createStateMachine(b -> b.name("numbered").definition(PASS).roleArn(ROLE).publish(true))
                .stateMachineArn();
        for (int i = 2; i <= 5; i++) {
            String definition = "{\"Comment\":\"" + i + "\"," + PASS.substring(1);
            sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(definition).publish(true));
        }
        assertThat(versionArns(arn)).containsExactly(arn + ":5", arn + ":4", arn + ":3", arn + ":2", arn + ":1");

        List<String> paged = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListStateMachineVersionsResponse page = sfn.listStateMachineVersions(b -> b.stateMachineArn(arn).maxResults(2).nextToken(t));
            assertThat(page.stateMachineVersions()).hasSizeLessThanOrEqualTo(2);
            page.stateMachineVersions().forEach(v -> paged.add(v.stateMachineVersionArn()));
            token = page.nextToken();
        } while (token != null);
        assertThat(paged).containsExactly(arn + ":5", arn + ":4", arn + ":3", arn + ":2", arn + ":1");
        String firstPageToken = sfn.listStateMachineVersions(b -> b.stateMachineArn(arn).maxResults(2)).nextToken();
        assertThatThrownBy(() -> sfn.listStateMachineVersions(b -> b.stateMachineArn(arn + "-other").nextToken(firstPageToken)))
                .as("a token is bound to its state machine")
                .isInstanceOf(InvalidTokenException.class).hasMessageStartingWith("Invalid Token: 'Invalid token'");

        sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(arn + ":5"));
        sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(arn + ":5"));
        sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(arn + ":99"));
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":5")))
                .isInstanceOf(StateMachineDoesNotExistException.class)
                .hasMessageStartingWith("State Machine Does Not Exist: '" + arn + ":5'");
        assertThat(sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn)).stateMachineVersionArn())
                .as("the deleted version's number is not handed out again").isEqualTo(arn + ":6");
        assertThatThrownBy(() -> sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn("arn:aws:states:us-east-1:123456789012:activity:x")))
                .isInstanceOf(InvalidArnException.class);
        assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(arn + "-unknown")).stateMachineVersions()).isEmpty();
    }

    @Test
    void deletingTheMachineDeletesItsVersions() throws Exception {
        String arn = sfn.createStateMachine(b -> b.name("parent").definition(PASS).roleArn(ROLE)
                .type(StateMachineType.EXPRESS).publish(true)).stateMachineArn();
        sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS_SPACED).publish(true));
        String sibling = sfn.createStateMachine(b -> b.name("parent-2").definition(PASS).roleArn(ROLE).publish(true))
                .stateMachineArn();

        server.restart();
        sfn = server.sfn();
        assertThat(versionArns(arn)).as("versions survive a restart").containsExactly(arn + ":2", arn + ":1");
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":1")).type()).isEqualTo(StateMachineType.EXPRESS);

        sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        assertThat(versionArns(arn)).isEmpty();
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":2")))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThat(versionArns(sibling)).as("a machine whose name extends the deleted one's keeps its versions")
                .containsExactly(sibling + ":1");
    }
}
