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
import software.amazon.awssdk.services.imagebuilder.model.CreateDistributionConfigurationResponse;
import software.amazon.awssdk.services.imagebuilder.model.Distribution;
import software.amazon.awssdk.services.imagebuilder.model.DistributionConfiguration;
import software.amazon.awssdk.services.imagebuilder.model.DistributionConfigurationSummary;
import software.amazon.awssdk.services.imagebuilder.model.ForbiddenException;
import software.amazon.awssdk.services.imagebuilder.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterValueException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceNotFoundException;

class DistributionConfigurationsTest {
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

    static Distribution ami(String region) {
        return Distribution.builder().region(region).amiDistributionConfiguration(a -> a
                .name("my-ami {{ imagebuilder:buildDate }}").description("ami").amiTags(Map.of("k", "v"))
                .launchPermission(l -> l.userIds("111122223333"))).build();
    }

    @Test
    void createGetUpdateListDelete() {
        CreateDistributionConfigurationResponse created = ib.createDistributionConfiguration(b -> b.name("Dist One")
                .description("dist").distributions(ami("us-east-1"), Distribution.builder().region("eu-west-1")
                        .containerDistributionConfiguration(c -> c.containerTags("latest")
                                .targetRepository(t -> t.service("ECR").repositoryName("repo"))).build())
                .tags(Map.of("team", "d")).clientToken("dist-1"));
        String arn = PREFIX + "distribution-configuration/dist-one";
        assertThat(created.distributionConfigurationArn()).isEqualTo(arn);
        assertThat(created.clientToken()).isEqualTo("dist-1");
        assertThat(created.requestId()).isEqualTo(created.responseMetadata().requestId());

        DistributionConfiguration got = ib.getDistributionConfiguration(b -> b.distributionConfigurationArn(arn))
                .distributionConfiguration();
        assertThat(got.arn()).isEqualTo(arn);
        assertThat(got.name()).isEqualTo("Dist One");
        assertThat(got.description()).isEqualTo("dist");
        assertThat(got.timeoutMinutes()).isEqualTo(720);
        assertThat(got.dateCreated()).matches(DATE);
        assertThat(got.dateUpdated()).isNull();
        assertThat(got.tags()).containsExactly(Map.entry("team", "d"));
        assertThat(got.distributions()).hasSize(2);
        assertThat(got.distributions().get(0).amiDistributionConfiguration().name()).isEqualTo("my-ami {{ imagebuilder:buildDate }}");
        assertThat(got.distributions().get(0).amiDistributionConfiguration().launchPermission().userIds()).containsExactly("111122223333");
        assertThat(got.distributions().get(1).containerDistributionConfiguration().containerTags()).containsExactly("latest");

        ib.updateDistributionConfiguration(b -> b.distributionConfigurationArn(arn).description("changed")
                .distributions(ami("us-west-2")));
        DistributionConfiguration updated = ib.getDistributionConfiguration(b -> b.distributionConfigurationArn(arn))
                .distributionConfiguration();
        assertThat(updated.description()).isEqualTo("changed");
        assertThat(updated.distributions()).extracting(Distribution::region).containsExactly("us-west-2");
        assertThat(updated.dateUpdated()).matches(DATE);
        assertThat(updated.name()).isEqualTo("Dist One");

        DistributionConfigurationSummary summary = ib.listDistributionConfigurations(b -> b.maxResults(10))
                .distributionConfigurationSummaryList().stream().filter(s -> s.arn().equals(arn)).findFirst().orElseThrow();
        assertThat(summary.regions()).containsExactly("us-west-2");
        assertThat(summary.tags()).containsEntry("team", "d");
        assertThat(summary.dateUpdated()).isEqualTo(updated.dateUpdated());

        ib.deleteDistributionConfiguration(b -> b.distributionConfigurationArn(arn));
        assertError(() -> ib.getDistributionConfiguration(b -> b.distributionConfigurationArn(arn)),
                ResourceNotFoundException.class, 404, "The resource ARN '" + arn + "' was not found.");
    }

    @Test
    void distributionsAreChecked() {
        assertError(() -> ib.createDistributionConfiguration(b -> b.name("no-output").distributions(
                        ami("us-east-1"), Distribution.builder().region("eu-west-1").build())),
                InvalidParameterValueException.class, 400, invalid("distributions[1]",
                        "One or more outputs should be provided for each region in a distribution configuration."));
        assertError(() -> ib.createDistributionConfiguration(b -> b.name("twice").distributions(ami("us-east-1"), ami("us-east-1"))),
                InvalidParameterValueException.class, 400, invalid("distributions[1].region",
                        "The region 'us-east-1' is already used by distributions[0]; each region may appear in only one distribution."));
        assertError(() -> ib.createDistributionConfiguration(b -> b.name("empty").distributions(List.of())),
                InvalidParameterValueException.class, 400, invalid("distributions",
                        "At least one distribution must be provided in a distribution configuration."));
        assertError(() -> ib.createDistributionConfiguration(b -> b.name("no-region").distributions(Distribution.builder()
                        .amiDistributionConfiguration(a -> a.name("ami-name")).build())),
                InvalidParameterValueException.class, 400, invalid("distributions[0].region", "Member must not be null"));
        assertError(() -> ib.createDistributionConfiguration(b -> b.name("bad-account").distributions(Distribution.builder()
                        .region("us-east-1").amiDistributionConfiguration(a -> a.targetAccountIds("123")).build())),
                InvalidParameterValueException.class, 400, invalid("distributions[0].amiDistributionConfiguration.targetAccountIds[0]",
                        "Member must satisfy regular expression pattern: ^[0-9]{12}$"));
        assertError(() -> ib.createDistributionConfiguration(b -> b.name("bad-lt").distributions(Distribution.builder()
                        .region("us-east-1").launchTemplateConfigurations(l -> l.launchTemplateId("lt-1")).build())),
                InvalidParameterValueException.class, 400, invalid("distributions[0].launchTemplateConfigurations[0].launchTemplateId",
                        "Member must satisfy regular expression pattern: ^lt-[a-z0-9-_]{17}$"));
        assertError(() -> ib.createDistributionConfiguration(b -> b.name("bad-s3").distributions(Distribution.builder()
                        .region("us-east-1").s3ExportConfiguration(s -> s.roleName("r").s3Bucket("b").diskImageFormat("ISO")).build())),
                InvalidParameterValueException.class, 400, invalid("distributions[0].s3ExportConfiguration.diskImageFormat",
                        "Member must satisfy enum value set: [VMDK, RAW, VHD]"));
        // other outputs count too
        ib.createDistributionConfiguration(b -> b.name("s3-only").distributions(Distribution.builder().region("us-east-1")
                .s3ExportConfiguration(s -> s.roleName("r").s3Bucket("b").diskImageFormat("RAW")).build()));
        assertError(() -> ib.updateDistributionConfiguration(b -> b.distributionConfigurationArn(PREFIX + "distribution-configuration/s3-only")
                        .distributions(Distribution.builder().region("us-east-1").build())),
                InvalidParameterValueException.class, 400, invalid("distributions[0]",
                        "One or more outputs should be provided for each region in a distribution configuration."));
    }

    @Test
    void duplicatesTokensAndAccounts() {
        String arn = ib.createDistributionConfiguration(b -> b.name("dup").distributions(ami("us-east-1")).clientToken("dt"))
                .distributionConfigurationArn();
        assertThat(ib.createDistributionConfiguration(b -> b.name("dup").distributions(ami("us-east-1")).clientToken("dt"))
                .distributionConfigurationArn()).isEqualTo(arn);
        assertError(() -> ib.createDistributionConfiguration(b -> b.name("dup").distributions(ami("us-east-2")).clientToken("dt")),
                IdempotentParameterMismatchException.class, 400, "The client token 'dt' was used with different request parameters.");
        assertError(() -> ib.createDistributionConfiguration(b -> b.name("DUP").distributions(ami("us-east-1"))),
                ResourceAlreadyExistsException.class, 400,
                "The following resource 'DistributionConfiguration' already exists: '" + arn + "'.");
        ImagebuilderClient other = server.imagebuilder("444444444444", "us-east-1");
        assertError(() -> other.getDistributionConfiguration(b -> b.distributionConfigurationArn(arn)), ForbiddenException.class, 403,
                "The account 444444444444 is not authorized to access the resource ARN '" + arn + "'.");
        assertThat(other.listDistributionConfigurations(b -> b.maxResults(25)).distributionConfigurationSummaryList()).isEmpty();
    }
}
