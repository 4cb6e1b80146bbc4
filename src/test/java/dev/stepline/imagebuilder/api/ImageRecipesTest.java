package dev.stepline.imagebuilder.api;

import static dev.stepline.imagebuilder.api.IbAssertions.ACCOUNT;
import static dev.stepline.imagebuilder.api.IbAssertions.DATE;
import static dev.stepline.imagebuilder.api.IbAssertions.PREFIX;
import static dev.stepline.imagebuilder.api.IbAssertions.assertError;
import static dev.stepline.imagebuilder.api.IbAssertions.invalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.ComponentConfiguration;
import software.amazon.awssdk.services.imagebuilder.model.ComponentParameter;
import software.amazon.awssdk.services.imagebuilder.model.CreateImageRecipeRequest;
import software.amazon.awssdk.services.imagebuilder.model.CreateImageRecipeResponse;
import software.amazon.awssdk.services.imagebuilder.model.EbsVolumeType;
import software.amazon.awssdk.services.imagebuilder.model.Filter;
import software.amazon.awssdk.services.imagebuilder.model.ForbiddenException;
import software.amazon.awssdk.services.imagebuilder.model.GetImageRecipeResponse;
import software.amazon.awssdk.services.imagebuilder.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.imagebuilder.model.ImageRecipe;
import software.amazon.awssdk.services.imagebuilder.model.ImageRecipeSummary;
import software.amazon.awssdk.services.imagebuilder.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.imagebuilder.model.InvalidPaginationTokenException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterValueException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidVersionNumberException;
import software.amazon.awssdk.services.imagebuilder.model.ListImageRecipesResponse;
import software.amazon.awssdk.services.imagebuilder.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceNotFoundException;

class ImageRecipesTest {
    static TestServer server;
    static ImagebuilderClient ib;
    static String component;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        ib = server.imagebuilder();
        component = ComponentRows.insert(server, ACCOUNT, "us-east-1", "hello", "1.0.0", 1);
        ComponentRows.insert(server, ACCOUNT, "us-east-1", "hello", "1.2.0", 1);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static CreateImageRecipeRequest.Builder recipe(String name, String version) {
        return CreateImageRecipeRequest.builder().name(name).semanticVersion(version).parentImage("ami-0123456789abcdef0")
                .components(ComponentConfiguration.builder().componentArn(component).build());
    }

    @Test
    void createGetAndDelete() {
        CreateImageRecipeResponse created = ib.createImageRecipe(b -> b.name("My Basic Recipe").semanticVersion("1.0.0")
                .description("basic").parentImage("arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2-x86/x.x.x")
                .components(ComponentConfiguration.builder().componentArn(component)
                                .parameters(ComponentParameter.builder().name("greeting").value("hello").build()).build(),
                        ComponentConfiguration.builder()
                                .componentArn("arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x").build())
                .blockDeviceMappings(InstanceBlockDeviceMapping.builder().deviceName("/dev/xvda")
                        .ebs(e -> e.volumeSize(30).volumeType(EbsVolumeType.GP3).deleteOnTermination(true)).build())
                .workingDirectory("/tmp")
                .additionalInstanceConfiguration(a -> a.systemsManagerAgent(s -> s.uninstallAfterBuild(true))
                        .userDataOverride("IyEvYmluL2Jhc2gKZWNobyBoaQ=="))
                .amiTags(Map.of("purpose", "test"))
                .tags(Map.of("team", "builders"))
                .clientToken("create-get-delete"));
        String arn = PREFIX + "image-recipe/my-basic-recipe/1.0.0";
        assertThat(created.imageRecipeArn()).isEqualTo(arn);
        assertThat(created.clientToken()).isEqualTo("create-get-delete");
        assertThat(created.requestId()).isEqualTo(created.responseMetadata().requestId());
        assertThat(created.latestVersionReferences().latestVersionArn()).isEqualTo(PREFIX + "image-recipe/my-basic-recipe/x.x.x");
        assertThat(created.latestVersionReferences().latestMajorVersionArn()).isEqualTo(PREFIX + "image-recipe/my-basic-recipe/1.x.x");
        assertThat(created.latestVersionReferences().latestMinorVersionArn()).isEqualTo(PREFIX + "image-recipe/my-basic-recipe/1.0.x");
        assertThat(created.latestVersionReferences().latestPatchVersionArn()).isEqualTo(arn);

        GetImageRecipeResponse got = ib.getImageRecipe(b -> b.imageRecipeArn(arn));
        assertThat(got.requestId()).isEqualTo(got.responseMetadata().requestId());
        ImageRecipe recipe = got.imageRecipe();
        assertThat(recipe.arn()).isEqualTo(arn);
        assertThat(recipe.typeAsString()).isEqualTo("AMI");
        assertThat(recipe.name()).isEqualTo("My Basic Recipe");
        assertThat(recipe.description()).isEqualTo("basic");
        assertThat(recipe.platformAsString()).isEqualTo("Linux");
        assertThat(recipe.owner()).isEqualTo(ACCOUNT);
        assertThat(recipe.version()).isEqualTo("1.0.0");
        assertThat(recipe.components()).hasSize(2);
        assertThat(recipe.components().get(0).parameters().get(0).value()).containsExactly("hello");
        assertThat(recipe.parentImage()).isEqualTo("arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2-x86/x.x.x");
        assertThat(recipe.blockDeviceMappings().get(0).ebs().volumeTypeAsString()).isEqualTo("gp3");
        assertThat(recipe.blockDeviceMappings().get(0).ebs().volumeSize()).isEqualTo(30);
        assertThat(recipe.dateCreated()).matches(DATE);
        assertThat(recipe.tags()).containsExactly(Map.entry("team", "builders"));
        assertThat(recipe.workingDirectory()).isEqualTo("/tmp");
        assertThat(recipe.additionalInstanceConfiguration().systemsManagerAgent().uninstallAfterBuild()).isTrue();
        assertThat(recipe.amiTags()).containsEntry("purpose", "test");
        assertThat(got.latestVersionReferences().latestPatchVersionArn()).isEqualTo(arn);

        assertThat(ib.deleteImageRecipe(b -> b.imageRecipeArn(arn)).imageRecipeArn()).isEqualTo(arn);
        assertError(() -> ib.getImageRecipe(b -> b.imageRecipeArn(arn)), ResourceNotFoundException.class, 404,
                "The resource ARN '" + arn + "' was not found.");
        assertError(() -> ib.deleteImageRecipe(b -> b.imageRecipeArn(arn)), ResourceNotFoundException.class, 404,
                "The resource ARN '" + arn + "' was not found.");
    }

    @Test
    void windowsParentImagesMakeWindowsRecipesAndEmptyTagsAreAnObject() {
        String arn = ib.createImageRecipe(b -> b.name("win").semanticVersion("1.0.0")
                .parentImage("arn:aws:imagebuilder:us-east-1:aws:image/windows-server-2022-english-full-base-x86/x.x.x")
                .components(ComponentConfiguration.builder().componentArn(component).build())).imageRecipeArn();
        ImageRecipe recipe = ib.getImageRecipe(b -> b.imageRecipeArn(arn)).imageRecipe();
        assertThat(recipe.platformAsString()).isEqualTo("Windows");
        assertThat(recipe.tags()).isEmpty();
        assertThat(recipe.blockDeviceMappings()).isEmpty();
        assertThat(recipe.hasBlockDeviceMappings()).isFalse();
    }

    @Test
    void wildcardVersionsAreAssignedAndResolved() {
        assertThat(ib.createImageRecipe(recipe("auto", "1.0.x").build()).imageRecipeArn()).endsWith("/auto/1.0.0");
        assertThat(ib.createImageRecipe(recipe("auto", "1.0.x").build()).imageRecipeArn()).endsWith("/auto/1.0.1");
        assertThat(ib.createImageRecipe(recipe("auto", "1.x.x").build()).imageRecipeArn()).endsWith("/auto/1.1.0");
        assertThat(ib.createImageRecipe(recipe("auto", "x.x.x").build()).imageRecipeArn()).endsWith("/auto/2.0.0");
        assertThat(ib.createImageRecipe(recipe("auto", "3.5.x").build()).imageRecipeArn()).endsWith("/auto/3.5.0");

        assertThat(ib.getImageRecipe(b -> b.imageRecipeArn(PREFIX + "image-recipe/auto/1.x.x")).imageRecipe().version())
                .isEqualTo("1.1.0");
        assertThat(ib.getImageRecipe(b -> b.imageRecipeArn(PREFIX + "image-recipe/auto/x.x.x")).imageRecipe().version())
                .isEqualTo("3.5.0");
        assertThat(ib.getImageRecipe(b -> b.imageRecipeArn(PREFIX + "image-recipe/auto/1.0.x")).imageRecipe().arn())
                .isEqualTo(PREFIX + "image-recipe/auto/1.0.1");
        assertError(() -> ib.getImageRecipe(b -> b.imageRecipeArn(PREFIX + "image-recipe/auto/4.x.x")),
                ResourceNotFoundException.class, 404, "The resource ARN '" + PREFIX + "image-recipe/auto/4.x.x' was not found.");
        assertError(() -> ib.deleteImageRecipe(b -> b.imageRecipeArn(PREFIX + "image-recipe/auto/1.x.x")),
                InvalidParameterValueException.class, 400, invalid("imageRecipeArn",
                        "A version with 'x' nodes cannot be deleted; specify the exact version ARN."));
    }

    @Test
    void duplicatesCompareTheNormalisedName() {
        ib.createImageRecipe(recipe("Dup Recipe", "1.0.0").build());
        String arn = PREFIX + "image-recipe/dup-recipe/1.0.0";
        assertError(() -> ib.createImageRecipe(recipe("dup recipe", "1.0.0").build()), ResourceAlreadyExistsException.class, 400,
                "The following resource 'ImageRecipe' already exists: '" + arn + "'.");
        assertThat(ib.createImageRecipe(recipe("Dup Recipe", "1.0.1").build()).imageRecipeArn()).endsWith("/dup-recipe/1.0.1");
    }

    @Test
    void requestsAreValidated() {
        assertError(() -> ib.createImageRecipe(recipe("a!", "1.0.0").build()), InvalidParameterValueException.class, 400,
                invalid("name", "name must match pattern ^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$"));
        assertError(() -> ib.createImageRecipe(recipe("bad-version", "1.x.0").build()), InvalidParameterValueException.class, 400,
                invalid("semanticVersion", "The version 1.x.0 is not valid. Once a version node is 'x', every node to its right must also be 'x'."));
        assertError(() -> ib.createImageRecipe(recipe("bad-version", "1.0").build()), InvalidParameterValueException.class, 400,
                invalid("semanticVersion", "semanticVersion must match pattern ^(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$"));
        assertError(() -> ib.createImageRecipe(recipe("big-version", "1073741824.0.0").build()), InvalidVersionNumberException.class, 400,
                invalid("semanticVersion", "Each node of semanticVersion must be an integer between 0 and 1073741823."));
        assertError(() -> ib.createImageRecipe(recipe("no-parent", "1.0.0").parentImage(null).build()),
                InvalidParameterValueException.class, 400, invalid("parentImage", "Member must not be null"));
        assertError(() -> ib.createImageRecipe(recipe("no-components", "1.0.0").components(List.of()).build()),
                InvalidParameterValueException.class, 400, invalid("components", "Member must have length greater than or equal to 1"));
        assertError(() -> ib.createImageRecipe(recipe("bad-ebs", "1.0.0").blockDeviceMappings(InstanceBlockDeviceMapping.builder()
                        .ebs(e -> e.iops(50)).build()).build()),
                InvalidParameterValueException.class, 400,
                invalid("blockDeviceMappings[0].ebs.iops", "Member must have value greater than or equal to 100"));
        assertError(() -> ib.createImageRecipe(recipe("bad-tag", "1.0.0").tags(Map.of("aws:x", "y")).build()),
                InvalidParameterValueException.class, 400,
                invalid("tags.aws:x", "Member must satisfy regular expression pattern: ^(?!aws:)[a-zA-Z0-9\\s_.:/=+\\-@]*$"));
        assertError(() -> ib.createImageRecipe(recipe("bad-component", "1.0.0").components(ComponentConfiguration.builder()
                        .componentArn("arn:aws:imagebuilder:us-east-1:" + ACCOUNT + ":component/hello").build()).build()),
                InvalidParameterValueException.class, 400,
                invalid("components[0].componentArn", "components[0].componentArn must match pattern "
                        + "^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):component/[a-z0-9-_]+/"
                        + "(?:(?:([0-9]+|x)\\.([0-9]+|x)\\.([0-9]+|x))|(?:[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+))$"));
        assertError(() -> ib.getImageRecipe(b -> b.imageRecipeArn("arn:aws:imagebuilder:us-east-1:" + ACCOUNT + ":image-recipe/x")),
                InvalidParameterValueException.class, 400, invalid("imageRecipeArn", "imageRecipeArn must match pattern "
                        + "^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):image-recipe/[a-z0-9-_]+/"
                        + "(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$"));
    }

    @Test
    void componentsMustExistAndDeclareTheirParameters() {
        String missing = "arn:aws:imagebuilder:us-east-1:" + ACCOUNT + ":component/absent/1.0.0/1";
        assertError(() -> ib.createImageRecipe(recipe("missing-component", "1.0.0").components(ComponentConfiguration.builder()
                        .componentArn(missing).build()).build()),
                ResourceNotFoundException.class, 404, "The resource ARN '" + missing + "' was not found.");
        assertError(() -> ib.createImageRecipe(recipe("undeclared", "1.0.0").components(ComponentConfiguration.builder()
                        .componentArn(component).parameters(ComponentParameter.builder().name("greeting").value("x").build(),
                                ComponentParameter.builder().name("colour").value("red").build()).build()).build()),
                InvalidParameterCombinationException.class, 400,
                "The value supplied for parameter 'components[0].parameters' is not valid. "
                        + "The following parameters are not defined in the provided component: colour");
        String foreign = "arn:aws:imagebuilder:us-east-1:999999999999:component/hello/1.0.0/1";
        assertError(() -> ib.createImageRecipe(recipe("foreign", "1.0.0").components(ComponentConfiguration.builder()
                        .componentArn(foreign).build()).build()),
                ForbiddenException.class, 403,
                "The account " + ACCOUNT + " is not authorized to access the resource ARN '" + foreign + "'.");
        // version and wildcard ARNs resolve to the latest matching build
        for (String arn : List.of("arn:aws:imagebuilder:us-east-1:" + ACCOUNT + ":component/hello/1.2.0",
                "arn:aws:imagebuilder:us-east-1:" + ACCOUNT + ":component/hello/x.x.x")) {
            ib.createImageRecipe(recipe("wild-" + arn.length() + arn.charAt(arn.length() - 1), "1.0.0")
                    .components(ComponentConfiguration.builder().componentArn(arn)
                            .parameters(ComponentParameter.builder().name("target").value("world").build()).build()).build());
        }
        String none = "arn:aws:imagebuilder:us-east-1:" + ACCOUNT + ":component/hello/2.x.x";
        assertError(() -> ib.createImageRecipe(recipe("wild-none", "1.0.0").components(ComponentConfiguration.builder()
                        .componentArn(none).build()).build()),
                ResourceNotFoundException.class, 404, "The resource ARN '" + none + "' was not found.");
    }

    @Test
    void clientTokensReplayTheFirstAnswer() {
        CreateImageRecipeResponse first = ib.createImageRecipe(recipe("idem", "1.0.x").clientToken("idem-token").build());
        CreateImageRecipeResponse again = ib.createImageRecipe(recipe("idem", "1.0.x").clientToken("idem-token").build());
        assertThat(again.imageRecipeArn()).isEqualTo(first.imageRecipeArn()).endsWith("/idem/1.0.0");
        assertThat(again.requestId()).isEqualTo(again.responseMetadata().requestId()).isNotEqualTo(first.requestId());
        assertThat(ib.listImageRecipes(b -> b.filters(Filter.builder().name("name").values("idem").build()))
                .imageRecipeSummaryList()).hasSize(1);
        assertError(() -> ib.createImageRecipe(recipe("idem", "1.0.x").description("other").clientToken("idem-token").build()),
                IdempotentParameterMismatchException.class, 400,
                "The client token 'idem-token' was used with different request parameters.");
    }

    @Test
    void listsPageAndFilter() {
        try (TestServer own = TestServer.embedded()) {
            ImagebuilderClient client = own.imagebuilder();
            String comp = ComponentRows.insert(own, ACCOUNT, "us-east-1", "hello", "1.0.0", 1);
            for (String name : List.of("delta", "alpha", "charlie", "bravo", "echo")) {
                client.createImageRecipe(b -> b.name(name).semanticVersion("1.0.0").parentImage(name.equals("echo") ? "windows-ami" : "ami-1")
                        .components(ComponentConfiguration.builder().componentArn(comp).build()));
            }
            client.createImageRecipe(b -> b.name("alpha").semanticVersion("0.9.0").parentImage("ami-1")
                    .components(ComponentConfiguration.builder().componentArn(comp).build()));
            List<String> seen = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                String t = token;
                ListImageRecipesResponse page = client.listImageRecipes(b -> b.maxResults(2).nextToken(t));
                assertThat(page.requestId()).isEqualTo(page.responseMetadata().requestId());
                page.imageRecipeSummaryList().forEach(s -> seen.add(s.arn().substring(s.arn().indexOf("image-recipe/") + 13)));
                token = page.nextToken();
                pages++;
            } while (token != null);
            assertThat(pages).isEqualTo(3);
            assertThat(seen).containsExactly("alpha/0.9.0", "alpha/1.0.0", "bravo/1.0.0", "charlie/1.0.0", "delta/1.0.0", "echo/1.0.0");
            assertThat(client.listImageRecipesPaginator(b -> b.maxResults(4)).imageRecipeSummaryList().stream().count()).isEqualTo(6);

            ImageRecipeSummary echo = client.listImageRecipes(b -> b.filters(Filter.builder().name("platform").values("Windows").build()))
                    .imageRecipeSummaryList().get(0);
            assertThat(echo.name()).isEqualTo("echo");
            assertThat(echo.owner()).isEqualTo(ACCOUNT);
            assertThat(echo.dateCreated()).matches(DATE);
            assertThat(echo.tags()).isEmpty();
            assertThat(client.listImageRecipes(b -> b.filters(Filter.builder().name("name").values("alpha", "bravo").build(),
                    Filter.builder().name("parentImage").values("ami-1").build())).imageRecipeSummaryList()).hasSize(3);
            assertThat(client.listImageRecipes(b -> b.owner("Amazon")).imageRecipeSummaryList()).isEmpty();

            String firstToken = client.listImageRecipes(b -> b.maxResults(1)).nextToken();
            assertError(() -> client.listImageRecipes(b -> b.maxResults(1).nextToken("garbage")),
                    InvalidPaginationTokenException.class, 400, "The provided pagination token is not valid.");
            assertError(() -> client.listImageRecipes(b -> b.maxResults(1).nextToken(firstToken)
                            .filters(Filter.builder().name("name").values("alpha").build())),
                    InvalidPaginationTokenException.class, 400, "The provided pagination token is not valid.");
            assertError(() -> client.listInfrastructureConfigurations(b -> b.nextToken(firstToken)),
                    InvalidPaginationTokenException.class, 400, "The provided pagination token is not valid.");
            assertError(() -> client.listImageRecipes(b -> b.maxResults(26)), InvalidParameterValueException.class, 400,
                    invalid("maxResults", "Member must have value less than or equal to 25"));
            assertError(() -> client.listImageRecipes(b -> b.filters(Filter.builder().name("colour").values("x").build())),
                    InvalidParameterValueException.class, 400,
                    invalid("filters[0].name", "The filter name 'colour' is not supported. Supported filter names: name, parentImage, platform."));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void accountsAreIsolatedAndForeignArnsForbidden() {
        String arn = ib.createImageRecipe(recipe("mine", "1.0.0").build()).imageRecipeArn();
        ImagebuilderClient other = server.imagebuilder("111111111111", "us-east-1");
        assertError(() -> other.getImageRecipe(b -> b.imageRecipeArn(arn)), ForbiddenException.class, 403,
                "The account 111111111111 is not authorized to access the resource ARN '" + arn + "'.");
        assertError(() -> other.deleteImageRecipe(b -> b.imageRecipeArn(arn)), ForbiddenException.class, 403,
                "The account 111111111111 is not authorized to access the resource ARN '" + arn + "'.");
        assertThat(other.listImageRecipes(b -> b.maxResults(25)).imageRecipeSummaryList()).isEmpty();
        ImagebuilderClient west = server.imagebuilder(TestServer.ACCESS_KEY, "us-west-2");
        assertThat(west.listImageRecipes(b -> b.maxResults(25)).imageRecipeSummaryList()).isEmpty();
        assertError(() -> west.getImageRecipe(b -> b.imageRecipeArn(arn)), ResourceNotFoundException.class, 404,
                "The resource ARN '" + arn + "' was not found.");
    }

    @Test
    void recipesSurviveARestart() throws Exception {
        try (TestServer own = TestServer.embedded()) {
            String comp = ComponentRows.insert(own, ACCOUNT, "us-east-1", "hello", "1.0.0", 1);
            String arn = own.imagebuilder().createImageRecipe(b -> b.name("durable").semanticVersion("2.0.0")
                    .parentImage("ami-1").tags(Map.of("k", "v"))
                    .components(ComponentConfiguration.builder().componentArn(comp).build())).imageRecipeArn();
            String token = own.imagebuilder().listImageRecipes(b -> b.maxResults(1)).nextToken();
            own.restart();
            ImageRecipe recipe = own.imagebuilder().getImageRecipe(b -> b.imageRecipeArn(arn)).imageRecipe();
            assertThat(recipe.version()).isEqualTo("2.0.0");
            assertThat(recipe.tags()).containsEntry("k", "v");
            assertThat(own.imagebuilder().createImageRecipe(b -> b.name("durable").semanticVersion("2.x.x").parentImage("ami-1")
                    .components(ComponentConfiguration.builder().componentArn(comp).build())).imageRecipeArn()).endsWith("/2.1.0");
            assertThat(token).isNull();
        }
    }
}
