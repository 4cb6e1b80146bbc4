package dev.stepline.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.CreateActivityResponse;
import software.amazon.awssdk.services.sfn.model.DescribeActivityResponse;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListActivitiesResponse;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TooManyTagsException;

class ActivitiesTest {
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

    @Test
    void createDescribeAndIdempotentCreate() {
        CreateActivityResponse created = sfn.createActivity(b -> b.name("worker.v2").tags(Tag.builder().key("team").value("a").build()));
        assertThat(created.activityArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:activity:worker.v2");

        DescribeActivityResponse described = sfn.describeActivity(b -> b.activityArn(created.activityArn()));
        assertThat(described.name()).isEqualTo("worker.v2");
        assertThat(described.creationDate()).isEqualTo(created.creationDate());
        assertThat(described.encryptionConfiguration().typeAsString()).isEqualTo("AWS_OWNED_KEY");

        CreateActivityResponse again = sfn.createActivity(b -> b.name("worker.v2").tags(Tag.builder().key("team").value("b").build()));
        assertThat(again.activityArn()).isEqualTo(created.activityArn());
        assertThat(again.creationDate()).isEqualTo(created.creationDate());
        assertThat(sfn.listTagsForResource(b -> b.resourceArn(created.activityArn())).tags())
                .as("an idempotent create does not touch tags")
                .containsExactly(Tag.builder().key("team").value("a").build());
    }

    @Test
    void badNamesAndArnsGetTheModelledErrors() {
        assertThatThrownBy(() -> sfn.createActivity(b -> b.name("has space")))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageStartingWith("Invalid Name: 'has space'");
        assertThatThrownBy(() -> sfn.createActivity(b -> b.name("a".repeat(81))))
                .isInstanceOf(SfnException.class)
                .hasMessageStartingWith("1 validation error detected: Value '" + "a".repeat(81)
                        + "' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80")
                .extracting(e -> ((SfnException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThatThrownBy(() -> sfn.describeActivity(b -> b.activityArn("not-an-arn")))
                .isInstanceOf(InvalidArnException.class)
                .hasMessageStartingWith("Invalid Arn: 'Invalid ARN prefix: not-an-arn'");
        assertThatThrownBy(() -> sfn.describeActivity(b -> b.activityArn("arn:aws:states:us-east-1:123456789012:stateMachine:x")))
                .isInstanceOf(InvalidArnException.class)
                .hasMessageStartingWith("Invalid Arn: 'Resource type not valid in this context: stateMachine'");
        assertThatThrownBy(() -> sfn.describeActivity(b -> b.activityArn("arn:aws:states:us-east-1:123456789012:activity:none")))
                .isInstanceOf(ActivityDoesNotExistException.class)
                .hasMessageStartingWith("Activity Does Not Exist: 'arn:aws:states:us-east-1:123456789012:activity:none'");
        assertThatThrownBy(() -> sfn.listActivities(b -> b.maxResults(1001)))
                .hasMessageStartingWith("1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 1000");
    }

    @Test
    void paginationWalksEveryPageAndRejectsForeignTokens() {
        SfnClient other = server.sfn("222222222222", "eu-west-1");
        for (int i = 0; i < 25; i++) {
            int n = i;
            other.createActivity(b -> b.name("page-" + String.format("%02d", n)));
        }
        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListActivitiesResponse page = other.listActivities(b -> b.maxResults(10).nextToken(t));
            page.activities().stream().map(ActivityListItem::name).forEach(names::add);
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(names).hasSize(25).isSorted().first().isEqualTo("page-00");
        assertThat(other.listActivitiesPaginator(b -> b.maxResults(7)).activities()).hasSize(25);

        assertThat(other.listActivities(b -> b.maxResults(0)).activities()).as("0 means the default of 100").hasSize(25);
        assertThatThrownBy(() -> other.listActivities(b -> b.nextToken("garbage")))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("Invalid Token: 'Invalid token'");
    }

    @Test
    void accountsAndRegionsAreIsolated() {
        SfnClient a = server.sfn("111111111111", "us-east-1");
        SfnClient b = server.sfn("333333333333", "us-east-1");
        SfnClient aWest = server.sfn("111111111111", "us-west-2");
        String arn = a.createActivity(r -> r.name("private")).activityArn();
        assertThat(arn).contains(":111111111111:");
        assertThat(b.listActivities().activities()).extracting(ActivityListItem::name).doesNotContain("private");
        assertThat(aWest.listActivities().activities()).isEmpty();
        assertThatThrownBy(() -> b.describeActivity(r -> r.activityArn(arn))).isInstanceOf(ActivityDoesNotExistException.class);
        assertThatThrownBy(() -> b.listTagsForResource(r -> r.resourceArn(arn))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void tagsAddReplaceRemoveAndLimit() {
        String arn = sfn.createActivity(b -> b.name("tagged")).activityArn();
        sfn.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("k1").value("v1").build(), Tag.builder().key("k2").value("v2").build()));
        sfn.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("k1").value("v9").build()));
        sfn.untagResource(b -> b.resourceArn(arn).tagKeys("k2"));
        assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags()).containsExactly(Tag.builder().key("k1").value("v9").build());

        List<Tag> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(Tag.builder().key("t" + i).value("v").build());
        }
        assertThatThrownBy(() -> sfn.tagResource(b -> b.resourceArn(arn).tags(many))).isInstanceOf(TooManyTagsException.class);
        assertThatThrownBy(() -> sfn.listTagsForResource(b -> b.resourceArn("arn:aws:states:us-east-1:123456789012:activity:ghost")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deleteIsIdempotentAndActivitiesSurviveRestart() throws Exception {
        String kept = sfn.createActivity(b -> b.name("kept")).activityArn();
        String gone = sfn.createActivity(b -> b.name("gone")).activityArn();
        sfn.deleteActivity(b -> b.activityArn(gone));
        sfn.deleteActivity(b -> b.activityArn(gone));

        server.restart();
        SfnClient after = server.sfn();
        assertThat(after.describeActivity(b -> b.activityArn(kept)).name()).isEqualTo("kept");
        assertThatThrownBy(() -> after.describeActivity(b -> b.activityArn(gone))).isInstanceOf(ActivityDoesNotExistException.class);
        sfn = after;
    }
}
