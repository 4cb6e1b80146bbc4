package dev.stepline.mwaa.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MwaaPatternsTest {
    private static final Path MODEL = Path.of("/work/shared/aws-models/mwaa-serverless/2024-07-26/service-2.json");

    /** The constants are the model's patterns verbatim (checked when the model is available here). */
    @Test
    void patternsMatchTheServiceModel() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(MODEL), "service model not available");
        JsonNode shapes = JsonMapper.builder().build().readTree(Files.readString(MODEL)).get("shapes");
        Map<String, Pattern> expected = Map.of(
                "NameString", MwaaPatterns.NAME,
                "IdString", MwaaPatterns.ID_STRING,
                "WorkflowVersion", MwaaPatterns.WORKFLOW_VERSION,
                "VersionId", MwaaPatterns.VERSION_ID,
                "IdempotencyTokenString", MwaaPatterns.CLIENT_TOKEN,
                "RoleARN", MwaaPatterns.ROLE_ARN,
                "WorkflowArn", MwaaPatterns.WORKFLOW_ARN,
                "TaggableResourceArn", MwaaPatterns.TAGGABLE_RESOURCE_ARN,
                "DescriptionString", MwaaPatterns.DESCRIPTION,
                "SecurityGroupString", MwaaPatterns.SECURITY_GROUP);
        expected.forEach((shape, pattern) ->
                assertThat(pattern.pattern()).as(shape).isEqualTo(shapes.get(shape).get("pattern").asString()));
        assertThat(shapes.get("SubnetString").get("pattern").asString()).isEqualTo(MwaaPatterns.SUBNET.pattern());
        assertThat(shapes.get("WorkflowArn").get("max").intValue()).isEqualTo(MwaaPatterns.WORKFLOW_ARN_MAX);
        assertThat(shapes.get("TaggableResourceArn").get("max").intValue())
                .isEqualTo(MwaaPatterns.TAGGABLE_RESOURCE_ARN_MAX);
    }

    @Test
    void wholeStringMatching() {
        assertThat(MwaaPatterns.matches(MwaaPatterns.NAME, "order_report")).isTrue();
        assertThat(MwaaPatterns.matches(MwaaPatterns.NAME, "bad name")).isFalse();
        assertThat(MwaaPatterns.matches(MwaaPatterns.NAME, "_lead")).isFalse();
        assertThat(MwaaPatterns.matches(MwaaPatterns.DESCRIPTION, "two\nlines")).isFalse();
        assertThat(MwaaPatterns.matches(MwaaPatterns.CLIENT_TOKEN, "a b")).isFalse();
        assertThat(MwaaPatterns.matches(MwaaPatterns.ROLE_ARN, "arn:aws:iam::123456789012:role/mwaa-serverless-exec"))
                .isTrue();
        assertThat(MwaaPatterns.matches(MwaaPatterns.WORKFLOW_VERSION, "9f1c2ab04e7d4c31a5b6c7d8e9f00112")).isTrue();
        assertThat(MwaaPatterns.matches(MwaaPatterns.WORKFLOW_VERSION, "9F1C2AB04E7D4C31A5B6C7D8E9F00112")).isFalse();
        assertThat(MwaaPatterns.matches(MwaaPatterns.NAME, null)).isFalse();
    }
}
