package dev.stepline.imagebuilder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.Component;
import software.amazon.awssdk.services.imagebuilder.model.ComponentParameterDetail;
import software.amazon.awssdk.services.imagebuilder.model.ComponentStatus;
import software.amazon.awssdk.services.imagebuilder.model.ComponentSummary;
import software.amazon.awssdk.services.imagebuilder.model.ComponentType;
import software.amazon.awssdk.services.imagebuilder.model.ComponentVersion;
import software.amazon.awssdk.services.imagebuilder.model.CreateComponentRequest;
import software.amazon.awssdk.services.imagebuilder.model.CreateComponentResponse;
import software.amazon.awssdk.services.imagebuilder.model.DeleteComponentResponse;
import software.amazon.awssdk.services.imagebuilder.model.DryRunOperationException;
import software.amazon.awssdk.services.imagebuilder.model.Filter;
import software.amazon.awssdk.services.imagebuilder.model.ForbiddenException;
import software.amazon.awssdk.services.imagebuilder.model.GetComponentResponse;
import software.amazon.awssdk.services.imagebuilder.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidPaginationTokenException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterValueException;
import software.amazon.awssdk.services.imagebuilder.model.ListComponentsResponse;
import software.amazon.awssdk.services.imagebuilder.model.Ownership;
import software.amazon.awssdk.services.imagebuilder.model.Platform;
import software.amazon.awssdk.services.imagebuilder.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceNotFoundException;

/** The component operations through the real SDK. */
class ComponentsTest {
    static final String ACCOUNT = "444455556666";
    static final String PREFIX = "arn:aws:imagebuilder:us-east-1:" + ACCOUNT + ":component/";
    static final String IPV = "The value supplied for parameter '";

    static TestServer server;
    static ImagebuilderClient ib;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        ib = server.imagebuilder(ACCOUNT, "us-east-1");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static CreateComponentResponse create(String name, String version, String data) {
        return ib.createComponent(b -> b.name(name).semanticVersion(version).platform(Platform.LINUX).data(data));
    }

    @Test
    void createThenGetEchoesTheModelFieldsAndTheRequestId() {
        CreateComponentResponse created = ib.createComponent(b -> b.name("Hello World").semanticVersion("1.0.0")
                .platform(Platform.LINUX).supportedOsVersions("Amazon Linux 2023").data(Documents.BUILD_COMPONENT)
                .description("Says hello").changeDescription("first").kmsKeyId("alias/key").tags(Map.of("team", "a"))
                .clientToken("component-token"));
        String arn = PREFIX + "hello-world/1.0.0/1";
        assertThat(created.componentBuildVersionArn()).isEqualTo(arn);
        assertThat(created.clientToken()).isEqualTo("component-token");
        assertThat(created.requestId()).isEqualTo(created.responseMetadata().requestId()).isNotBlank();
        assertThat(created.latestVersionReferences().latestMinorVersionArn()).isEqualTo(PREFIX + "hello-world/1.0.x");

        GetComponentResponse got = ib.getComponent(b -> b.componentBuildVersionArn(arn));
        assertThat(got.requestId()).isEqualTo(got.responseMetadata().requestId()).isNotEqualTo(created.requestId());
        Component c = got.component();
        assertThat(c.arn()).isEqualTo(arn);
        assertThat(c.name()).isEqualTo("Hello World");
        assertThat(c.version()).isEqualTo("1.0.0");
        assertThat(c.type()).isEqualTo(ComponentType.BUILD);
        assertThat(c.platform()).isEqualTo(Platform.LINUX);
        assertThat(c.supportedOsVersions()).containsExactly("Amazon Linux 2023");
        assertThat(c.owner()).isEqualTo(ACCOUNT);
        assertThat(c.data()).isEqualTo(Documents.BUILD_COMPONENT);
        assertThat(c.description()).isEqualTo("Says hello");
        assertThat(c.changeDescription()).isEqualTo("first");
        assertThat(c.kmsKeyId()).isEqualTo("alias/key");
        assertThat(c.encrypted()).isTrue();
        assertThat(c.state().status()).isEqualTo(ComponentStatus.ACTIVE);
        assertThat(c.tags()).containsExactly(Map.entry("team", "a"));
        assertThat(c.parameters()).containsExactly(ComponentParameterDetail.builder().name("greeting").type("string")
                .defaultValue("Hello").description("What to say.").build());
        assertThat(c.dateCreated()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        CreateComponentResponse replay = ib.createComponent(CreateComponentRequest.builder().name("Hello World")
                .semanticVersion("1.0.0").platform(Platform.LINUX).supportedOsVersions("Amazon Linux 2023")
                .data(Documents.BUILD_COMPONENT).description("Says hello").changeDescription("first").kmsKeyId("alias/key")
                .tags(Map.of("team", "a")).clientToken("component-token").build());
        assertThat(replay.componentBuildVersionArn()).isEqualTo(arn);
        assertThat(replay.requestId()).as("a replay carries its own request id").isEqualTo(replay.responseMetadata().requestId());
        assertThatThrownBy(() -> ib.createComponent(b -> b.name("Hello World").semanticVersion("1.0.1")
                .platform(Platform.LINUX).data(Documents.BUILD_COMPONENT).clientToken("component-token")))
                .isInstanceOf(IdempotentParameterMismatchException.class);
    }

    @Test
    void typeComesFromThePhasesAndTagsAreEmptyWhenNone() {
        String arn = create("tester", "1.0.0", Documents.TEST_COMPONENT).componentBuildVersionArn();
        Component c = ib.getComponent(b -> b.componentBuildVersionArn(arn)).component();
        assertThat(c.type()).isEqualTo(ComponentType.TEST);
        assertThat(c.tags()).isEmpty();
        assertThat(c.parameters()).isEmpty();
    }

    @Test
    void buildNumbersWildcardsAndIdenticalContent() {
        assertThat(create("versions", "1.0.0", Documents.BUILD_COMPONENT).componentBuildVersionArn()).endsWith("/1.0.0/1");
        assertThatThrownBy(() -> create("versions", "1.0.0", Documents.BUILD_COMPONENT))
                .isInstanceOf(ResourceAlreadyExistsException.class)
                .hasMessageStartingWith("The following resource 'Component' already exists: '" + PREFIX + "versions/1.0.0/1'.");
        String second = ib.createComponent(b -> b.name("versions").semanticVersion("1.0.0").platform(Platform.WINDOWS)
                .data(Documents.BUILD_COMPONENT)).componentBuildVersionArn();
        assertThat(second).endsWith("/1.0.0/2");
        create("versions", "1.2.0", Documents.BUILD_COMPONENT);
        assertThat(ib.getComponent(b -> b.componentBuildVersionArn(PREFIX + "versions/x.x.x")).component().arn())
                .isEqualTo(PREFIX + "versions/1.2.0/1");
        assertThat(ib.getComponent(b -> b.componentBuildVersionArn(PREFIX + "versions/1.0.x")).component().arn())
                .isEqualTo(PREFIX + "versions/1.0.0/2");
        assertThat(ib.listComponentBuildVersions(b -> b.componentVersionArn(PREFIX + "versions/1.0.0")).componentSummaryList())
                .extracting(ComponentSummary::arn).containsExactly(PREFIX + "versions/1.0.0/2", PREFIX + "versions/1.0.0/1");
        DeleteComponentResponse deleted = ib.deleteComponent(b -> b.componentBuildVersionArn(second));
        assertThat(deleted.componentBuildVersionArn()).isEqualTo(second);
        assertThat(deleted.requestId()).isEqualTo(deleted.responseMetadata().requestId());
        assertThat(ib.createComponent(b -> b.name("versions").semanticVersion("1.0.0").platform(Platform.MAC_OS)
                .data(Documents.BUILD_COMPONENT)).componentBuildVersionArn()).endsWith("/1.0.0/3");
        assertThatThrownBy(() -> ib.getComponent(b -> b.componentBuildVersionArn(second)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("The resource ARN '" + second + "' was not found.");
        assertThatThrownBy(() -> ib.deleteComponent(b -> b.componentBuildVersionArn(second)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void validationAndDocumentSources() {
        assertThatThrownBy(() -> ib.createComponent(b -> b.name("valid").semanticVersion("1.0.0").data(Documents.BUILD_COMPONENT)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "platform' is not valid. Member must not be null");
        assertThatThrownBy(() -> ib.createComponent(b -> b.name("valid").semanticVersion("1.0.0").platform("Solaris")
                .data(Documents.BUILD_COMPONENT)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "platform' is not valid. Member must satisfy enum value set: [Windows, Linux, macOS]");
        assertThatThrownBy(() -> ib.createComponent(b -> b.name("valid").semanticVersion("1.0.0").platform(Platform.LINUX)
                .supportedOsVersions(List.of()).data(Documents.BUILD_COMPONENT)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "supportedOsVersions' is not valid. Member must have length greater than or equal to 1");
        assertThatThrownBy(() -> create("valid", "1.0.0", "schemaVersion: 1.0\nphases: []\n"))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "data' is not valid. ");
        assertThatThrownBy(() -> ib.createComponent(b -> b.name("valid").semanticVersion("1.0.0").platform(Platform.LINUX)))
                .isInstanceOf(InvalidParameterCombinationException.class);
        assertThatThrownBy(() -> ib.createComponent(b -> b.name("valid").semanticVersion("1.0.0").platform(Platform.LINUX)
                .data(Documents.BUILD_COMPONENT).dryRun(true)))
                .isInstanceOf(DryRunOperationException.class);
        assertThatThrownBy(() -> ib.getComponent(b -> b.componentBuildVersionArn(PREFIX + "valid/x.x.x")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> ib.getComponent(b -> b.componentBuildVersionArn("arn:aws:imagebuilder:us-east-1:"
                + ACCOUNT + ":image-recipe/valid/1.0.0")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "componentBuildVersionArn' is not valid. componentBuildVersionArn must match pattern");

        var s3 = server.s3();
        s3.createBucket(b -> b.bucket("component-docs"));
        s3.putObject(b -> b.bucket("component-docs").key("test.yaml"), RequestBody.fromString(Documents.TEST_COMPONENT));
        String arn = ib.createComponent(b -> b.name("from-s3").semanticVersion("1.0.0").platform(Platform.LINUX)
                .uri("s3://component-docs/test.yaml")).componentBuildVersionArn();
        assertThat(ib.getComponent(b -> b.componentBuildVersionArn(arn)).component().data()).isEqualTo(Documents.TEST_COMPONENT);
    }

    @Test
    void listComponentsByVersionWithFiltersByNameAndPages() {
        ImagebuilderClient own = server.imagebuilder("555566667777", "us-east-1");
        String p = "arn:aws:imagebuilder:us-east-1:555566667777:component/";
        own.createComponent(b -> b.name("linux-one").semanticVersion("1.0.0").platform(Platform.LINUX)
                .supportedOsVersions("Amazon Linux 2", "Amazon Linux 2023").data(Documents.BUILD_COMPONENT));
        own.createComponent(b -> b.name("linux-one").semanticVersion("1.0.0").platform(Platform.LINUX)
                .description("rebuilt").data(Documents.BUILD_COMPONENT));
        own.createComponent(b -> b.name("linux-one").semanticVersion("2.0.0").platform(Platform.LINUX)
                .data(Documents.BUILD_COMPONENT));
        own.createComponent(b -> b.name("win-test").semanticVersion("1.0.0").platform(Platform.WINDOWS)
                .supportedOsVersions("Microsoft Windows Server 2022").data(Documents.TEST_COMPONENT));

        List<ComponentVersion> all = own.listComponents(b -> {}).componentVersionList();
        assertThat(all).extracting(ComponentVersion::arn)
                .containsExactly(p + "linux-one/1.0.0", p + "linux-one/2.0.0", p + "win-test/1.0.0");
        assertThat(all.get(0).description()).as("the latest build stands for the version").isEqualTo("rebuilt");
        assertThat(all.get(0).status()).isEqualTo(ComponentStatus.ACTIVE);
        assertThat(all.get(2).type()).isEqualTo(ComponentType.TEST);

        assertThat(own.listComponents(b -> b.filters(Filter.builder().name("platform").values("Windows").build()))
                .componentVersionList()).extracting(ComponentVersion::name).containsExactly("win-test");
        assertThat(own.listComponents(b -> b.filters(Filter.builder().name("supportedOsVersion")
                .values("Microsoft Windows Server 2022").build())).componentVersionList())
                .extracting(ComponentVersion::name).containsExactly("win-test");
        assertThat(own.listComponents(b -> b.filters(Filter.builder().name("type").values("BUILD").build()))
                .componentVersionList()).hasSize(2);
        assertThat(own.listComponents(b -> b.byName(true)).componentVersionList()).extracting(ComponentVersion::arn)
                .containsExactly(p + "linux-one/2.0.0", p + "win-test/1.0.0");
        assertThatThrownBy(() -> own.listComponents(b -> b.byName(true)
                .filters(Filter.builder().name("version").values("1.0.0").build())))
                .isInstanceOf(InvalidParameterCombinationException.class);
        assertThat(own.listComponents(b -> b.owner(Ownership.AMAZON)).componentVersionList()).isEmpty();

        ListComponentsResponse first = own.listComponents(b -> b.maxResults(2));
        assertThat(first.requestId()).isEqualTo(first.responseMetadata().requestId());
        List<String> paged = new ArrayList<>(first.componentVersionList().stream().map(ComponentVersion::arn).toList());
        paged.addAll(own.listComponents(b -> b.maxResults(2).nextToken(first.nextToken())).componentVersionList()
                .stream().map(ComponentVersion::arn).toList());
        assertThat(paged).containsExactlyElementsOf(all.stream().map(ComponentVersion::arn).toList());
        assertThatThrownBy(() -> own.listComponents(b -> b.nextToken("bm90IGEgdG9rZW4")))
                .isInstanceOf(InvalidPaginationTokenException.class);
        assertThat(own.listComponentBuildVersionsPaginator(b -> b.maxResults(1)).componentSummaryList())
                .extracting(ComponentSummary::arn)
                .containsExactly(p + "linux-one/2.0.0/1", p + "linux-one/1.0.0/2", p + "linux-one/1.0.0/1", p + "win-test/1.0.0/1");
    }

    @Test
    void otherAccountsAreForbiddenAndPoliciesAreAbsent() {
        String arn = create("shared-not", "1.0.0", Documents.BUILD_COMPONENT).componentBuildVersionArn();
        ImagebuilderClient other = server.imagebuilder("666677778888", "us-east-1");
        assertThatThrownBy(() -> other.getComponent(b -> b.componentBuildVersionArn(arn))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> other.deleteComponent(b -> b.componentBuildVersionArn(arn))).isInstanceOf(ForbiddenException.class);
        assertThat(other.listComponents(b -> {}).componentVersionList()).isEmpty();
        assertThatThrownBy(() -> ib.getComponentPolicy(b -> b.componentArn(arn)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("The resource policy for the resource ARN '" + arn + "' was not found.");
        assertThatThrownBy(() -> ib.getComponentPolicy(b -> b.componentArn(PREFIX + "none/1.0.0/1")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("The resource ARN '" + PREFIX + "none/1.0.0/1' was not found.");
    }
}
