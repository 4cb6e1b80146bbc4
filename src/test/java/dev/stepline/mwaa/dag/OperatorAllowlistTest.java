package dev.stepline.mwaa.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorAllowlistTest {

    @Test
    void defaultListCoversTheSpecTable() {
        OperatorAllowlist list = OperatorAllowlist.defaults();
        assertThat(list.size()).isEqualTo(210);
        assertThat(list.contains("airflow.providers.standard.operators.empty.EmptyOperator")).isTrue();
        assertThat(list.contains("airflow.operators.bash.BashOperator")).isTrue();
        assertThat(list.contains("airflow.providers.amazon.aws.operators.s3.S3ListOperator")).isTrue();
        assertThat(list.contains("airflow.providers.amazon.aws.sensors.base_aws.AwsBaseSensor")).isTrue();
        assertThat(list.contains("airflow.providers.amazon.aws.operators.sagemaker_unified_studio.SageMakerNotebookOperator"))
                .isTrue();
        assertThat(list.contains("airflow.providers.amazon.aws.operators.mwaa.MwaaTriggerDagRunOperator")).isFalse();
        assertThat(list.contains("airflow.operators.python.BranchPythonOperator")).isFalse();
        assertThat(list.contains("S3ListOperator")).isFalse();
        assertThat(list.classPaths()).allMatch(c -> c.startsWith("airflow."));
    }

    @Test
    void specsKnowTheirKind() {
        OperatorSpec sensor = OperatorAllowlist.defaults()
                .find("airflow.providers.amazon.aws.sensors.s3.S3KeySensor").orElseThrow();
        assertThat(sensor.isSensor()).isTrue();
        assertThat(sensor.isAws()).isTrue();
        assertThat(sensor.simpleName()).isEqualTo("S3KeySensor");
        assertThat(sensor.requiredArguments()).containsExactly("bucket_key");
        assertThat(sensor.arguments()).isEmpty();

        OperatorSpec bash = OperatorAllowlist.defaults()
                .find("airflow.providers.standard.operators.bash.BashOperator").orElseThrow();
        assertThat(bash.isSensor()).isFalse();
        assertThat(bash.isAws()).isFalse();
        assertThat(bash.arguments()).hasValueSatisfying(a -> assertThat(a).contains("bash_command", "env", "cwd"));
        assertThat(OperatorAllowlist.defaults().find("airflow.operators.empty.EmptyOperator").orElseThrow().arguments())
                .hasValueSatisfying(a -> assertThat(a).isEmpty());
    }

    @Test
    void userSuppliedFileReplacesTheDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ops.txt");
        Files.writeString(file, """
                # only our own operator
                com.example.ops.MyOperator required=target arguments=target,level   # trailing comment

                """);
        OperatorAllowlist list = OperatorAllowlist.load(file);
        assertThat(list.classPaths()).containsExactly("com.example.ops.MyOperator");

        DagDefinition dag = DagDefinition.parse("d:\n  tasks:\n    t: {operator: com.example.ops.MyOperator, target: x}\n",
                list);
        assertThat(dag.tasks().get("t").operatorName()).isEqualTo("MyOperator");
        assertThatThrownBy(() -> DagDefinition.parse(
                "d:\n  tasks:\n    t: {operator: airflow.operators.empty.EmptyOperator}\n", list))
                .hasMessage("operator 'airflow.operators.empty.EmptyOperator' is not supported");
        assertThatThrownBy(() -> DagDefinition.parse(
                "d:\n  tasks:\n    t: {operator: com.example.ops.MyOperator, target: x, colour: red}\n", list))
                .hasMessage("Invalid arguments were passed to MyOperator (task_id: t). Invalid arguments were:\n"
                        + "**kwargs: {'colour': 'red'}");
    }

    @Test
    void malformedFilesNameTheLine() {
        assertThatThrownBy(() -> OperatorAllowlist.parse("a.B\nnot a class path\n", "ops.txt"))
                .hasMessage("ops.txt:2: not a fully-qualified class path: not");
        assertThatThrownBy(() -> OperatorAllowlist.parse("a.B colour=red\n", "ops.txt"))
                .hasMessage("ops.txt:1: unknown attribute colour=red");
        assertThatThrownBy(() -> OperatorAllowlist.parse("Bare\n", "ops.txt"))
                .hasMessage("ops.txt:1: not a fully-qualified class path: Bare");
        assertThatThrownBy(() -> OperatorAllowlist.parse("a.B\na.B\n", "ops.txt"))
                .hasMessage("ops.txt:2: duplicate entry a.B");
        assertThatThrownBy(() -> OperatorAllowlist.parse("a.B required=x arguments=y\n", "ops.txt"))
                .hasMessage("ops.txt:1: required arguments must also be listed in arguments=");
        assertThatThrownBy(() -> OperatorAllowlist.parse("a.B required=x-y\n", "ops.txt"))
                .hasMessage("ops.txt:1: invalid argument name 'x-y'");
    }
}
