package dev.stepline.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.sfn.asl.AslParser;
import dev.stepline.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CloudWatchLogsLogGroup;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.EncryptionType;
import software.amazon.awssdk.services.sfn.model.IncludedData;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidLoggingConfigurationException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.LogDestination;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TooManyTagsException;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

class StateMachinesTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/sfn";
    static final String PASS = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
    static final String PASS_SPACED = "{\n  \"StartAt\": \"P\",\n  \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}\n}";
    static final String WAIT_FOR_TOKEN = "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Task\",\"End\":true,"
            + "\"Resource\":\"arn:aws:states:::sqs:sendMessage.waitForTaskToken\"}}}";
    static final String ARN_PREFIX = "arn:aws:states:us-east-1:123456789012:stateMachine:";

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

    static CreateStateMachineResponse create(SfnClient client, String name, String definition) {
        return client.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE));
    }

    static String errorCode(Throwable e) {
        return ((SfnException) e).awsErrorDetails().errorCode();
    }

    @Test
    void createAndDescribeStandardWithDefaults() {
        CreateStateMachineResponse created = create(sfn, "hello", PASS_SPACED);
        assertThat(created.stateMachineArn()).isEqualTo(ARN_PREFIX + "hello");
        assertThat(created.creationDate()).isNotNull();
        assertThat(created.stateMachineVersionArn()).isNull();

        DescribeStateMachineResponse d = sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));
        assertThat(d.stateMachineArn()).isEqualTo(created.stateMachineArn());
        assertThat(d.name()).isEqualTo("hello");
        assertThat(d.status()).isEqualTo(StateMachineStatus.ACTIVE);
        assertThat(d.definition()).as("kept exactly as sent").isEqualTo(PASS_SPACED);
        assertThat(d.roleArn()).isEqualTo(ROLE);
        assertThat(d.type()).isEqualTo(StateMachineType.STANDARD);
        assertThat(d.creationDate()).isEqualTo(created.creationDate());
        assertThat(d.loggingConfiguration().level()).isEqualTo(LogLevel.OFF);
        assertThat(d.loggingConfiguration().includeExecutionData()).isFalse();
        assertThat(d.loggingConfiguration().hasDestinations()).isFalse();
        assertThat(d.tracingConfiguration().enabled()).isFalse();
        assertThat(d.encryptionConfiguration().type()).isEqualTo(EncryptionType.AWS_OWNED_KEY);
        assertThat(d.revisionId()).as("no revision before the first update").isNull();
        assertThat(d.description()).isNull();

        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn())
                .includedData(IncludedData.METADATA_ONLY)).definition()).isEqualTo("{}");
    }

    @Test
    void expressMachinesRejectWaitForTaskToken() {
        String arn = sfn.createStateMachine(b -> b.name("express-1").definition(PASS).roleArn(ROLE)
                .type(StateMachineType.EXPRESS)).stateMachineArn();
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).type()).isEqualTo(StateMachineType.EXPRESS);

        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("express-2").definition(WAIT_FOR_TOKEN).roleArn(ROLE)
                .type(StateMachineType.EXPRESS)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine "
                        + "does not support '.waitForTaskToken' service integration  at /States/S/Resource'");
        assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(WAIT_FOR_TOKEN)))
                .as("an update is checked against the machine's type")
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("'.waitForTaskToken' service integration  at /States/S/Resource");
        assertThat(create(sfn, "standard-callback", WAIT_FOR_TOKEN).stateMachineArn()).endsWith(":standard-callback");
    }

    @Test
    void createIsIdempotentOnNameAndConfiguration() {
        CreateStateMachineResponse first = sfn.createStateMachine(b -> b.name("idem").definition(PASS).roleArn(ROLE)
                .tags(Tag.builder().key("team").value("a").build()));
        CreateStateMachineResponse again = sfn.createStateMachine(b -> b.name("idem").definition(PASS)
                .roleArn("arn:aws:iam::123456789012:role/other").tags(Tag.builder().key("team").value("b").build()));
        assertThat(again.stateMachineArn()).isEqualTo(first.stateMachineArn());
        assertThat(again.creationDate()).isEqualTo(first.creationDate());
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(first.stateMachineArn())).roleArn())
                .as("a different roleArn is ignored, not applied").isEqualTo(ROLE);
        assertThat(sfn.listTagsForResource(b -> b.resourceArn(first.stateMachineArn())).tags())
                .containsExactly(Tag.builder().key("team").value("a").build());

        String exists = "State Machine Already Exists: '" + ARN_PREFIX + "idem'";
        assertThatThrownBy(() -> create(sfn, "idem", PASS_SPACED))
                .as("a reformatted definition is a different definition")
                .isInstanceOf(StateMachineAlreadyExistsException.class).hasMessageStartingWith(exists);
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("idem").definition(PASS).roleArn(ROLE)
                .type(StateMachineType.EXPRESS)))
                .isInstanceOf(StateMachineAlreadyExistsException.class).hasMessageStartingWith(exists);
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("idem").definition(PASS).roleArn(ROLE)
                .tracingConfiguration(t -> t.enabled(true))))
                .isInstanceOf(StateMachineAlreadyExistsException.class).hasMessageStartingWith(exists);
        assertThat(sfn.createStateMachine(b -> b.name("idem").definition(PASS).roleArn(ROLE)
                .loggingConfiguration(l -> l.level(LogLevel.OFF)).tracingConfiguration(t -> t.enabled(false))
                .encryptionConfiguration(e -> e.type(EncryptionType.AWS_OWNED_KEY))).stateMachineArn())
                .as("explicit defaults equal omitted ones").isEqualTo(first.stateMachineArn());
    }

    @Test
    void createRejectsBadInputWithAwsErrors() {
        assertThatThrownBy(() -> create(sfn, "has space", PASS))
                .isInstanceOf(InvalidNameException.class).hasMessageStartingWith("Invalid Name: 'has space'");
        assertThatThrownBy(() -> create(sfn, "a:b", PASS))
                .isInstanceOf(InvalidNameException.class).hasMessageStartingWith("Invalid Name: 'a:b'");
        assertThatThrownBy(() -> create(sfn, "n".repeat(81), PASS))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value '" + "n".repeat(81)
                        + "' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80");
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("no-role").definition(PASS)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: "
                        + "Member must not be null");
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("bad-type").definition(PASS).roleArn(ROLE).type("PARALLEL")))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value 'PARALLEL' at 'type' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [STANDARD, EXPRESS]");
        assertThatThrownBy(() -> create(sfn, "bad-def", "{\"StartAt\":\"P\"}"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: "
                        + "[States] at /'");
        assertThatThrownBy(() -> create(sfn, "not-json", "not a definition"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: Unrecognized token 'not'");
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("desc").definition(PASS).roleArn(ROLE)
                .versionDescription("v1")))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Version description can only be set when publish is true");
        List<Tag> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(Tag.builder().key("k" + i).value("v").build());
        }
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("tags").definition(PASS).roleArn(ROLE).tags(many)))
                .isInstanceOf(TooManyTagsException.class)
                .hasMessageStartingWith("Too many tags. A resource can have at most 50 tags.");
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(ARN_PREFIX + "has space")))
                .isInstanceOf(StateMachineDoesNotExistException.class);
    }

    @Test
    void definitionsOverOneMebibyteAreInvalid() {
        String padded = "{\"Comment\":\"" + "x".repeat(AslParser.MAX_DEFINITION_LENGTH - PASS.length() - 13) + "\","
                + PASS.substring(1);
        assertThat(padded.length()).isEqualTo(AslParser.MAX_DEFINITION_LENGTH);
        assertThat(create(sfn, "largest", padded).stateMachineArn()).endsWith(":largest");
        String over = "{\"Comment\":\"x" + padded.substring("{\"Comment\":\"".length());
        assertThatThrownBy(() -> create(sfn, "too-large", over))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED:");
    }

    @Test
    void loggingTracingAndEncryptionAreKeptAndChecked() {
        String group = "arn:aws:logs:us-east-1:123456789012:log-group:sfn:*";
        LogDestination destination = LogDestination.builder()
                .cloudWatchLogsLogGroup(CloudWatchLogsLogGroup.builder().logGroupArn(group).build()).build();
        String arn = sfn.createStateMachine(b -> b.name("logged").definition(PASS).roleArn(ROLE)
                .loggingConfiguration(l -> l.level(LogLevel.ERROR).includeExecutionData(true).destinations(destination))
                .tracingConfiguration(t -> t.enabled(true))
                .encryptionConfiguration(e -> e.type(EncryptionType.CUSTOMER_MANAGED_KMS_KEY).kmsKeyId("alias/mine")
                        .kmsDataKeyReusePeriodSeconds(120))).stateMachineArn();
        DescribeStateMachineResponse d = sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(d.loggingConfiguration().level()).isEqualTo(LogLevel.ERROR);
        assertThat(d.loggingConfiguration().includeExecutionData()).isTrue();
        assertThat(d.loggingConfiguration().destinations()).containsExactly(destination);
        assertThat(d.tracingConfiguration().enabled()).isTrue();
        assertThat(d.encryptionConfiguration().type()).isEqualTo(EncryptionType.CUSTOMER_MANAGED_KMS_KEY);
        assertThat(d.encryptionConfiguration().kmsKeyId()).isEqualTo("alias/mine");
        assertThat(d.encryptionConfiguration().kmsDataKeyReusePeriodSeconds()).isEqualTo(120);

        String exactlyOne = "Invalid Logging Configuration: Must specify exactly one Log Destination.";
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("log-1").definition(PASS).roleArn(ROLE)
                .loggingConfiguration(l -> l.level(LogLevel.ALL))))
                .isInstanceOf(InvalidLoggingConfigurationException.class).hasMessageStartingWith(exactlyOne);
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("log-2").definition(PASS).roleArn(ROLE)
                .loggingConfiguration(l -> l.level(LogLevel.FATAL).destinations(destination, destination))))
                .isInstanceOf(InvalidLoggingConfigurationException.class).hasMessageStartingWith(exactlyOne);
        assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn(arn)
                .loggingConfiguration(l -> l.level(LogLevel.ALL))))
                .isInstanceOf(InvalidLoggingConfigurationException.class).hasMessageStartingWith(exactlyOne);
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("log-3").definition(PASS).roleArn(ROLE)
                .loggingConfiguration(l -> l.level("VERBOSE"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value 'VERBOSE' at 'loggingConfiguration.level' failed "
                        + "to satisfy constraint: Member must satisfy enum value set: [ALL, ERROR, FATAL, OFF]");
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("enc").definition(PASS).roleArn(ROLE)
                .encryptionConfiguration(e -> e.type(EncryptionType.CUSTOMER_MANAGED_KMS_KEY).kmsDataKeyReusePeriodSeconds(30))))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value '30' at 'encryptionConfiguration.kmsDataKeyReusePeriodSeconds' "
                        + "failed to satisfy constraint: Member must have value greater than or equal to 60");

        UpdateStateMachineResponse level = sfn.updateStateMachine(b -> b.stateMachineArn(arn)
                .loggingConfiguration(l -> l.level(LogLevel.FATAL).includeExecutionData(true).destinations(destination)));
        assertThat(level.revisionId()).isNotNull();
        UpdateStateMachineResponse same = sfn.updateStateMachine(b -> b.stateMachineArn(arn)
                .loggingConfiguration(l -> l.level(LogLevel.FATAL).includeExecutionData(true).destinations(destination)));
        assertThat(same.revisionId()).as("an update that changes nothing keeps the revision").isEqualTo(level.revisionId());
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).loggingConfiguration().level()).isEqualTo(LogLevel.FATAL);
    }

    @Test
    void describeChecksArnsThenExistence() {
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn("not-an-arn")))
                .isInstanceOf(InvalidArnException.class)
                .hasMessageStartingWith("Invalid Arn: 'Invalid ARN prefix: not-an-arn'");
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn("arn:aws:states:us-east-1:123456789012:activity:a")))
                .isInstanceOf(InvalidArnException.class)
                .hasMessageStartingWith("Invalid Arn: 'Resource type not valid in this context: activity'");
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(ARN_PREFIX + "ghost")))
                .isInstanceOf(StateMachineDoesNotExistException.class)
                .hasMessageStartingWith("State Machine Does Not Exist: '" + ARN_PREFIX + "ghost'");
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:x")
                .includedData("SOME")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Member must satisfy enum value set: [ALL_DATA, METADATA_ONLY]");
    }

    @Test
    void updateChangesTheRevisionOnlyWhenSomethingChanges() {
        String arn = create(sfn, "updatable", PASS).stateMachineArn();
        assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn(arn)))
                .isInstanceOf(MissingRequiredParameterException.class)
                .hasMessageStartingWith("Either the definition, the role ARN, the LoggingConfiguration, or the "
                        + "TracingConfiguration must be specified");

        UpdateStateMachineResponse unchanged = sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS));
        assertThat(unchanged.revisionId()).as("same definition: still no revision").isNull();
        assertThat(unchanged.updateDate()).isNotNull();

        UpdateStateMachineResponse first = sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS_SPACED));
        assertThat(first.revisionId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        DescribeStateMachineResponse d = sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(d.definition()).isEqualTo(PASS_SPACED);
        assertThat(d.revisionId()).isEqualTo(first.revisionId());
        assertThat(d.roleArn()).isEqualTo(ROLE);

        assertThat(sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS_SPACED).roleArn(ROLE)).revisionId())
                .isEqualTo(first.revisionId());
        UpdateStateMachineResponse role = sfn.updateStateMachine(b -> b.stateMachineArn(arn)
                .roleArn("arn:aws:iam::123456789012:role/new"));
        assertThat(role.revisionId()).isNotEqualTo(first.revisionId());
        UpdateStateMachineResponse tracing = sfn.updateStateMachine(b -> b.stateMachineArn(arn)
                .tracingConfiguration(t -> t.enabled(true)));
        assertThat(tracing.revisionId()).isNotEqualTo(role.revisionId());

        assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition("{\"StartAt\":\"Missing\","
                + "\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Invalid State Machine Definition: '");
        DescribeStateMachineResponse after = sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(after.definition()).as("a rejected update changes nothing").isEqualTo(PASS_SPACED);
        assertThat(after.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/new");
        assertThat(after.tracingConfiguration().enabled()).isTrue();
        assertThat(after.revisionId()).isEqualTo(tracing.revisionId());
        assertThat(after.type()).isEqualTo(StateMachineType.STANDARD);

        assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn(ARN_PREFIX + "ghost").definition(PASS)))
                .isInstanceOf(StateMachineDoesNotExistException.class)
                .hasMessageStartingWith("State Machine Does Not Exist: '" + ARN_PREFIX + "ghost'");
        assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS).versionDescription("d")))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Version description can only be set when publish is true");
        assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn("bad").definition(PASS)))
                .isInstanceOf(InvalidArnException.class).hasMessageStartingWith("Invalid Arn: 'Invalid ARN prefix: bad'");
    }

    @Test
    void deleteRemovesTheMachineAndItsTagsAndIsIdempotent() {
        String arn = sfn.createStateMachine(b -> b.name("doomed").definition(PASS).roleArn(ROLE)
                .tags(Tag.builder().key("k").value("v").build())).stateMachineArn();
        sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(arn)))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.listTagsForResource(b -> b.resourceArn(arn))).isInstanceOf(ResourceNotFoundException.class);
        sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        sfn.deleteStateMachine(b -> b.stateMachineArn(ARN_PREFIX + "never-existed"));
        assertThatThrownBy(() -> sfn.deleteStateMachine(b -> b.stateMachineArn("arn:aws:states:us-east-1:123456789012:activity:x")))
                .isInstanceOf(InvalidArnException.class)
                .hasMessageStartingWith("Invalid Arn: 'Resource type not valid in this context: activity'");

        CreateStateMachineResponse again = create(sfn, "doomed", PASS_SPACED);
        assertThat(again.stateMachineArn()).as("the name is free again").isEqualTo(arn);
        assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags()).isEmpty();
    }

    @Test
    void listPagesThroughEveryMachineInNameOrder() {
        SfnClient other = server.sfn("222222222222", "eu-west-1");
        for (int i = 0; i < 25; i++) {
            int n = i;
            other.createStateMachine(b -> b.name(String.format("sm-%02d", n)).definition(PASS).roleArn(ROLE)
                    .type(n % 2 == 0 ? StateMachineType.STANDARD : StateMachineType.EXPRESS));
        }
        List<StateMachineListItem> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListStateMachinesResponse page = other.listStateMachines(b -> b.maxResults(10).nextToken(t));
            seen.addAll(page.stateMachines());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).extracting(StateMachineListItem::name).hasSize(25).isSorted().startsWith("sm-00", "sm-01");
        assertThat(seen.get(1).stateMachineArn()).isEqualTo("arn:aws:states:eu-west-1:222222222222:stateMachine:sm-01");
        assertThat(seen.get(1).type()).isEqualTo(StateMachineType.EXPRESS);
        assertThat(seen.get(0).type()).isEqualTo(StateMachineType.STANDARD);
        assertThat(seen.get(0).creationDate()).isNotNull();

        assertThat(other.listStateMachinesPaginator(b -> b.maxResults(7)).stateMachines()).hasSize(25);
        ListStateMachinesResponse all = other.listStateMachines(b -> b.maxResults(0));
        assertThat(all.stateMachines()).as("0 means the default of 100").hasSize(25);
        assertThat(all.nextToken()).isNull();
        assertThatThrownBy(() -> other.listStateMachines(b -> b.nextToken("garbage")))
                .isInstanceOf(InvalidTokenException.class).hasMessageStartingWith("Invalid Token: 'Invalid token'");
        other.createActivity(b -> b.name("a1"));
        other.createActivity(b -> b.name("a2"));
        String foreign = other.listActivities(b -> b.maxResults(1)).nextToken();
        assertThatThrownBy(() -> other.listStateMachines(b -> b.nextToken(foreign)))
                .as("a token of another operation").isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> other.listStateMachines(b -> b.maxResults(1001)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 1000");
    }

    @Test
    void accountsAndRegionsAreIsolated() {
        SfnClient a = server.sfn("111111111111", "us-east-1");
        SfnClient b = server.sfn("333333333333", "us-east-1");
        SfnClient aWest = server.sfn("111111111111", "us-west-2");
        String arn = create(a, "private", PASS).stateMachineArn();
        assertThat(arn).isEqualTo("arn:aws:states:us-east-1:111111111111:stateMachine:private");
        assertThat(create(b, "private", PASS_SPACED).stateMachineArn()).contains(":333333333333:");
        assertThat(aWest.listStateMachines().stateMachines()).isEmpty();
        assertThat(b.listStateMachines().stateMachines()).extracting(StateMachineListItem::stateMachineArn).doesNotContain(arn);
        assertThatThrownBy(() -> b.describeStateMachine(r -> r.stateMachineArn(arn))).isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> b.updateStateMachine(r -> r.stateMachineArn(arn).definition(PASS)))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        b.deleteStateMachine(r -> r.stateMachineArn(arn));
        assertThat(a.describeStateMachine(r -> r.stateMachineArn(arn)).definition()).as("not deleted by another account")
                .isEqualTo(PASS);
    }

    @Test
    void machinesSurviveRestart() throws Exception {
        String arn = sfn.createStateMachine(b -> b.name("durable").definition(PASS_SPACED).roleArn(ROLE)
                .type(StateMachineType.EXPRESS).tags(Tag.builder().key("k").value("v").build())).stateMachineArn();
        String revision = sfn.updateStateMachine(b -> b.stateMachineArn(arn).roleArn(ROLE + "2")).revisionId();
        server.restart();
        SfnClient after = server.sfn();
        DescribeStateMachineResponse d = after.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(d.definition()).isEqualTo(PASS_SPACED);
        assertThat(d.type()).isEqualTo(StateMachineType.EXPRESS);
        assertThat(d.revisionId()).isEqualTo(revision);
        assertThat(after.listTagsForResource(b -> b.resourceArn(arn)).tags()).containsExactly(Tag.builder().key("k").value("v").build());
        sfn = after;
    }
}
