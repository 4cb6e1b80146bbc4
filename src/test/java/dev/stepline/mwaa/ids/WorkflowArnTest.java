package dev.stepline.mwaa.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkflowArnTest {

    @Test
    void parsesTheSpecExample() {
        WorkflowArn arn = WorkflowArn.parse(
                "arn:aws:airflow-serverless:us-east-1:123456789012:workflow/order_report-k3x9q0a7zp").orElseThrow();
        assertThat(arn.partition()).isEqualTo("aws");
        assertThat(arn.region()).isEqualTo("us-east-1");
        assertThat(arn.accountId()).isEqualTo("123456789012");
        assertThat(arn.name()).isEqualTo("order_report");
        assertThat(arn.suffix()).isEqualTo("k3x9q0a7zp");
        assertThat(arn.workflowId()).isEqualTo("order_report-k3x9q0a7zp");
        assertThat(arn.defaultLogGroup()).isEqualTo("/aws/mwaa-serverless/order_report-k3x9q0a7zp/");
        assertThat(arn).hasToString("arn:aws:airflow-serverless:us-east-1:123456789012:workflow/order_report-k3x9q0a7zp");
    }

    @Test
    void namesMayContainDashesAndOtherPartitions() {
        WorkflowArn arn = WorkflowArn.parse(
                "arn:aws-cn:airflow-serverless:cn-north-1:123456789012:workflow/my-work.flow-a1b2c3d4e5").orElseThrow();
        assertThat(arn.partition()).isEqualTo("aws-cn");
        assertThat(arn.name()).isEqualTo("my-work.flow");
        assertThat(arn.suffix()).isEqualTo("a1b2c3d4e5");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "order_report",
        "arn:aws:airflow-serverless:us-east-1:123456789012:workflow/order_report",
        "arn:aws:airflow-serverless:us-east-1:123456789012:workflow/order_report-short",
        "arn:aws:airflow-serverless:us-gov-west-1:123456789012:workflow/x-a1b2c3d4e5",
        "arn:aws:airflow-serverless:us-east-1:12345678901:workflow/x-a1b2c3d4e5",
        "arn:aws:mwaa:us-east-1:123456789012:workflow/x-a1b2c3d4e5",
        "arn:aws:airflow-serverless:us-east-1:123456789012:workflow/_x-a1b2c3d4e5",
        " arn:aws:airflow-serverless:us-east-1:123456789012:workflow/x-a1b2c3d4e5",
    })
    void rejectsWhatTheModelPatternRejects(String arn) {
        assertThat(WorkflowArn.parse(arn)).isEmpty();
    }

    @Test
    void constructorValidates() {
        assertThatThrownBy(() -> new WorkflowArn("aws", "us-east-1", "123456789012", "bad name", "a1b2c3d4e5"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkflowArn("aws", "us-east-1", "123456789012", "n", "TOOSHORT"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void longestNameStillFits() {
        String name = "n".repeat(MwaaPatterns.NAME_MAX);
        WorkflowArn arn = new WorkflowArn("aws", "us-east-1", "123456789012", name, "a1b2c3d4e5");
        assertThat(WorkflowArn.parse(arn.toString())).contains(arn);
    }
}
