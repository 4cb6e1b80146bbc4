package dev.stepline.mwaa.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rejection of spec §2.6, each with its exact message. */
class DefinitionRejectionTest {
    private static final String EMPTY = "airflow.providers.standard.operators.empty.EmptyOperator";
    private static final String BASH = "airflow.providers.standard.operators.bash.BashOperator";

    private static String dag(String body) {
        return "my_dag:\n" + body.stripTrailing().indent(2);
    }

    private static String task(String body) {
        return dag("tasks:\n" + ("t:\n" + body.stripTrailing().indent(2)).indent(2));
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                // --- observed on the live service (spec §2.6 table) ---
                Arguments.of("two root keys", "a:\n  tasks: {}\nb:\n  tasks: {}\n",
                        "DAG definition should contain a single DAG"),
                Arguments.of("tasks as a list", dag("tasks:\n  - task_id: a\n    operator: " + EMPTY),
                        "Invalid tasks configuration."),
                Arguments.of("short operator name",
                        task("operator: S3ListOperator\nbucket: b"),
                        "operator 'S3ListOperator' is not supported"),
                Arguments.of("args nested under parameters", task("""
                        operator: airflow.providers.amazon.aws.operators.s3.S3CreateObjectOperator
                        parameters:
                          s3_key: k
                          data: d
                        """), "missing keyword arguments 'data', 's3_key'"),
                Arguments.of("upstream_tasks key", dag("""
                        tasks:
                          a:
                            operator: %s
                          t:
                            operator: airflow.providers.amazon.aws.operators.s3.S3ListOperator
                            bucket: b
                            upstream_tasks: [a]
                        """.formatted(EMPTY)),
                        "Invalid arguments were passed to S3ListOperator (task_id: t). Invalid arguments were:\n"
                                + "**kwargs: {'upstream_tasks': ['a']}"),
                Arguments.of("retry_delay: 30s", task("operator: " + EMPTY + "\nretry_delay: 30s"),
                        "unsupported type for timedelta seconds component: str"),
                Arguments.of("execution_timeout: 900", task("operator: " + EMPTY + "\nexecution_timeout: 900"),
                        "execution_timeout must be timedelta object but passed as type: int"),
                Arguments.of("66-minute timeout", task("""
                        operator: %s
                        execution_timeout: {__type__: datetime.timedelta, minutes: 66}
                        """.formatted(EMPTY)),
                        "execution_timeout (66 minutes) must be less than or equal to 60 minutes"),
                Arguments.of("task_groups", dag("tasks: {}\ntask_groups: {g: {}}"),
                        "my_dag.task_groups: Unexpected element"),
                Arguments.of("bad default_args key", dag("default_args: {retry_delay_sec: 5}\ntasks: {}"),
                        "Key error - 'retry_delay_sec' not in ('owner', 'email', 'retries', 'retry_delay', "
                                + "'priority_weight', 'end_date', 'execution_timeout', 'trigger_rule', 'start_date', "
                                + "'wait_for_downstream', 'depends_on_past', 'email_on_failure', 'email_on_retry')"),
                Arguments.of("mode: nonsense", task("""
                        operator: airflow.providers.amazon.aws.sensors.s3.S3KeySensor
                        bucket_key: k
                        mode: nonsense
                        """), "The mode must be one of ['poke', 'reschedule']"),

                // --- root and DAG level ---
                Arguments.of("empty document", "", "DAG definition should contain a single DAG"),
                Arguments.of("root is a list", "- a\n- b\n", "DAG definition should contain a single DAG"),
                Arguments.of("root is a scalar", "hello\n", "DAG definition should contain a single DAG"),
                Arguments.of("dag-factory default block", "default:\n  catchup: false\nd:\n  tasks: {}\n",
                        "DAG definition should contain a single DAG"),
                Arguments.of("bad dag id", "my dag:\n  tasks: {}\n",
                        "The key 'my dag' has to be made of alphanumeric characters, dashes, dots and underscores "
                                + "exclusively"),
                Arguments.of("dag id too long", "a".repeat(251) + ":\n  tasks: {}\n",
                        "The key has to be less than 250 characters"),
                Arguments.of("dag value not a mapping", "my_dag: 3\n", "my_dag: '3' is not a map."),
                Arguments.of("tasks missing", dag("schedule: null"), "my_dag.tasks: Required field missing"),
                Arguments.of("tasks null", dag("tasks:"), "my_dag.tasks: Required field missing"),
                Arguments.of("tasks a string", dag("tasks: none here"), "Invalid tasks configuration."),
                Arguments.of("unknown DAG key", dag("tasks: {}\nconcurrency: 3"), "my_dag.concurrency: Unexpected element"),
                Arguments.of("schedule_interval", dag("tasks: {}\nschedule_interval: '@daily'"),
                        "The `schedule_interval` parameter is no longer supported in Airflow 3. Use `schedule` instead."),
                Arguments.of("bad cron", dag("tasks: {}\nschedule: '61 * * * *'"),
                        "Invalid schedule '61 * * * *': minute value 61 out of range 0-59"),
                Arguments.of("cron with 4 fields", dag("tasks: {}\nschedule: '* * * *'"),
                        "Invalid schedule '* * * *': expected 5 fields (Unix cron) or 6 fields (EventBridge cron), got 4"),
                Arguments.of("eventbridge without ?", dag("tasks: {}\nschedule: '0 0 * * * *'"),
                        "Invalid schedule '0 0 * * * *': exactly one of day-of-month and day-of-week must be '?'"),
                Arguments.of("continuous", dag("tasks: {}\nschedule: '@continuous'"),
                        "Invalid schedule '@continuous': unsupported preset; use @once, @hourly, @daily, @weekly, "
                                + "@monthly, @quarterly, @yearly or @annually"),
                Arguments.of("rate()", dag("tasks: {}\nschedule: 'rate(5 minutes)'"),
                        "Invalid schedule 'rate(5 minutes)': EventBridge rate(), cron() and at() wrappers are not "
                                + "supported; write the cron fields only"),
                Arguments.of("timedelta schedule", dag("tasks: {}\nschedule: {__type__: datetime.timedelta, days: 1}"),
                        "Invalid schedule '{'__type__': 'datetime.timedelta', 'days': 1}': timedelta schedules are "
                                + "not supported"),
                Arguments.of("numeric schedule", dag("tasks: {}\nschedule: 5"),
                        "Invalid schedule '5': expected a cron expression, a preset such as @daily, or null"),
                Arguments.of("bad start_date", dag("tasks: {}\nstart_date: yesterday"),
                        "Invalid start_date 'yesterday': expected YYYY-MM-DD, an ISO-8601 date-time, or a __type__: "
                                + "datetime.datetime mapping"),
                Arguments.of("impossible date", dag("tasks: {}\nend_date: '2025-02-30'"),
                        "Invalid end_date '2025-02-30': expected YYYY-MM-DD, an ISO-8601 date-time, or a __type__: "
                                + "datetime.datetime mapping"),
                Arguments.of("end before start", dag("tasks: {}\nstart_date: '2025-06-01'\nend_date: '2025-05-01'"),
                        "end_date (2025-05-01T00:00:00Z) must be greater than or equal to start_date "
                                + "(2025-06-01T00:00:00Z)"),
                Arguments.of("bad timezone", dag("tasks: {}\ntimezone: Mars/Olympus"), "Invalid timezone 'Mars/Olympus'"),
                Arguments.of("max_active_runs 0", dag("tasks: {}\nmax_active_runs: 0"),
                        "my_dag.max_active_runs: '0' must be an integer between 1 and 100"),
                Arguments.of("max_active_runs 101", dag("tasks: {}\nmax_active_runs: 101"),
                        "my_dag.max_active_runs: '101' must be an integer between 1 and 100"),
                Arguments.of("max_active_tasks text", dag("tasks: {}\nmax_active_tasks: many"),
                        "my_dag.max_active_tasks: 'many' must be an integer between 1 and 2147483647"),
                Arguments.of("params not a map", dag("tasks: {}\nparams: [a]"), "my_dag.params: '['a']' is not a map."),
                Arguments.of("param type unknown", dag("tasks: {}\nparams: {n: {type: decimal, default: 1}}"),
                        "my_dag.params.n.type: unsupported param type 'decimal'"),
                Arguments.of("param default of wrong type", dag("tasks: {}\nparams: {n: {type: number, default: x}}"),
                        "Invalid default for param n: 'x' is not of type 'number'"),
                Arguments.of("default_args not a map", dag("tasks: {}\ndefault_args: 3"),
                        "my_dag.default_args: '3' is not a map."),
                Arguments.of("default_args mode", dag("tasks: {}\ndefault_args: {mode: reschedule}"),
                        "Key error - 'mode' not in ('owner', 'email', 'retries', 'retry_delay', 'priority_weight', "
                                + "'end_date', 'execution_timeout', 'trigger_rule', 'start_date', 'wait_for_downstream', "
                                + "'depends_on_past', 'email_on_failure', 'email_on_retry')"),
                Arguments.of("default_args retries 4", dag("tasks: {}\ndefault_args: {retries: 4}"),
                        "retries (4) must be between 0 and 3"),

                // --- task level ---
                Arguments.of("task not a mapping", dag("tasks:\n  t: 3"), "my_dag.tasks.t: '3' is not a map."),
                Arguments.of("bad task id", dag("tasks:\n  'a b': {operator: " + EMPTY + "}"),
                        "The key 'a b' has to be made of alphanumeric characters, dashes, dots and underscores "
                                + "exclusively"),
                Arguments.of("task id too long for instance ids", dag("tasks:\n  " + "t".repeat(214) + ": {operator: "
                        + EMPTY + "}"), "Task id '" + "t".repeat(214) + "' is too long: task instance ids must fit in "
                                + "255 characters, so task ids may have at most 213 characters"),
                Arguments.of("task_id mismatch", task("task_id: other\noperator: " + EMPTY),
                        "my_dag.tasks.t: task_id 'other' does not match the task key 't'"),
                Arguments.of("operator missing", task("retries: 1"), "my_dag.tasks.t.operator: Required field missing"),
                Arguments.of("operator not a string", task("operator: [x]"), "my_dag.tasks.t.operator: '['x']' is not a str."),
                Arguments.of("non-allowlisted provider", task(
                        "operator: airflow.providers.google.cloud.operators.gcs.GCSCreateBucketOperator"),
                        "operator 'airflow.providers.google.cloud.operators.gcs.GCSCreateBucketOperator' is not supported"),
                Arguments.of("branch operator", task("operator: airflow.operators.python.BranchPythonOperator"),
                        "operator 'airflow.operators.python.BranchPythonOperator' is not supported"),
                Arguments.of("bash without command", task("operator: " + BASH),
                        "missing keyword argument 'bash_command'"),
                Arguments.of("python without callable", task("operator: airflow.operators.python.PythonOperator"),
                        "missing keyword argument 'python_callable'"),
                Arguments.of("python callable not dotted", task(
                        "operator: airflow.operators.python.PythonOperator\npython_callable: main"),
                        "python_callable 'main' must be given as module_name.function_name"),
                Arguments.of("unknown bash argument", task("operator: " + BASH + "\nbash_command: ls\ncommand: ls"),
                        "Invalid arguments were passed to BashOperator (task_id: t). Invalid arguments were:\n"
                                + "**kwargs: {'command': 'ls'}"),
                Arguments.of("mode on a non-sensor with known arguments", task("operator: " + EMPTY + "\nmode: poke"),
                        "Invalid arguments were passed to EmptyOperator (task_id: t). Invalid arguments were:\n"
                                + "**kwargs: {'mode': 'poke'}"),
                Arguments.of("aws base args on a standard operator", task("operator: " + EMPTY + "\naws_conn_id: x"),
                        "Invalid arguments were passed to EmptyOperator (task_id: t). Invalid arguments were:\n"
                                + "**kwargs: {'aws_conn_id': 'x'}"),
                Arguments.of("dependencies not a list", task("operator: " + EMPTY + "\ndependencies: a"),
                        "my_dag.tasks.t.dependencies: 'a' is not a list."),
                Arguments.of("dependency not a string", task("operator: " + EMPTY + "\ndependencies: [1]"),
                        "my_dag.tasks.t.dependencies: '1' is not a str."),
                Arguments.of("unknown dependency", task("operator: " + EMPTY + "\ndependencies: [ghost]"),
                        "Task 't' depends on 'ghost', which is not a task of this DAG"),
                Arguments.of("self dependency", task("operator: " + EMPTY + "\ndependencies: [t]"),
                        "Cycle detected in DAG: my_dag. Faulty task: t"),
                Arguments.of("cycle", dag("""
                        tasks:
                          start: {operator: %1$s}
                          a: {operator: %1$s, dependencies: [start, c]}
                          b: {operator: %1$s, dependencies: [a]}
                          c: {operator: %1$s, dependencies: [b]}
                          after: {operator: %1$s, dependencies: [c]}
                        """.formatted(EMPTY)), "Cycle detected in DAG: my_dag. Faulty task: a"),
                Arguments.of("retries 4", task("operator: " + EMPTY + "\nretries: 4"), "retries (4) must be between 0 and 3"),
                Arguments.of("retries -1", task("operator: " + EMPTY + "\nretries: -1"), "retries (-1) must be between 0 and 3"),
                Arguments.of("retries text", task("operator: " + EMPTY + "\nretries: lots"), "'retries' type must be int, not str"),
                Arguments.of("retries list", task("operator: " + EMPTY + "\nretries: [1]"), "'retries' type must be int, not list"),
                Arguments.of("retry_delay 301", task("operator: " + EMPTY + "\nretry_delay: 301"),
                        "retry_delay (301 seconds) must be between 0 and 300 seconds"),
                Arguments.of("retry_delay negative", task("operator: " + EMPTY + "\nretry_delay: -1.5"),
                        "retry_delay (-1.5 seconds) must be between 0 and 300 seconds"),
                Arguments.of("retry_delay timedelta too long", task("""
                        operator: %s
                        retry_delay: {__type__: datetime.timedelta, minutes: 6}
                        """.formatted(EMPTY)), "retry_delay (360 seconds) must be between 0 and 300 seconds"),
                Arguments.of("retry_delay bare mapping", task("operator: " + EMPTY + "\nretry_delay: {minutes: 1}"),
                        "unsupported type for timedelta seconds component: dict"),
                Arguments.of("timedelta component text", task("""
                        operator: %s
                        execution_timeout: {__type__: datetime.timedelta, minutes: '5'}
                        """.formatted(EMPTY)), "unsupported type for timedelta minutes component: str"),
                Arguments.of("timedelta unknown key", task("""
                        operator: %s
                        execution_timeout: {__type__: datetime.timedelta, mins: 5}
                        """.formatted(EMPTY)), "'mins' is an invalid keyword argument for __new__()"),
                Arguments.of("execution_timeout string", task("operator: " + EMPTY + "\nexecution_timeout: 10m"),
                        "execution_timeout must be timedelta object but passed as type: str"),
                Arguments.of("execution_timeout bare mapping", task("operator: " + EMPTY
                        + "\nexecution_timeout: {minutes: 5}"),
                        "execution_timeout must be timedelta object but passed as type: dict"),
                Arguments.of("execution_timeout fractional minutes", task("""
                        operator: %s
                        execution_timeout: {__type__: datetime.timedelta, seconds: 3630}
                        """.formatted(EMPTY)),
                        "execution_timeout (60.5 minutes) must be less than or equal to 60 minutes"),
                Arguments.of("execution_timeout zero", task("""
                        operator: %s
                        execution_timeout: {__type__: datetime.timedelta, seconds: 0}
                        """.formatted(EMPTY)), "execution_timeout (0 minutes) must be greater than 0 minutes"),
                Arguments.of("removed trigger rule", task("operator: " + EMPTY + "\ntrigger_rule: none_failed_or_skipped"),
                        "The trigger_rule must be one of {'all_done', 'all_done_min_one_success', 'all_failed', "
                                + "'all_skipped', 'all_success', 'always', 'none_failed', 'none_failed_min_one_success', "
                                + "'none_skipped', 'one_done', 'one_failed', 'one_success'},'my_dag.t'; received "
                                + "'none_failed_or_skipped'."),
                Arguments.of("setup trigger rule", task("operator: " + EMPTY + "\ntrigger_rule: all_done_setup_success"),
                        "The trigger_rule must be one of {'all_done', 'all_done_min_one_success', 'all_failed', "
                                + "'all_skipped', 'all_success', 'always', 'none_failed', 'none_failed_min_one_success', "
                                + "'none_skipped', 'one_done', 'one_failed', 'one_success'},'my_dag.t'; received "
                                + "'all_done_setup_success'."),
                Arguments.of("sensor mode boolean", task("""
                        operator: airflow.providers.amazon.aws.sensors.s3.S3KeySensor
                        bucket_key: k
                        mode: on
                        """), "The mode must be one of ['poke', 'reschedule']"),

                // --- YAML itself ---
                Arguments.of("duplicate task", dag("tasks:\n  a: {operator: " + EMPTY + "}\n  a: {operator: " + EMPTY
                        + "}"), "Invalid YAML: duplicate key 'a' (line 4, column 5)"),
                Arguments.of("syntax error", "my_dag:\n  tasks: [\n", "Invalid YAML: expected the node content, but "
                        + "found '<stream end>' (line 3, column 1)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWithTheExactMessage(String name, String yaml, String message) {
        assertThatThrownBy(() -> DagDefinition.parse(yaml))
                .isInstanceOfSatisfying(DefinitionException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.field()).isEqualTo(DefinitionException.DEFINITION_FIELD);
                    assertThat(e.reason()).isEqualTo("other");
                });
    }

    @Test
    void tooLarge() {
        String yaml = "d:\n  description: \"" + "x".repeat(DagDefinition.MAX_BYTES) + "\"\n  tasks: {}\n";
        int size = yaml.length();
        assertThatThrownBy(() -> DagDefinition.parse(yaml))
                .hasMessage("The workflow definition is " + size + " bytes; the maximum size is 51200 bytes");
    }

    @Test
    void exactly50KbIsAccepted() {
        String head = "d:\n  tasks: {}\n  description: \"";
        String yaml = head + "x".repeat(DagDefinition.MAX_BYTES - head.length() - 2) + "\"\n";
        assertThat(yaml.length()).isEqualTo(DagDefinition.MAX_BYTES);
        assertThat(DagDefinition.parse(yaml).dagId()).isEqualTo("d");
    }

    @Test
    void missingArgumentsAreCheckedBeforeUnknownOnes() {
        assertThatThrownBy(() -> DagDefinition.parse(task("operator: " + BASH + "\ncmd: ls")))
                .hasMessage("missing keyword argument 'bash_command'");
    }

    @Test
    void unknownKeysOnOperatorsWithoutAnArgumentTableAreKept() {
        DagDefinition dag = DagDefinition.parse(task(
                "operator: airflow.providers.amazon.aws.operators.s3.S3ListOperator\nbucket: b\nfancy_new_arg: 1"));
        assertThat(dag.tasks().get("t").argument("fancy_new_arg")).isPresent();
    }

    @Test
    void retriesCoercionFollowsAirflow() {
        assertThat(DagDefinition.parse(task("operator: " + EMPTY + "\nretries: '2'")).tasks().get("t").retries())
                .isEqualTo(2);
        assertThat(DagDefinition.parse(task("operator: " + EMPTY + "\nretries: 2.9")).tasks().get("t").retries())
                .isEqualTo(2);
        assertThat(DagDefinition.parse(task("operator: " + EMPTY + "\nretries: yes")).tasks().get("t").retries())
                .isEqualTo(1);
        assertThat(DagDefinition.parse(task("operator: " + EMPTY + "\nretries: null")).tasks().get("t").retries())
                .isEqualTo(1);
    }
}
