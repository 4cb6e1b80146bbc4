package dev.stepline.mwaa.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {
    private final IdGenerator ids = IdGenerator.secure();

    @RepeatedTest(20)
    void generatedIdsSatisfyTheModel() {
        assertThat(ids.workflowVersion()).matches(MwaaPatterns.WORKFLOW_VERSION).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(ids.runId()).matches(MwaaPatterns.ID_STRING).hasSize(15).matches("[A-Za-z0-9]{15}");
        assertThat(ids.arnSuffix()).matches("[a-z0-9]{10}");
        assertThat(UUID.fromString(ids.revisionId()).version()).isEqualTo(4);
        WorkflowArn arn = ids.workflowArn("aws", "us-east-1", "123456789012", "order_report");
        assertThat(arn.toString()).matches(MwaaPatterns.WORKFLOW_ARN);
        assertThat(WorkflowArn.parse(arn.toString())).contains(arn);
        TaskInstanceId ti = ids.firstTaskInstanceId("create_bucket");
        assertThat(ti.attempt()).isEqualTo(1);
        assertThat(ti.toString()).matches(MwaaPatterns.ID_STRING);
        assertThat(UUID.fromString(ti.executionUuid()).variant()).isEqualTo(2);
    }

    @Test
    void seededGeneratorsAreDeterministic() {
        IdGenerator a = new IdGenerator(new SplittableRandom(42));
        IdGenerator b = new IdGenerator(new SplittableRandom(42));
        assertThat(a.runId()).isEqualTo(b.runId());
        assertThat(a.workflowVersion()).isEqualTo(b.workflowVersion());
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ids.runId())).isTrue();
        }
    }

    @Test
    void longestAllowedTaskIdFitsTheIdStringLimit() {
        TaskInstanceId ti = new TaskInstanceId(ids.taskExecutionUuid(), "t".repeat(213), 4);
        assertThat(ti.toString()).hasSize(MwaaPatterns.ID_STRING_MAX);
    }
}
