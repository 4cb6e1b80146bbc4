package dev.stepline.imagebuilder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.Filter;
import software.amazon.awssdk.services.imagebuilder.model.InvalidPaginationTokenException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterValueException;
import software.amazon.awssdk.services.imagebuilder.model.ListWorkflowsResponse;
import software.amazon.awssdk.services.imagebuilder.model.Ownership;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowSummary;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowVersion;

/** ListWorkflows and ListWorkflowBuildVersions: ordering, filters, byName and paging. */
class WorkflowListingTest {
    static final String ACCOUNT = "333344445555";
    static final String PREFIX = "arn:aws:imagebuilder:us-east-1:" + ACCOUNT + ":workflow/";

    static TestServer server;
    static ImagebuilderClient ib;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        ib = server.imagebuilder(ACCOUNT, "us-east-1");
        create("beta", "1.0.0", WorkflowType.BUILD, null);
        create("beta", "1.0.0", WorkflowType.BUILD, "second build");
        create("beta", "1.10.0", WorkflowType.BUILD, null);
        create("beta", "1.2.0", WorkflowType.BUILD, null);
        create("alpha", "3.0.0", WorkflowType.TEST, null);
        create("Gamma", "0.0.1", WorkflowType.BUILD, null);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static void create(String name, String version, WorkflowType type, String description) {
        ib.createWorkflow(b -> b.name(name).semanticVersion(version).type(type).description(description)
                .data(type == WorkflowType.BUILD ? Documents.BUILD_WORKFLOW : Documents.TEST_WORKFLOW));
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    @Test
    void versionsAreListedByNameThenVersionWithTheLatestBuildsFields() {
        List<WorkflowVersion> list = ib.listWorkflows(b -> {}).workflowVersionList();
        assertThat(list).extracting(WorkflowVersion::arn).containsExactly(
                PREFIX + "test/alpha/3.0.0",
                PREFIX + "build/beta/1.0.0",
                PREFIX + "build/beta/1.2.0",
                PREFIX + "build/beta/1.10.0",
                PREFIX + "build/gamma/0.0.1");
        WorkflowVersion beta = list.get(1);
        assertThat(beta.name()).isEqualTo("beta");
        assertThat(beta.version()).isEqualTo("1.0.0");
        assertThat(beta.description()).isEqualTo("second build");
        assertThat(beta.owner()).isEqualTo(ACCOUNT);
        assertThat(beta.type()).isEqualTo(WorkflowType.BUILD);
        assertThat(list.get(4).name()).isEqualTo("Gamma");
    }

    @Test
    void filtersAndByName() {
        assertThat(ib.listWorkflows(b -> b.filters(filter("name", "beta", "Gamma"))).workflowVersionList())
                .extracting(WorkflowVersion::version).containsExactly("1.0.0", "1.2.0", "1.10.0", "0.0.1");
        assertThat(ib.listWorkflows(b -> b.filters(filter("name", "gamma"))).workflowVersionList())
                .as("filters are case-sensitive").isEmpty();
        assertThat(ib.listWorkflows(b -> b.filters(filter("type", "TEST"))).workflowVersionList())
                .extracting(WorkflowVersion::name).containsExactly("alpha");
        assertThat(ib.listWorkflows(b -> b.filters(filter("name", "beta"), filter("version", "1.2.0", "1.10.0")))
                .workflowVersionList()).extracting(WorkflowVersion::version).containsExactly("1.2.0", "1.10.0");
        assertThat(ib.listWorkflows(b -> b.byName(true)).workflowVersionList())
                .extracting(WorkflowVersion::arn)
                .containsExactly(PREFIX + "test/alpha/3.0.0", PREFIX + "build/beta/1.10.0", PREFIX + "build/gamma/0.0.1");
        assertThatThrownBy(() -> ib.listWorkflows(b -> b.byName(true).filters(filter("version", "1.0.0"))))
                .isInstanceOf(InvalidParameterCombinationException.class)
                .hasMessageStartingWith("The value supplied for parameter 'filters' is not valid. "
                        + "You cannot list workflows by name and filter by version in the same request.");
        assertThatThrownBy(() -> ib.listWorkflows(b -> b.filters(filter("name", "beta"), filter("platform", "Linux"))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("The value supplied for parameter 'filters[1].name' is not valid. "
                        + "The filter name 'platform' is not supported. Supported filter names: name, type, version.");
        assertThatThrownBy(() -> ib.listWorkflows(b -> b.owner("Nobody")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("The value supplied for parameter 'owner' is not valid. Member must satisfy enum value set: "
                        + "[Self, Shared, Amazon, ThirdParty, AWSMarketplace]");
        assertThat(ib.listWorkflows(b -> b.owner(Ownership.SHARED)).workflowVersionList()).isEmpty();
    }

    @Test
    void pagesCoverEveryVersionOnceAndForeignTokensAreRejected() {
        List<String> arns = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListWorkflowsResponse page = ib.listWorkflows(b -> b.maxResults(2).nextToken(t));
            page.workflowVersionList().forEach(v -> arns.add(v.arn()));
            assertThat(page.workflowVersionList()).hasSizeLessThanOrEqualTo(2);
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(arns).containsExactlyElementsOf(ib.listWorkflows(b -> {}).workflowVersionList().stream()
                .map(WorkflowVersion::arn).toList());
        assertThat(ib.listWorkflowsPaginator(b -> b.maxResults(1)).workflowVersionList()).hasSize(5);

        String first = ib.listWorkflows(b -> b.maxResults(1)).nextToken();
        assertThatThrownBy(() -> ib.listWorkflows(b -> b.nextToken("garbage")))
                .isInstanceOf(InvalidPaginationTokenException.class)
                .hasMessageStartingWith("The provided pagination token is not valid.");
        assertThatThrownBy(() -> ib.listWorkflows(b -> b.byName(true).nextToken(first)))
                .as("a token is only good for the same request")
                .isInstanceOf(InvalidPaginationTokenException.class);
        assertThatThrownBy(() -> ib.listWorkflowBuildVersions(b -> b.nextToken(first)))
                .as("a token is only good for the same operation")
                .isInstanceOf(InvalidPaginationTokenException.class);
        assertThatThrownBy(() -> ib.listWorkflows(b -> b.maxResults(26)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("The value supplied for parameter 'maxResults' is not valid. "
                        + "Member must have value less than or equal to 25");
    }

    @Test
    void buildVersionsAreListedNewestFirst() {
        List<WorkflowSummary> beta = ib.listWorkflowBuildVersions(b -> b.workflowVersionArn(PREFIX + "build/beta/x.x.x"))
                .workflowSummaryList();
        assertThat(beta).extracting(WorkflowSummary::arn).containsExactly(
                PREFIX + "build/beta/1.10.0/1",
                PREFIX + "build/beta/1.2.0/1",
                PREFIX + "build/beta/1.0.0/2",
                PREFIX + "build/beta/1.0.0/1");
        assertThat(beta.get(2).description()).isEqualTo("second build");
        assertThat(beta.get(2).owner()).isEqualTo(ACCOUNT);
        assertThat(beta.get(2).tags()).isEmpty();
        assertThat(ib.listWorkflowBuildVersions(b -> b.workflowVersionArn(PREFIX + "build/beta/1.0.0")).workflowSummaryList())
                .extracting(WorkflowSummary::arn).containsExactly(PREFIX + "build/beta/1.0.0/2", PREFIX + "build/beta/1.0.0/1");
        assertThat(ib.listWorkflowBuildVersions(b -> b.workflowVersionArn(PREFIX + "build/nothing/x.x.x")).workflowSummaryList())
                .as("an unknown workflow lists nothing").isEmpty();
        assertThat(ib.listWorkflowBuildVersions(b -> {}).workflowSummaryList()).as("no ARN lists every build").hasSize(6);
        assertThat(ib.listWorkflowBuildVersionsPaginator(b -> b.maxResults(1)).workflowSummaryList()).hasSize(6);
        assertThatThrownBy(() -> ib.listWorkflowBuildVersions(b -> b.workflowVersionArn(PREFIX + "build/beta/1.0.0/1")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("The value supplied for parameter 'workflowVersionArn' is not valid. "
                        + "workflowVersionArn must match pattern");
    }
}
