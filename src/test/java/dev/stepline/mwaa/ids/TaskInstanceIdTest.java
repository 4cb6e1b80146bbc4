package dev.stepline.mwaa.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskInstanceIdTest {

    @Test
    void observedFormatRoundTrips() {
        String observed = "ex_5496697b-900d-4008-8d6f-5e43767d6e36_create_bucket_1";
        TaskInstanceId id = TaskInstanceId.parse(observed).orElseThrow();
        assertThat(id.executionUuid()).isEqualTo("5496697b-900d-4008-8d6f-5e43767d6e36");
        assertThat(id.taskId()).isEqualTo("create_bucket");
        assertThat(id.attempt()).isEqualTo(1);
        assertThat(id).hasToString(observed);
        assertThat(MwaaPatterns.matches(MwaaPatterns.ID_STRING, observed)).isTrue();
    }

    @Test
    void taskIdsEndingInDigitsParseCorrectly() {
        TaskInstanceId id = new TaskInstanceId("5496697b-900d-4008-8d6f-5e43767d6e36", "step_2", 3);
        assertThat(TaskInstanceId.parse(id.toString())).contains(id);
        assertThat(id.withAttempt(4).toString()).isEqualTo("ex_5496697b-900d-4008-8d6f-5e43767d6e36_step_2_4");
    }

    @Test
    void rejectsOtherShapes() {
        assertThat(TaskInstanceId.parse("ex_notauuid_t_1")).isEmpty();
        assertThat(TaskInstanceId.parse("ex_5496697b-900d-4008-8d6f-5e43767d6e36_t_0")).isEmpty();
        assertThat(TaskInstanceId.parse("ex_5496697b-900d-4008-8d6f-5e43767d6e36_t")).isEmpty();
        assertThat(TaskInstanceId.parse("5496697b-900d-4008-8d6f-5e43767d6e36_t_1")).isEmpty();
        assertThat(TaskInstanceId.parse(null)).isEmpty();
        assertThatThrownBy(() -> new TaskInstanceId("5496697b-900d-4008-8d6f-5e43767d6e36", "t", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
