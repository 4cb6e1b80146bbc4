package dev.stepline.imagebuilder.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.imagebuilder.WorkflowType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** Documents shaped like the ones people write: approval gates and gated distribution. */
class SampleWorkflowsTest {
    private static final String GATED_DISTRIBUTION = """
            name: gated-release
            description: Hold the tested AMI until someone approves it.
            schemaVersion: 1.0

            parameters:
              - name: topicArn
                type: string
                description: Where to ask for approval.
              - name: shareWith
                type: string
                default: ''

            steps:
              - name: Approve
                action: WaitForAction
                timeoutSeconds: 604800
                inputs:
                  snsTopicArn.$: "$.parameters.topicArn"
                  payload: 'AMI {{ $.workflowOutputs.ImageId }} is ready. RESUME or STOP.'

              - name: Copy
                action: DistributeImage
                inputs:
                  distributions:
                    - region: us-east-1
                      amiTags: {Release: approved}
                    - region: eu-west-1
                      name: 'release-{{ imagebuilder:buildDate }}'

              - name: Share
                action: ModifyImageAttributes
                if:
                  not:
                    stringEquals: ''
                    value: "$.parameters.shareWith"
                inputs:
                  distributedImages.$: "$.stepOutputs.Copy.distributedImages"
                  attributes:
                    - region: eu-west-1
                      launchPermission:
                        userIds: ['{{ $.parameters.shareWith }}']

              - name: Publish
                action: ApplyImageConfigurations
                inputs:
                  distributedImages.$: "$.stepOutputs.Copy.distributedImages"
                  configurations:
                    - region: us-east-1
                      ssmParameterConfigurations:
                        - {parameterName: /release/ami, dataType: 'aws:ec2:image'}
            """;

    @Test
    void gatedDistributionParsesAndResolves() {
        WorkflowDocument doc = WorkflowDocument.parse(GATED_DISTRIBUTION, WorkflowType.DISTRIBUTION);
        assertThat(doc.steps()).extracting(WorkflowStep::action).containsExactly(StepAction.WAIT_FOR_ACTION,
                StepAction.DISTRIBUTE_IMAGE, StepAction.MODIFY_IMAGE_ATTRIBUTES, StepAction.APPLY_IMAGE_CONFIGURATIONS);
        assertThat(doc.parameter("shareWith").orElseThrow().defaultValue()).contains(List.of(""));

        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ResolutionContext ctx = new ResolutionContext(
                Map.of("topicArn", nodes.stringNode("arn:aws:sns:us-east-1:123456789012:approve"),
                        "shareWith", nodes.stringNode("")),
                Map.of(), Map.of("ImageId", nodes.stringNode("ami-1")), Map.of());
        // the share step is skipped when no account is given
        assertThat(Conditions.evaluate(doc.step("Share").orElseThrow().condition().orElseThrow(), ctx)).isFalse();
        assertThat(Resolver.resolveInputs(doc.step("Approve").orElseThrow().inputs(), ctx).get("payload").asString())
                .isEqualTo("AMI ami-1 is ready. RESUME or STOP.");
        assertThat(Resolver.resolveInputs(doc.step("Copy").orElseThrow().inputs(), ctx)
                .at("/distributions/1/name").asString()).isEqualTo("release-{{ imagebuilder:buildDate }}");
    }

    @Test
    void theSameDocumentIsNotABuildWorkflow() {
        assertThatThrownBy(() -> WorkflowDocument.parse(GATED_DISTRIBUTION, WorkflowType.BUILD))
                .hasMessageEndingWith("steps[1].action 'DistributeImage' is not allowed in a BUILD workflow.");
    }

    @Test
    void modifyImageAttributesNeedsDistributedImages() {
        // drop the first distributedImages input, the one of the Share step
        String doc = GATED_DISTRIBUTION.replaceFirst(" *distributedImages\\.\\$: .*\n", "");
        assertThatThrownBy(() -> WorkflowDocument.parse(doc, WorkflowType.DISTRIBUTION))
                .hasMessageEndingWith("steps[2].inputs is missing the input 'distributedImages' that action "
                        + "ModifyImageAttributes requires.");
    }
}
