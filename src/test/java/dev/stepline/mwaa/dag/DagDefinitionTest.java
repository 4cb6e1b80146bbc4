package dev.stepline.mwaa.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** The spec's example definitions (§2.7) and the model built from valid input. */
class DagDefinitionTest {
    static final String EXAMPLE_A = """
            order_report:
              schedule: null
              start_date: "2025-01-01"
              params:
                env: dev
                batch_size: {type: number, default: 100}
              default_args:
                retries: 1
                retry_delay: 60
              tasks:
                begin:
                  operator: airflow.providers.standard.operators.empty.EmptyOperator
                build:
                  operator: airflow.providers.standard.operators.bash.BashOperator
                  bash_command: "echo report-{{ params.env }}-{{ ds_nodash }}-{{ params.batch_size }}"
                  execution_timeout:
                    __type__: datetime.timedelta
                    minutes: 10
                  dependencies: [begin]
                publish:
                  operator: airflow.providers.standard.operators.bash.BashOperator
                  bash_command: "echo publishing {{ ti.xcom_pull(task_ids='build') }}"
                  retries: 3
                  dependencies: [build]
                cleanup:
                  operator: airflow.providers.standard.operators.bash.BashOperator
                  bash_command: "echo cleanup"
                  trigger_rule: all_done
                  dependencies: [publish]
            """;

    static final String EXAMPLE_B = """
            s3_manifest:
              schedule: "30 2 * * *"
              start_date: "2025-06-01"
              end_date: "2026-12-31"
              params:
                bucket: example-data-bucket
              default_args:
                retries: 2
                retry_delay: 120
              tasks:
                list_incoming:
                  operator: airflow.providers.amazon.aws.operators.s3.S3ListOperator
                  bucket: "{{ params.bucket }}"
                  prefix: incoming/
                write_manifest:
                  operator: airflow.providers.amazon.aws.operators.s3.S3CreateObjectOperator
                  s3_bucket: "{{ params.bucket }}"
                  s3_key: "manifests/{{ ds }}.txt"
                  data: "{{ ti.xcom_pull(task_ids='list_incoming') }}"
                  replace: true
                  dependencies: [list_incoming]
                wait_for_ack:
                  operator: airflow.providers.amazon.aws.sensors.s3.S3KeySensor
                  bucket_name: "{{ params.bucket }}"
                  bucket_key: "acks/{{ ds }}.ok"
                  mode: reschedule
                  poke_interval: 60
                  timeout: 1800
                  dependencies: [write_manifest]
            """;

    @Test
    void exampleA() {
        DagDefinition dag = DagDefinition.parse(EXAMPLE_A);

        assertThat(dag.dagId()).isEqualTo("order_report");
        assertThat(dag.schedule()).isEqualTo(Schedule.NONE);
        assertThat(dag.schedule().cronExpression()).isEmpty();
        assertThat(dag.startDate()).contains(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(dag.endDate()).isEmpty();
        assertThat(dag.timezone()).isEqualTo(ZoneOffset.UTC);
        assertThat(dag.maxActiveRuns()).isEqualTo(16);
        assertThat(dag.topologicalOrder()).containsExactly("begin", "build", "publish", "cleanup");
        assertThat(dag.roots()).containsExactly("begin");
        assertThat(dag.leaves()).containsExactly("cleanup");
        assertThat(dag.downstream("build")).containsExactly("publish");
        assertThat(dag.warnings()).isEmpty();

        assertThat(dag.params()).containsOnlyKeys("env", "batch_size");
        assertThat(dag.params().get("env").value().asString()).isEqualTo("dev");
        assertThat(dag.params().get("env").types()).isEmpty();
        assertThat(dag.params().get("batch_size").value().intValue()).isEqualTo(100);
        assertThat(dag.params().get("batch_size").types()).containsExactly("number");

        TaskDefinition begin = dag.tasks().get("begin");
        assertThat(begin.operatorName()).isEqualTo("EmptyOperator");
        assertThat(begin.retries()).isEqualTo(1);
        assertThat(begin.retryDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(begin.executionTimeout()).isEqualTo(Duration.ofMinutes(60));
        assertThat(begin.triggerRule()).isEqualTo(TriggerRule.ALL_SUCCESS);
        assertThat(begin.mode()).isEmpty();
        assertThat(begin.arguments().isEmpty()).isTrue();

        TaskDefinition build = dag.tasks().get("build");
        assertThat(build.operator()).isEqualTo("airflow.providers.standard.operators.bash.BashOperator");
        assertThat(build.operatorName()).isEqualTo("BashOperator");
        assertThat(build.dependencies()).containsExactly("begin");
        assertThat(build.executionTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(build.argument("bash_command").orElseThrow().asString())
                .isEqualTo("echo report-{{ params.env }}-{{ ds_nodash }}-{{ params.batch_size }}");
        assertThat(build.arguments().propertyNames()).containsExactly("bash_command");

        assertThat(dag.tasks().get("publish").retries()).isEqualTo(3);
        assertThat(dag.tasks().get("publish").maxAttempts()).isEqualTo(4);
        assertThat(dag.tasks().get("cleanup").triggerRule()).isEqualTo(TriggerRule.ALL_DONE);
    }

    @Test
    void exampleB() {
        DagDefinition dag = DagDefinition.parse(EXAMPLE_B);

        assertThat(dag.schedule().cronExpression()).contains("30 2 * * *");
        assertThat(dag.schedule()).isInstanceOf(Schedule.Recurring.class);
        Schedule.Recurring cron = (Schedule.Recurring) dag.schedule();
        assertThat(cron.next(ZonedDateTime.parse("2025-06-01T00:00:00Z")))
                .contains(ZonedDateTime.parse("2025-06-01T02:30:00Z"));
        assertThat(dag.startDate()).contains(Instant.parse("2025-06-01T00:00:00Z"));
        assertThat(dag.endDate()).contains(Instant.parse("2026-12-31T00:00:00Z"));
        assertThat(dag.topologicalOrder()).containsExactly("list_incoming", "write_manifest", "wait_for_ack");

        TaskDefinition write = dag.tasks().get("write_manifest");
        assertThat(write.retries()).isEqualTo(2);
        assertThat(write.retryDelay()).isEqualTo(Duration.ofSeconds(120));
        assertThat(write.argument("replace").orElseThrow().booleanValue()).isTrue();
        assertThat(write.operatorName()).isEqualTo("S3CreateObjectOperator");

        TaskDefinition ack = dag.tasks().get("wait_for_ack");
        assertThat(ack.mode()).contains(SensorMode.RESCHEDULE);
        assertThat(ack.argument("poke_interval").orElseThrow().intValue()).isEqualTo(60);
        assertThat(ack.argument("timeout").orElseThrow().intValue()).isEqualTo(1800);
        assertThat(ack.arguments().has("mode")).isFalse();
        assertThat(dag.warnings()).isEmpty();
    }

    @Test
    void sensorModeDefaultsToPoke() {
        DagDefinition dag = DagDefinition.parse("""
                d:
                  tasks:
                    s:
                      operator: airflow.providers.amazon.aws.sensors.s3.S3KeySensor
                      bucket_key: s3://b/k
                """);
        assertThat(dag.tasks().get("s").mode()).contains(SensorMode.POKE);
    }

    @Test
    void topologicalOrderBreaksTiesByDeclarationOrder() {
        DagDefinition dag = DagDefinition.parse("""
                d:
                  tasks:
                    z_last:
                      operator: airflow.operators.empty.EmptyOperator
                      dependencies: [b, a]
                    b:
                      operator: airflow.operators.empty.EmptyOperator
                      dependencies: [a]
                    c:
                      operator: airflow.operators.empty.EmptyOperator
                    a:
                      operator: airflow.operators.empty.EmptyOperator
                """);
        assertThat(dag.topologicalOrder()).containsExactly("c", "a", "b", "z_last");
        assertThat(dag.roots()).containsExactly("c", "a");
        assertThat(dag.leaves()).containsExactly("c", "z_last");
        assertThat(dag.tasks().get("z_last").dependencies()).containsExactly("b", "a");
    }

    @Test
    void duplicateDependenciesAreCollapsed() {
        DagDefinition dag = DagDefinition.parse("""
                d:
                  tasks:
                    a: {operator: airflow.operators.empty.EmptyOperator}
                    b: {operator: airflow.operators.empty.EmptyOperator, dependencies: [a, a]}
                """);
        assertThat(dag.tasks().get("b").dependencies()).containsExactly("a");
    }

    @Test
    void emptyTasksMappingIsAValidWorkflow() {
        DagDefinition dag = DagDefinition.parse("d:\n  tasks: {}\n");
        assertThat(dag.tasks()).isEmpty();
        assertThat(dag.leaves()).isEmpty();
    }

    @Test
    void defaultArgsFeedTasksAndTaskValuesWin() {
        DagDefinition dag = DagDefinition.parse("""
                d:
                  default_args:
                    retries: 0
                    retry_delay: {__type__: datetime.timedelta, seconds: 30}
                    execution_timeout: {__type__: datetime.timedelta, minutes: 5}
                    trigger_rule: all_done
                    start_date: "2025-03-01"
                  tasks:
                    a: {operator: airflow.operators.empty.EmptyOperator}
                    b:
                      operator: airflow.operators.empty.EmptyOperator
                      retries: 2
                      trigger_rule: one_success
                      dependencies: [a]
                """);
        TaskDefinition a = dag.tasks().get("a");
        assertThat(a.retries()).isZero();
        assertThat(a.retryDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(a.executionTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(a.triggerRule()).isEqualTo(TriggerRule.ALL_DONE);
        assertThat(dag.tasks().get("b").retries()).isEqualTo(2);
        assertThat(dag.tasks().get("b").triggerRule()).isEqualTo(TriggerRule.ONE_SUCCESS);
        assertThat(dag.startDate()).contains(Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(dag.defaultArgs().retries()).hasValue(0);
    }

    @Test
    void ignoredAttributesBecomeOneSortedWarning() {
        DagDefinition dag = DagDefinition.parse("""
                d:
                  description: nightly report
                  catchup: false
                  tags: [a, b]
                  max_active_runs: 4
                  default_args:
                    owner: data-team
                  tasks:
                    put:
                      operator: airflow.providers.amazon.aws.operators.s3.S3CreateObjectOperator
                      s3_key: s3://b/k
                      data: x
                      aws_conn_id: my_conn
                      deferrable: true
                      pool: p
                    other:
                      operator: airflow.providers.amazon.aws.operators.s3.S3CreateObjectOperator
                      s3_key: s3://b/k2
                      data: y
                      aws_conn_id: my_conn
                """);
        assertThat(dag.warnings()).containsExactly(
                "ignored attributes: aws_conn_id, catchup, deferrable, description, max_active_runs, owner, pool, tags");
        assertThat(dag.description()).contains("nightly report");
        assertThat(dag.tags()).containsExactly("a", "b");
        assertThat(dag.maxActiveRuns()).isEqualTo(4);
        TaskDefinition put = dag.tasks().get("put");
        assertThat(put.ignoredAttributes()).containsExactly("aws_conn_id", "deferrable", "pool");
        assertThat(put.arguments().propertyNames()).containsExactly("s3_key", "data");
    }

    @Test
    void innerDagIdIsIgnoredInFavourOfTheRootKey() {
        DagDefinition dag = DagDefinition.parse("real:\n  dag_id: other\n  tasks: {}\n");
        assertThat(dag.dagId()).isEqualTo("real");
        assertThat(dag.warnings()).containsExactly("ignored attributes: dag_id");
    }

    @Test
    void scheduleForms() {
        assertThat(scheduleOf("None")).isEqualTo(Schedule.NONE);
        assertThat(scheduleOf("none")).isEqualTo(Schedule.NONE);
        assertThat(scheduleOf("~")).isEqualTo(Schedule.NONE);
        assertThat(scheduleOf("\"@once\"")).isEqualTo(new Schedule.Once("@once"));
        assertThat(scheduleOf("\"@daily\"").cronExpression()).contains("@daily");
        assertThat(scheduleOf("\"0 0 * * ? *\"").cronExpression()).contains("0 0 * * ? *");
        assertThat(DagDefinition.parse("d:\n  tasks: {}\n").schedule()).isEqualTo(Schedule.NONE);
    }

    private static Schedule scheduleOf(String yamlValue) {
        return DagDefinition.parse("d:\n  schedule: " + yamlValue + "\n  tasks: {}\n").schedule();
    }

    @Test
    void datesInTheDagTimezoneAndTypedDatetimes() {
        DagDefinition dag = DagDefinition.parse("""
                d:
                  timezone: Europe/Amsterdam
                  start_date: {__type__: datetime.datetime, year: 2026, month: 1, day: 1, hour: 6}
                  end_date: "2026-02-01T00:00:00Z"
                  tasks: {}
                """);
        assertThat(dag.timezone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
        assertThat(dag.startDate()).contains(Instant.parse("2026-01-01T05:00:00Z"));
        assertThat(dag.endDate()).contains(Instant.parse("2026-02-01T00:00:00Z"));
    }

    @Test
    void pastStartDatesAreAccepted() {
        assertThat(DagDefinition.parse("d:\n  start_date: 2020-01-01 06:30\n  tasks: {}\n").startDate())
                .contains(Instant.parse("2020-01-01T06:30:00Z"));
    }

    @Test
    void yaml11BooleansReachOperatorArguments() {
        DagDefinition dag = DagDefinition.parse("""
                d:
                  params: {flag: on, word: "on"}
                  tasks:
                    w:
                      operator: airflow.providers.amazon.aws.operators.s3.S3CreateObjectOperator
                      s3_key: s3://b/k
                      data: x
                      replace: yes
                """);
        assertThat(dag.tasks().get("w").argument("replace")).contains(JsonNodeFactory.instance.booleanNode(true));
        assertThat(dag.params().get("flag").value().isBoolean()).isTrue();
        assertThat(dag.params().get("word").value().asString()).isEqualTo("on");
    }

    @Test
    void taskParamsArePartOfTheTask() {
        DagDefinition dag = DagDefinition.parse("""
                d:
                  tasks:
                    a:
                      operator: airflow.operators.empty.EmptyOperator
                      params: {limit: {type: integer, default: 5}}
                """);
        assertThat(dag.tasks().get("a").params().get("limit").value().intValue()).isEqualTo(5);
        assertThat(dag.tasks().get("a").arguments().isEmpty()).isTrue();
    }

    @Test
    void matchingTaskIdIsAccepted() {
        DagDefinition dag = DagDefinition.parse("d:\n  tasks:\n    a: {task_id: a, operator: airflow.operators.empty.EmptyOperator}\n");
        assertThat(dag.tasks()).containsOnlyKeys("a");
    }

    @Test
    void bytesVariantChecksUtf8AndStripsABom() {
        byte[] withBom = ("\uFEFF" + "d:\n  tasks: {}\n").getBytes(StandardCharsets.UTF_8);
        assertThat(DagDefinition.parse(withBom, OperatorAllowlist.defaults()).dagId()).isEqualTo("d");
        assertThatThrownBy(() -> DagDefinition.parse(new byte[] {'d', ':', (byte) 0xC3, '\n'},
                OperatorAllowlist.defaults()))
                .isInstanceOf(DefinitionException.class)
                .hasMessage("The workflow definition is not valid UTF-8");
    }

    @Test
    void definitionErrorsNameTheDefinitionField() {
        DefinitionException e = org.junit.jupiter.api.Assertions.assertThrows(DefinitionException.class,
                () -> DagDefinition.parse("a: {tasks: {}}\nb: {tasks: {}}\n"));
        assertThat(e.field()).isEqualTo("DefinitionS3Location");
        assertThat(e.reason()).isEqualTo("other");
    }

    @Test
    void modelIsImmutable() {
        DagDefinition dag = DagDefinition.parse(EXAMPLE_A);
        TaskDefinition build = dag.tasks().get("build");
        ((tools.jackson.databind.node.ObjectNode) build.arguments()).put("bash_command", "changed");
        assertThat(build.argument("bash_command").map(n -> n.asString())).isEqualTo(Optional.of(
                "echo report-{{ params.env }}-{{ ds_nodash }}-{{ params.batch_size }}"));
        assertThatThrownBy(() -> dag.tasks().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
