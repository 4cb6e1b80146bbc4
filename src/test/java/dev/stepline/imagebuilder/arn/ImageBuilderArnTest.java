package dev.stepline.imagebuilder.arn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.imagebuilder.ImageBuilderErrorCode;
import dev.stepline.imagebuilder.ImageBuilderException;
import dev.stepline.imagebuilder.WorkflowType;
import dev.stepline.imagebuilder.version.BuildVersion;
import dev.stepline.imagebuilder.version.SemanticVersion;
import dev.stepline.imagebuilder.version.VersionPattern;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageBuilderArnTest {
    private static final String ACCOUNT = "123456789012";

    @Test
    void buildsEveryKind() {
        BuildVersion bv = BuildVersion.parse("1.0.0/2");
        assertThat(ImageBuilderArn.workflowBuildVersion("us-east-1", ACCOUNT, WorkflowType.BUILD, "my-wf", bv))
                .hasToString("arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/my-wf/1.0.0/2");
        assertThat(ImageBuilderArn.workflowVersion("us-west-2", "aws", WorkflowType.TEST, "test-image",
                VersionPattern.LATEST))
                .hasToString("arn:aws:imagebuilder:us-west-2:aws:workflow/test/test-image/x.x.x");
        assertThat(ImageBuilderArn.component("us-east-1", ACCOUNT, "comp", bv))
                .hasToString("arn:aws:imagebuilder:us-east-1:123456789012:component/comp/1.0.0/2");
        assertThat(ImageBuilderArn.image("us-east-1", ACCOUNT, "mybasicrecipe", bv))
                .hasToString("arn:aws:imagebuilder:us-east-1:123456789012:image/mybasicrecipe/1.0.0/2");
        assertThat(ImageBuilderArn.imageRecipe("us-east-1", ACCOUNT, "r", SemanticVersion.parse("1.2.3")))
                .hasToString("arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.2.3");
        assertThat(ImageBuilderArn.containerRecipe("us-east-1", ACCOUNT, "r", SemanticVersion.parse("1.2.3")))
                .hasToString("arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/r/1.2.3");
        assertThat(ImageBuilderArn.unversioned("us-east-1", ACCOUNT, ResourceKind.INFRASTRUCTURE_CONFIGURATION, "i"))
                .hasToString("arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/i");
        assertThat(ImageBuilderArn.unversioned("us-east-1", ACCOUNT, ResourceKind.DISTRIBUTION_CONFIGURATION, "d"))
                .hasToString("arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/d");
        assertThat(ImageBuilderArn.unversioned("us-east-1", ACCOUNT, ResourceKind.IMAGE_PIPELINE, "p"))
                .hasToString("arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/p");
    }

    @Test
    void parsesAndRoundTrips() {
        String text = "arn:aws:imagebuilder:us-west-2:aws:workflow/build/build-image/1.0.3/1";
        ImageBuilderArn arn = ArnShape.WORKFLOW_VERSION_ARN_OR_BUILD_VERSION_ARN.parse(text, "workflowBuildVersionArn");
        assertThat(arn.kind()).isEqualTo(ResourceKind.WORKFLOW_BUILD);
        assertThat(arn.workflowType()).contains(WorkflowType.BUILD);
        assertThat(arn.owner()).isEqualTo("aws");
        assertThat(arn.isAwsOwned()).isTrue();
        assertThat(arn.name()).isEqualTo("build-image");
        assertThat(arn.buildVersion()).contains(BuildVersion.parse("1.0.3/1"));
        assertThat(arn).hasToString(text);
        assertThat(arn.withoutBuild()).hasToString("arn:aws:imagebuilder:us-west-2:aws:workflow/build/build-image/1.0.3");

        ImageBuilderArn wildcard = ArnShape.WORKFLOW_VERSION_ARN_OR_BUILD_VERSION_ARN.parse(
                "arn:aws:imagebuilder:us-east-1:123456789012:workflow/test/t/1.x.x", "workflowArn");
        assertThat(wildcard.isWildcard()).isTrue();
        assertThat(wildcard.version()).contains(VersionPattern.parse("1.x.x"));
        assertThat(wildcard.buildVersion()).isEmpty();
    }

    @Test
    void parsesUnversionedArns() {
        ImageBuilderArn arn = ImageBuilderArn.parse("arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/p-1");
        assertThat(arn.kind()).isEqualTo(ResourceKind.IMAGE_PIPELINE);
        assertThat(arn.version()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/my-wf/1.0.0",
        "arn:aws:imagebuilder:us-east-1:123456789012:workflow/deploy/my-wf/1.0.0/1",
        "arn:aws:imagebuilder:useast1:123456789012:workflow/build/my-wf/1.0.0/1",
        "arn:aws:imagebuilder:us-east-1:12345678901:workflow/build/my-wf/1.0.0/1",
        "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/My-Wf/1.0.0/1",
    })
    void rejectsWhatTheBuildVersionPatternRejects(String value) {
        assertThatThrownBy(() -> ArnShape.WORKFLOW_BUILD_VERSION_ARN.parse(value, "workflowBuildVersionArn"))
                .isInstanceOfSatisfying(ImageBuilderException.class, e ->
                        assertThat(e.errorCode()).isEqualTo(ImageBuilderErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessage("The value supplied for parameter 'workflowBuildVersionArn' is not valid. "
                        + "workflowBuildVersionArn must match pattern "
                        + ModelPatterns.WORKFLOW_BUILD_VERSION_ARN.pattern());
    }

    @Test
    void outOfRangeVersionNodeInAnArnIsInvalidVersionNumber() {
        assertThatThrownBy(() -> ArnShape.WORKFLOW_BUILD_VERSION_ARN.parse(
                "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/w/1073741824.0.0/1", "workflowBuildVersionArn"))
                .isInstanceOfSatisfying(ImageBuilderException.class, e ->
                        assertThat(e.errorCode()).isEqualTo(ImageBuilderErrorCode.INVALID_VERSION_NUMBER));
    }

    @Test
    void wildcardPatternAcceptsXNodesButTheNameArnOnlyXxx() {
        String base = "arn:aws:imagebuilder:us-east-1:aws-marketplace:workflow/distribution/d/";
        assertThat(ArnShape.WORKFLOW_WILDCARD_VERSION_ARN.matches(base + "1.x.x")).isTrue();
        assertThat(ArnShape.WORKFLOW_NAME_ARN.matches(base + "x.x.x")).isTrue();
        assertThat(ArnShape.WORKFLOW_NAME_ARN.matches(base + "1.x.x")).isFalse();
        assertThat(ArnShape.WORKFLOW_VERSION_ARN.matches(base + "1.0.0")).isTrue();
        assertThat(ArnShape.WORKFLOW_VERSION_ARN.matches(base + "1.0.0/1")).isFalse();
    }

    @Test
    void imageAndComponentPatterns() {
        String image = "arn:aws:imagebuilder:us-east-1:123456789012:image/mybasicrecipe/1.0.0/1";
        assertThat(ArnShape.IMAGE_BUILD_VERSION_ARN.matches(image)).isTrue();
        assertThat(ArnShape.IMAGE_VERSION_ARN.matches(image)).isFalse();
        assertThat(ArnShape.IMAGE_VERSION_ARN_OR_BUILD_VERSION_ARN.matches(image)).isTrue();
        assertThat(ArnShape.IMAGE_VERSION_ARN_OR_BUILD_VERSION_ARN.matches(
                "arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x")).isTrue();
        assertThat(ArnShape.COMPONENT_BUILD_VERSION_ARN.matches(
                "arn:aws:imagebuilder:us-east-1:123456789012:component/c/1.0.0/1")).isTrue();
        assertThat(ArnShape.COMPONENT_VERSION_ARN_OR_BUILD_VERSION_ARN.matches(
                "arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x")).isTrue();
        // recipes accept only an account or plain "aws" owner
        assertThat(ArnShape.IMAGE_RECIPE_ARN.matches(
                "arn:aws:imagebuilder:us-east-1:aws-marketplace:image-recipe/r/1.0.0")).isFalse();
        assertThat(ArnShape.IMAGE_RECIPE_ARN.matches(
                "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.0.x")).isTrue();
        assertThat(ArnShape.CONTAINER_RECIPE_ARN.matches(
                "arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/r/1.0.0")).isTrue();
        assertThat(ArnShape.INFRASTRUCTURE_CONFIGURATION_ARN.matches(
                "arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/i")).isTrue();
        assertThat(ArnShape.DISTRIBUTION_CONFIGURATION_ARN.matches(
                "arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/d")).isTrue();
        assertThat(ArnShape.IMAGE_PIPELINE_ARN.matches(
                "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/p")).isTrue();
        assertThat(ArnShape.IMAGE_BUILDER_ARN.matches(
                "arn:aws:imagebuilder:us-east-1:123456789012:lifecycle-policy/l")).isTrue();
    }

    @Test
    void rejectsTooLongArns() {
        String longName = "a".repeat(1100);
        assertThatThrownBy(() -> ArnShape.WORKFLOW_BUILD_VERSION_ARN.parse(
                "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/" + longName + "/1.0.0/1", "arn"))
                .hasMessageContaining("arn must have length less than or equal to 1024");
    }

    @Test
    void latestVersionReferences() {
        ImageBuilderArn arn = ImageBuilderArn.workflowBuildVersion("us-east-1", ACCOUNT, WorkflowType.BUILD, "my-wf",
                BuildVersion.parse("1.0.0/2"));
        LatestVersionReferences refs = LatestVersionReferences.forResource(arn);
        String base = "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/my-wf/";
        assertThat(refs.latestVersionArn()).isEqualTo(base + "x.x.x");
        assertThat(refs.latestMajorVersionArn()).contains(base + "1.x.x");
        assertThat(refs.latestMinorVersionArn()).contains(base + "1.0.x");
        assertThat(refs.latestPatchVersionArn()).contains(base + "1.0.0");

        ImageBuilderArn managed = ImageBuilderArn.workflowBuildVersion("us-east-1", "aws", WorkflowType.TEST,
                "test-image", BuildVersion.parse("1.0.3/1"));
        LatestVersionReferences managedRefs = LatestVersionReferences.forResource(managed);
        assertThat(managedRefs.latestVersionArn())
                .isEqualTo("arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-image/x.x.x");
        assertThat(managedRefs.latestMajorVersionArn()).isEqualTo(Optional.empty());
        assertThat(managedRefs.latestPatchVersionArn()).isEmpty();
    }

    @Test
    void resourceNamesNormalizeOnlyInTheArn() {
        assertThat(ResourceNames.validate("MyBasicRecipe", "name")).isEqualTo("MyBasicRecipe");
        assertThat(ResourceNames.arnName("MyBasicRecipe")).isEqualTo("mybasicrecipe");
        assertThat(ResourceNames.arnName("My Basic_Recipe-2")).isEqualTo("my-basic_recipe-2");
        assertThatThrownBy(() -> ResourceNames.validate("ab", "name"))
                .hasMessage("The value supplied for parameter 'name' is not valid. name must match pattern "
                        + "^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$");
        assertThatThrownBy(() -> ResourceNames.validate(" abc", "name")).isInstanceOf(ImageBuilderException.class);
        assertThatThrownBy(() -> ResourceNames.validate("a.bc", "name")).isInstanceOf(ImageBuilderException.class);
        assertThatThrownBy(() -> ResourceNames.validate("a".repeat(129), "name"))
                .isInstanceOf(ImageBuilderException.class);
        assertThat(ResourceNames.validate("a".repeat(128), "name")).hasSize(128);
    }

    @Test
    void executionIds() {
        String wf = ExecutionIds.newWorkflowExecutionId();
        String step = ExecutionIds.newStepExecutionId();
        assertThat(ExecutionIds.isWorkflowExecutionId(wf)).isTrue();
        assertThat(ExecutionIds.isStepExecutionId(step)).isTrue();
        assertThat(wf).isEqualTo(wf.toLowerCase());
        assertThat(ExecutionIds.isWorkflowExecutionId(step)).isFalse();
        assertThat(ExecutionIds.isStepExecutionId("step-123")).isFalse();
        assertThat(ExecutionIds.workflowExecutionId(java.util.UUID.fromString("A84C8F41-82F6-4520-97B8-529A24988CF8")))
                .isEqualTo("wf-a84c8f41-82f6-4520-97b8-529a24988cf8");
    }

    @Test
    void modelPatternsForStepsAndGroups() {
        assertThat(ModelPatterns.WORKFLOW_STEP_NAME.matcher("LaunchBuildInstance").matches()).isTrue();
        assertThat(ModelPatterns.WORKFLOW_STEP_NAME.matcher("A").matches()).isFalse();
        assertThat(ModelPatterns.WORKFLOW_STEP_NAME.matcher("1Step").matches()).isFalse();
        assertThat(ModelPatterns.PARALLEL_GROUP.matcher("group#1+a").matches()).isTrue();
        assertThat(ModelPatterns.ROLE_NAME_OR_ARN.matcher("arn:aws:iam::123456789012:role/my-role").matches()).isTrue();
        assertThat(ModelPatterns.TAG_KEY.matcher("aws:reserved").matches()).isFalse();
        assertThat(ModelPatterns.containsNul("a\0b")).isTrue();
    }
}
