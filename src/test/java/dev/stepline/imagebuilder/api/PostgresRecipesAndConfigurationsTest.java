package dev.stepline.imagebuilder.api;

import static dev.stepline.imagebuilder.api.IbAssertions.ACCOUNT;
import static dev.stepline.imagebuilder.api.IbAssertions.PREFIX;
import static dev.stepline.imagebuilder.api.IbAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.ComponentConfiguration;
import software.amazon.awssdk.services.imagebuilder.model.ComponentParameter;
import software.amazon.awssdk.services.imagebuilder.model.Distribution;
import software.amazon.awssdk.services.imagebuilder.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.imagebuilder.model.ImageRecipeSummary;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceNotFoundException;

/** The same behaviour on PostgreSQL: keys, pages, tokens and restarts. */
class PostgresRecipesAndConfigurationsTest {
    @Test
    void recipesAndConfigurationsOnPostgres() throws Exception {
        try (TestServer server = TestServer.postgres()) {
            ImagebuilderClient ib = server.imagebuilder();
            String component = ComponentRows.insert(server, ACCOUNT, "us-east-1", "hello", "1.0.0", 1);
            for (String version : new String[] {"1.0.x", "1.0.x", "1.x.x"}) {
                ib.createImageRecipe(b -> b.name("pg-recipe").semanticVersion(version).parentImage("ami-1")
                        .components(ComponentConfiguration.builder().componentArn(component).build()));
            }
            ib.createImageRecipe(b -> b.name("pg-recipe-b").semanticVersion("1.0.0").parentImage("ami-1")
                    .components(ComponentConfiguration.builder().componentArn(component).build()));
            assertThat(ib.listImageRecipesPaginator(b -> b.maxResults(1)).imageRecipeSummaryList().stream()
                    .map(ImageRecipeSummary::arn).toList()).containsExactly(
                    PREFIX + "image-recipe/pg-recipe/1.0.0", PREFIX + "image-recipe/pg-recipe/1.0.1",
                    PREFIX + "image-recipe/pg-recipe/1.1.0", PREFIX + "image-recipe/pg-recipe-b/1.0.0");
            assertError(() -> ib.createImageRecipe(b -> b.name("pg-bad").semanticVersion("1.0.0").parentImage("ami-1")
                            .components(ComponentConfiguration.builder().componentArn(component)
                                    .parameters(ComponentParameter.builder().name("nope").value("x").build()).build())),
                    InvalidParameterCombinationException.class, 400,
                    "The value supplied for parameter 'components[0].parameters' is not valid. "
                            + "The following parameters are not defined in the provided component: nope");

            String infra = ib.createInfrastructureConfiguration(b -> b.name("pg-infra").instanceProfileName("p")
                    .tags(Map.of("a", "b")).clientToken("pg-infra")).infrastructureConfigurationArn();
            assertError(() -> ib.createInfrastructureConfiguration(b -> b.name("pg-infra").instanceProfileName("q").clientToken("pg-infra")),
                    IdempotentParameterMismatchException.class, 400,
                    "The client token 'pg-infra' was used with different request parameters.");
            assertError(() -> ib.createInfrastructureConfiguration(b -> b.name("PG-Infra").instanceProfileName("p")),
                    ResourceAlreadyExistsException.class, 400,
                    "The following resource 'InfrastructureConfiguration' already exists: '" + infra + "'.");
            ib.updateInfrastructureConfiguration(b -> b.infrastructureConfigurationArn(infra).instanceProfileName("p2"));
            String dist = ib.createDistributionConfiguration(b -> b.name("pg-dist").distributions(Distribution.builder()
                    .region("us-east-1").amiDistributionConfiguration(a -> a.name("ami")).build())).distributionConfigurationArn();

            server.restart();
            ImagebuilderClient again = server.imagebuilder();
            assertThat(again.getImageRecipe(b -> b.imageRecipeArn(PREFIX + "image-recipe/pg-recipe/x.x.x")).imageRecipe().version())
                    .isEqualTo("1.1.0");
            assertThat(again.getInfrastructureConfiguration(b -> b.infrastructureConfigurationArn(infra))
                    .infrastructureConfiguration().instanceProfileName()).isEqualTo("p2");
            assertThat(again.getInfrastructureConfiguration(b -> b.infrastructureConfigurationArn(infra))
                    .infrastructureConfiguration().tags()).containsExactly(Map.entry("a", "b"));
            assertThat(again.listDistributionConfigurations(b -> b.maxResults(5)).distributionConfigurationSummaryList())
                    .singleElement().satisfies(s -> assertThat(s.regions()).containsExactly("us-east-1"));
            again.deleteDistributionConfiguration(b -> b.distributionConfigurationArn(dist));
            assertError(() -> again.getDistributionConfiguration(b -> b.distributionConfigurationArn(dist)),
                    ResourceNotFoundException.class, 404, "The resource ARN '" + dist + "' was not found.");
        }
    }
}
