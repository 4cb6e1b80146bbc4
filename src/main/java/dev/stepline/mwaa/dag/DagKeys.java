package dev.stepline.mwaa.dag;

import java.util.Set;

/** The key tables of spec §2.2 / §2.3: what a DAG and a task may contain, and what is ignored. */
final class DagKeys {
    private DagKeys() {
    }

    /** DAG keys the service uses. */
    static final Set<String> DAG_USED = Set.of(
            "tasks", "schedule", "start_date", "end_date", "max_active_runs", "params", "default_args",
            "description", "max_active_tasks", "timezone");

    /** DAG keys accepted without effect (reported as ignored attributes). */
    static final Set<String> DAG_IGNORED = Set.of(
            "dag_id", "template_searchpath", "template_undefined", "user_defined_macros", "user_defined_filters",
            "catchup", "access_control", "jinja_environment_kwargs", "render_template_as_native_obj", "tags",
            "owner_links", "auto_register", "fail_fast", "dag_display_name", "depends_on_past", "email_on_failure",
            "email_on_retry", "description", "max_consecutive_failed_dag_runs", "dagrun_timeout",
            "sla_miss_callback", "on_failure_callback", "on_success_callback", "is_paused_upon_creation",
            "max_active_runs");

    /** default_args keys the service does not use (warned); the rest feed tasks / the DAG. */
    static final Set<String> DEFAULT_ARGS_IGNORED = Set.of(
            "owner", "email", "priority_weight", "wait_for_downstream", "depends_on_past", "email_on_failure",
            "email_on_retry");

    /** Task keys dag-factory consumes or the service interprets itself. */
    static final Set<String> TASK_STRUCTURAL = Set.of(
            "operator", "dependencies", "task_id", "retries", "retry_delay", "execution_timeout", "trigger_rule",
            "params");

    /**
     * Task keys accepted without effect. {@code trigger_rule} is listed as ignored by the docs but is
     * honoured (spec §2.3), so it is not here.
     */
    static final Set<String> TASK_IGNORED = Set.of(
            "email_on_retry", "email_on_failure", "retry_exponential_backoff", "depends_on_past",
            "ignore_first_depends_on_past", "wait_for_downstream", "priority_weight", "sla",
            "max_active_tis_per_dag", "max_active_tis_per_dagrun", "task_concurrency", "resources", "run_as_user",
            "executor_config", "doc", "doc_md", "doc_rst", "doc_json", "doc_yaml", "task_display_name",
            "logger_name", "allow_nested_operators", "inlets", "outlets", "map_index_template", "email", "owner",
            "max_retry_delay", "on_execute_callback", "on_failure_callback", "on_success_callback",
            "on_retry_callback", "on_skipped_callback", "wait_for_past_depends_before_skipping", "do_xcom_push",
            "multiple_outputs", "start_date", "end_date", "weight_rule", "queue", "pool", "pool_slots",
            "pre_execute", "post_execute", "executor", "task_group", "deferrable");

    /** AWS base-operator arguments the service controls itself (accepted, dropped, warned). */
    static final Set<String> AWS_IGNORED = Set.of("aws_conn_id", "region_name", "verify", "botocore_config");

    /** BaseSensorOperator arguments (kept in the task's arguments; {@code mode} is typed). */
    static final Set<String> SENSOR = Set.of("mode", "poke_interval", "timeout", "exponential_backoff", "max_wait",
            "soft_fail");

    /** Keys no operator accepts, rejected even when an operator's own arguments are unknown. */
    static final Set<String> NEVER_ARGUMENTS = Set.of("upstream_tasks", "downstream_tasks");
}
