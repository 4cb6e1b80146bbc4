package dev.stepline.imagebuilder.api;

import static dev.stepline.imagebuilder.api.IbAssertions.ACCOUNT;
import static dev.stepline.imagebuilder.api.IbAssertions.DATE;
import static dev.stepline.imagebuilder.api.IbAssertions.PREFIX;
import static dev.stepline.imagebuilder.api.IbAssertions.assertError;
import static dev.stepline.imagebuilder.api.IbAssertions.invalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.ComponentConfiguration;
import software.amazon.awssdk.services.imagebuilder.model.ContainerRecipe;
import software.amazon.awssdk.services.imagebuilder.model.ContainerRecipeSummary;
import software.amazon.awssdk.services.imagebuilder.model.CreateContainerRecipeRequest;
import software.amazon.awssdk.services.imagebuilder.model.CreateContainerRecipeResponse;
import software.amazon.awssdk.services.imagebuilder.model.Filter;
import software.amazon.awssdk.services.imagebuilder.model.ForbiddenException;
import software.amazon.awssdk.services.imagebuilder.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterValueException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

class ContainerRecipesTest {
    static final String TEMPLATE = "FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}\n";
    static TestServer server;
    static ImagebuilderClient ib;
    static String component;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        ib = server.imagebuilder();
        component = ComponentRows.insert(server, ACCOUNT, "us-east-1", "hello", "1.0.0", 1);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static CreateContainerRecipeRequest.Builder recipe(String name, String version) {
        return CreateContainerRecipeRequest.builder().containerType("DOCKER").name(name).semanticVersion(version)
                .parentImage("amazonlinux:latest").dockerfileTemplateData(TEMPLATE)
                .targetRepository(t -> t.service("ECR").repositoryName("my-repo"))
                .components(ComponentConfiguration.builder().componentArn(component).build());
    }

    @Test
    void createGetListAndDelete() {
        CreateContainerRecipeResponse created = ib.createContainerRecipe(recipe("My Container", "1.0.0")
                .description("container").workingDirectory("/app").kmsKeyId("alias/mine")
                .instanceConfiguration(i -> i.image("ami-0abc"))
                .tags(Map.of("team", "c")).clientToken("container-1").build());
        String arn = PREFIX + "container-recipe/my-container/1.0.0";
        assertThat(created.containerRecipeArn()).isEqualTo(arn);
        assertThat(created.clientToken()).isEqualTo("container-1");
        assertThat(created.requestId()).isEqualTo(created.responseMetadata().requestId());
        assertThat(created.latestVersionReferences().latestMinorVersionArn()).isEqualTo(PREFIX + "container-recipe/my-container/1.0.x");

        ContainerRecipe recipe = ib.getContainerRecipe(b -> b.containerRecipeArn(arn)).containerRecipe();
        assertThat(recipe.arn()).isEqualTo(arn);
        assertThat(recipe.containerTypeAsString()).isEqualTo("DOCKER");
        assertThat(recipe.name()).isEqualTo("My Container");
        assertThat(recipe.description()).isEqualTo("container");
        assertThat(recipe.platformAsString()).isEqualTo("Linux");
        assertThat(recipe.owner()).isEqualTo(ACCOUNT);
        assertThat(recipe.version()).isEqualTo("1.0.0");
        assertThat(recipe.components()).extracting(ComponentConfiguration::componentArn).containsExactly(component);
        assertThat(recipe.instanceConfiguration().image()).isEqualTo("ami-0abc");
        assertThat(recipe.dockerfileTemplateData()).isEqualTo(TEMPLATE);
        assertThat(recipe.kmsKeyId()).isEqualTo("alias/mine");
        assertThat(recipe.encrypted()).isTrue();
        assertThat(recipe.parentImage()).isEqualTo("amazonlinux:latest");
        assertThat(recipe.dateCreated()).matches(DATE);
        assertThat(recipe.tags()).containsExactly(Map.entry("team", "c"));
        assertThat(recipe.workingDirectory()).isEqualTo("/app");
        assertThat(recipe.targetRepository().repositoryName()).isEqualTo("my-repo");
        assertThat(recipe.targetRepository().serviceAsString()).isEqualTo("ECR");

        ContainerRecipeSummary summary = ib.listContainerRecipes(b -> b.filters(
                Filter.builder().name("name").values("My Container").build(),
                Filter.builder().name("containerType").values("DOCKER").build())).containerRecipeSummaryList().get(0);
        assertThat(summary.arn()).isEqualTo(arn);
        assertThat(summary.instanceImage()).isEqualTo("ami-0abc");
        assertThat(summary.platformAsString()).isEqualTo("Linux");

        assertThat(ib.deleteContainerRecipe(b -> b.containerRecipeArn(arn)).containerRecipeArn()).isEqualTo(arn);
        assertError(() -> ib.getContainerRecipe(b -> b.containerRecipeArn(arn)), ResourceNotFoundException.class, 404,
                "The resource ARN '" + arn + "' was not found.");
    }

    @Test
    void templatesComeInlineOrFromTheObjectStore() {
        S3Client s3 = server.s3();
        s3.createBucket(b -> b.bucket("templates"));
        s3.putObject(b -> b.bucket("templates").key("docker/Dockerfile"), RequestBody.fromString("FROM scratch\n"));
        String arn = ib.createContainerRecipe(recipe("from-s3", "1.0.0").dockerfileTemplateData(null)
                .dockerfileTemplateUri("s3://templates/docker/Dockerfile").platformOverride("Windows").build()).containerRecipeArn();
        ContainerRecipe recipe = ib.getContainerRecipe(b -> b.containerRecipeArn(arn)).containerRecipe();
        assertThat(recipe.dockerfileTemplateData()).isEqualTo("FROM scratch\n");
        assertThat(recipe.platformAsString()).isEqualTo("Windows");

        assertError(() -> ib.createContainerRecipe(recipe("both", "1.0.0").dockerfileTemplateUri("s3://templates/docker/Dockerfile").build()),
                InvalidParameterCombinationException.class, 400,
                "You must specify either dockerfileTemplateData or dockerfileTemplateUri, not both.");
        assertError(() -> ib.createContainerRecipe(recipe("neither", "1.0.0").dockerfileTemplateData(null).build()),
                InvalidParameterCombinationException.class, 400,
                "You must specify either dockerfileTemplateData or dockerfileTemplateUri.");
        assertError(() -> ib.createContainerRecipe(recipe("missing", "1.0.0").dockerfileTemplateData(null)
                        .dockerfileTemplateUri("s3://templates/none").build()),
                InvalidParameterValueException.class, 400, invalid("dockerfileTemplateUri",
                        "The object 's3://templates/none' does not exist or is not a valid Dockerfile template."));
    }

    @Test
    void validationDuplicatesAndTokens() {
        assertError(() -> ib.createContainerRecipe(recipe("podman", "1.0.0").containerType("PODMAN").build()),
                InvalidParameterValueException.class, 400, invalid("containerType", "Member must satisfy enum value set: [DOCKER]"));
        assertError(() -> ib.createContainerRecipe(recipe("no-repo", "1.0.0").targetRepository((software.amazon.awssdk.services.imagebuilder.model.TargetContainerRepository) null).build()),
                InvalidParameterValueException.class, 400, invalid("targetRepository", "Member must not be null"));
        assertError(() -> ib.createContainerRecipe(recipe("bad-repo", "1.0.0").targetRepository(t -> t.service("GCR").repositoryName("r")).build()),
                InvalidParameterValueException.class, 400, invalid("targetRepository.service", "Member must satisfy enum value set: [ECR]"));

        assertThat(ib.createContainerRecipe(recipe("auto", "x.x.x").build()).containerRecipeArn()).endsWith("/auto/0.0.0");
        assertThat(ib.createContainerRecipe(recipe("auto", "x.x.x").build()).containerRecipeArn()).endsWith("/auto/1.0.0");
        assertError(() -> ib.createContainerRecipe(recipe("Auto", "1.0.0").build()), ResourceAlreadyExistsException.class, 400,
                "The following resource 'ContainerRecipe' already exists: '" + PREFIX + "container-recipe/auto/1.0.0'.");

        String first = ib.createContainerRecipe(recipe("tok", "1.0.x").clientToken("tok").build()).containerRecipeArn();
        assertThat(ib.createContainerRecipe(recipe("tok", "1.0.x").clientToken("tok").build()).containerRecipeArn()).isEqualTo(first);
        assertError(() -> ib.createContainerRecipe(recipe("tok", "1.0.x").workingDirectory("/x").clientToken("tok").build()),
                IdempotentParameterMismatchException.class, 400, "The client token 'tok' was used with different request parameters.");

        String foreign = "arn:aws:imagebuilder:us-east-1:999999999999:container-recipe/auto/1.0.0";
        assertError(() -> ib.getContainerRecipe(b -> b.containerRecipeArn(foreign)), ForbiddenException.class, 403,
                "The account " + ACCOUNT + " is not authorized to access the resource ARN '" + foreign + "'.");
        assertThat(server.imagebuilder("222222222222", "us-east-1").listContainerRecipes(b -> b.maxResults(5))
                .containerRecipeSummaryList()).isEmpty();
    }
}
