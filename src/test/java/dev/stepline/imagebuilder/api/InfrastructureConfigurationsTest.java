package dev.stepline.imagebuilder.api;

import static dev.stepline.imagebuilder.api.IbAssertions.ACCOUNT;
import static dev.stepline.imagebuilder.api.IbAssertions.DATE;
import static dev.stepline.imagebuilder.api.IbAssertions.PREFIX;
import static dev.stepline.imagebuilder.api.IbAssertions.assertError;
import static dev.stepline.imagebuilder.api.IbAssertions.invalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.CreateInfrastructureConfigurationResponse;
import software.amazon.awssdk.services.imagebuilder.model.Filter;
import software.amazon.awssdk.services.imagebuilder.model.ForbiddenException;
import software.amazon.awssdk.services.imagebuilder.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.imagebuilder.model.InfrastructureConfiguration;
import software.amazon.awssdk.services.imagebuilder.model.InfrastructureConfigurationSummary;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterValueException;
import software.amazon.awssdk.services.imagebuilder.model.ListInfrastructureConfigurationsResponse;
import software.amazon.awssdk.services.imagebuilder.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceNotFoundException;

class InfrastructureConfigurationsTest {
    static TestServer server;
    static ImagebuilderClient ib;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        ib = server.imagebuilder();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void createGetUpdateListDelete() {
        CreateInfrastructureConfigurationResponse created = ib.createInfrastructureConfiguration(b -> b.name("Build Infra")
                .instanceProfileName("EC2InstanceProfileForImageBuilder").description("infra")
                .instanceTypes("m5.large", "m5.xlarge").subnetId("subnet-1").securityGroupIds("sg-1")
                .logging(l -> l.s3Logs(s -> s.s3BucketName("logs").s3KeyPrefix("ib")))
                .keyPair("kp").snsTopicArn("arn:aws:sns:us-east-1:" + ACCOUNT + ":builds")
                .resourceTags(Map.of("rt", "1")).tags(Map.of("t", "2"))
                .instanceMetadataOptions(m -> m.httpTokens("required").httpPutResponseHopLimit(2))
                .placement(p -> p.availabilityZone("us-east-1a").tenancy("default"))
                .clientToken("infra-1"));
        String arn = PREFIX + "infrastructure-configuration/build-infra";
        assertThat(created.infrastructureConfigurationArn()).isEqualTo(arn);
        assertThat(created.clientToken()).isEqualTo("infra-1");
        assertThat(created.requestId()).isEqualTo(created.responseMetadata().requestId());

        InfrastructureConfiguration got = ib.getInfrastructureConfiguration(b -> b.infrastructureConfigurationArn(arn))
                .infrastructureConfiguration();
        assertThat(got.arn()).isEqualTo(arn);
        assertThat(got.name()).isEqualTo("Build Infra");
        assertThat(got.description()).isEqualTo("infra");
        assertThat(got.instanceTypes()).containsExactly("m5.large", "m5.xlarge");
        assertThat(got.instanceProfileName()).isEqualTo("EC2InstanceProfileForImageBuilder");
        assertThat(got.securityGroupIds()).containsExactly("sg-1");
        assertThat(got.subnetId()).isEqualTo("subnet-1");
        assertThat(got.logging().s3Logs().s3BucketName()).isEqualTo("logs");
        assertThat(got.keyPair()).isEqualTo("kp");
        assertThat(got.terminateInstanceOnFailure()).isTrue();
        assertThat(got.snsTopicArn()).isEqualTo("arn:aws:sns:us-east-1:" + ACCOUNT + ":builds");
        assertThat(got.dateCreated()).matches(DATE);
        assertThat(got.dateUpdated()).isNull();
        assertThat(got.resourceTags()).containsExactly(Map.entry("rt", "1"));
        assertThat(got.instanceMetadataOptions().httpTokens()).isEqualTo("required");
        assertThat(got.instanceMetadataOptions().httpPutResponseHopLimit()).isEqualTo(2);
        assertThat(got.tags()).containsExactly(Map.entry("t", "2"));
        assertThat(got.placement().tenancyAsString()).isEqualTo("default");

        assertThat(ib.updateInfrastructureConfiguration(b -> b.infrastructureConfigurationArn(arn)
                .instanceProfileName("other-profile").terminateInstanceOnFailure(false).description("changed"))
                .infrastructureConfigurationArn()).isEqualTo(arn);
        InfrastructureConfiguration updated = ib.getInfrastructureConfiguration(b -> b.infrastructureConfigurationArn(arn))
                .infrastructureConfiguration();
        assertThat(updated.name()).isEqualTo("Build Infra");
        assertThat(updated.instanceProfileName()).isEqualTo("other-profile");
        assertThat(updated.terminateInstanceOnFailure()).isFalse();
        assertThat(updated.description()).isEqualTo("changed");
        assertThat(updated.hasInstanceTypes()).isFalse();
        assertThat(updated.subnetId()).isNull();
        assertThat(updated.dateUpdated()).matches(DATE);
        assertThat(updated.dateCreated()).isEqualTo(got.dateCreated());
        assertThat(updated.tags()).containsExactly(Map.entry("t", "2"));

        InfrastructureConfigurationSummary summary = ib.listInfrastructureConfigurations(b -> b.filters(
                Filter.builder().name("name").values("Build Infra").build())).infrastructureConfigurationSummaryList().get(0);
        assertThat(summary.arn()).isEqualTo(arn);
        assertThat(summary.instanceProfileName()).isEqualTo("other-profile");
        assertThat(summary.dateUpdated()).isEqualTo(updated.dateUpdated());
        assertThat(summary.tags()).containsEntry("t", "2");

        assertThat(ib.deleteInfrastructureConfiguration(b -> b.infrastructureConfigurationArn(arn))
                .infrastructureConfigurationArn()).isEqualTo(arn);
        assertError(() -> ib.getInfrastructureConfiguration(b -> b.infrastructureConfigurationArn(arn)),
                ResourceNotFoundException.class, 404, "The resource ARN '" + arn + "' was not found.");
        assertError(() -> ib.updateInfrastructureConfiguration(b -> b.infrastructureConfigurationArn(arn).instanceProfileName("p")),
                ResourceNotFoundException.class, 404, "The resource ARN '" + arn + "' was not found.");
        assertError(() -> ib.deleteInfrastructureConfiguration(b -> b.infrastructureConfigurationArn(arn)),
                ResourceNotFoundException.class, 404, "The resource ARN '" + arn + "' was not found.");
    }

    @Test
    void defaultsDuplicatesAndValidation() {
        String arn = ib.createInfrastructureConfiguration(b -> b.name("minimal").instanceProfileName("prof"))
                .infrastructureConfigurationArn();
        InfrastructureConfiguration got = ib.getInfrastructureConfiguration(b -> b.infrastructureConfigurationArn(arn))
                .infrastructureConfiguration();
        assertThat(got.terminateInstanceOnFailure()).isTrue();
        assertThat(got.tags()).isEmpty();
        assertThat(got.hasInstanceTypes()).isFalse();
        assertError(() -> ib.createInfrastructureConfiguration(b -> b.name("MINIMAL").instanceProfileName("prof")),
                ResourceAlreadyExistsException.class, 400,
                "The following resource 'InfrastructureConfiguration' already exists: '" + arn + "'.");
        assertError(() -> ib.createInfrastructureConfiguration(b -> b.name("x").instanceProfileName("prof")),
                InvalidParameterValueException.class, 400,
                invalid("name", "name must match pattern ^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$"));
        assertError(() -> ib.createInfrastructureConfiguration(b -> b.name("no-profile")),
                InvalidParameterValueException.class, 400, invalid("instanceProfileName", "Member must not be null"));
        assertError(() -> ib.createInfrastructureConfiguration(b -> b.name("bad-profile").instanceProfileName("has space")),
                InvalidParameterValueException.class, 400,
                invalid("instanceProfileName", "Member must satisfy regular expression pattern: ^[\\w+=,.@-]+$"));
        assertError(() -> ib.createInfrastructureConfiguration(b -> b.name("bad-sns").instanceProfileName("p").snsTopicArn("topic")),
                InvalidParameterValueException.class, 400, invalid("snsTopicArn",
                        "Member must satisfy regular expression pattern: ^arn:aws[^:]*:sns:[^:]+:[0-9]{12}:[a-zA-Z0-9-_]{1,256}$"));
        assertError(() -> ib.createInfrastructureConfiguration(b -> b.name("bad-imds").instanceProfileName("p")
                        .instanceMetadataOptions(m -> m.httpTokens("sometimes"))),
                InvalidParameterValueException.class, 400,
                invalid("instanceMetadataOptions.httpTokens", "Member must satisfy enum value set: [optional, required]"));
        assertError(() -> ib.createInfrastructureConfiguration(b -> b.name("bad-hops").instanceProfileName("p")
                        .instanceMetadataOptions(m -> m.httpPutResponseHopLimit(65))),
                InvalidParameterValueException.class, 400,
                invalid("instanceMetadataOptions.httpPutResponseHopLimit", "Member must have value less than or equal to 64"));
        assertError(() -> ib.getInfrastructureConfiguration(b -> b.infrastructureConfigurationArn("arn:aws:imagebuilder:us-east-1:"
                        + ACCOUNT + ":image-recipe/minimal/1.0.0")),
                InvalidParameterValueException.class, 400, invalid("infrastructureConfigurationArn",
                        "infrastructureConfigurationArn must match pattern "
                                + "^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):infrastructure-configuration/[a-z0-9-_]+$"));
    }

    @Test
    void tokensPagesAndAccounts() {
        ib.createInfrastructureConfiguration(b -> b.name("tokened").instanceProfileName("p").clientToken("infra-token"));
        assertThat(ib.createInfrastructureConfiguration(b -> b.name("tokened").instanceProfileName("p").clientToken("infra-token"))
                .infrastructureConfigurationArn()).isEqualTo(PREFIX + "infrastructure-configuration/tokened");
        assertError(() -> ib.createInfrastructureConfiguration(b -> b.name("tokened").instanceProfileName("q").clientToken("infra-token")),
                IdempotentParameterMismatchException.class, 400,
                "The client token 'infra-token' was used with different request parameters.");
        String arn = PREFIX + "infrastructure-configuration/tokened";
        ib.updateInfrastructureConfiguration(b -> b.infrastructureConfigurationArn(arn).instanceProfileName("r").clientToken("upd"));
        ib.updateInfrastructureConfiguration(b -> b.infrastructureConfigurationArn(arn).instanceProfileName("r").clientToken("upd"));
        assertError(() -> ib.updateInfrastructureConfiguration(b -> b.infrastructureConfigurationArn(arn).instanceProfileName("s").clientToken("upd")),
                IdempotentParameterMismatchException.class, 400, "The client token 'upd' was used with different request parameters.");

        ImagebuilderClient other = server.imagebuilder("333333333333", "us-east-1");
        for (int i = 0; i < 7; i++) {
            int n = i;
            other.createInfrastructureConfiguration(b -> b.name("cfg-" + n).instanceProfileName("p"));
        }
        ListInfrastructureConfigurationsResponse first = other.listInfrastructureConfigurations(b -> b.maxResults(3));
        assertThat(first.infrastructureConfigurationSummaryList()).extracting(InfrastructureConfigurationSummary::name)
                .containsExactly("cfg-0", "cfg-1", "cfg-2");
        assertThat(other.listInfrastructureConfigurationsPaginator(b -> b.maxResults(3)).infrastructureConfigurationSummaryList()
                .stream().map(InfrastructureConfigurationSummary::name).toList())
                .isEqualTo(List.of("cfg-0", "cfg-1", "cfg-2", "cfg-3", "cfg-4", "cfg-5", "cfg-6"));
        assertError(() -> ib.listInfrastructureConfigurations(b -> b.nextToken(first.nextToken()).maxResults(3)),
                software.amazon.awssdk.services.imagebuilder.model.InvalidPaginationTokenException.class, 400,
                "The provided pagination token is not valid.");
        assertThat(ib.listInfrastructureConfigurations(b -> b.filters(Filter.builder().name("name").values("cfg-0").build()))
                .infrastructureConfigurationSummaryList()).isEmpty();
        String foreign = "arn:aws:imagebuilder:us-east-1:333333333333:infrastructure-configuration/cfg-0";
        assertError(() -> ib.deleteInfrastructureConfiguration(b -> b.infrastructureConfigurationArn(foreign)),
                ForbiddenException.class, 403,
                "The account " + ACCOUNT + " is not authorized to access the resource ARN '" + foreign + "'.");
        assertError(() -> ib.updateInfrastructureConfiguration(b -> b.infrastructureConfigurationArn(foreign).instanceProfileName("p")),
                ForbiddenException.class, 403,
                "The account " + ACCOUNT + " is not authorized to access the resource ARN '" + foreign + "'.");
    }
}
