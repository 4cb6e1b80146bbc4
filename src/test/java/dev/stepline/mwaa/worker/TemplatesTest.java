package dev.stepline.mwaa.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Airflow's Jinja semantics on Jinjava (spec §2.4), without a server. */
class TemplatesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant LOGICAL = Instant.parse("2024-03-05T06:07:08Z");
    private final Templates templates = new Templates(Clock.fixed(LOGICAL, ZoneOffset.UTC));

    /** Renders {@code bash_command} of a BashOperator attempt with these params and XComs. */
    private Templates.Rendered render(JsonNode command) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("operator", "airflow.providers.standard.operators.bash.BashOperator").put("taskId", "me")
                .put("attempt", 2).put("logicalDateMs", LOGICAL.toEpochMilli());
        payload.putObject("args").set("bash_command", command);
        payload.putObject("params").put("env", "dev").put("n", 3).put("flag", true).putNull("nothing")
                .putArray("tags").add("a").add("b");
        ObjectNode xcoms = payload.putObject("xcoms");
        xcoms.putObject("list").put("return_value", "[\"x\", \"y\"]").put("other", "{\"k\": [1, 2.5, null, false]}");
        xcoms.putObject("text").put("return_value", "\"hello\"");
        return templates.render(payload);
    }

    private String text(String template) {
        Templates.Rendered rendered = render(JSON.getNodeFactory().stringNode(template));
        assertThat(rendered.error()).as(template).isNull();
        return rendered.args().get("bash_command").asString();
    }

    private String error(String template) {
        Templates.Rendered rendered = render(JSON.getNodeFactory().stringNode(template));
        assertThat(rendered.args()).as(template).isNull();
        return rendered.error();
    }

    @Test
    void contextVariablesRenderAsAirflowDoes() {
        assertThat(text("{{ ds }} {{ ds_nodash }} {{ ts }} {{ ts_nodash }}"))
                .isEqualTo("2024-03-05 20240305 2024-03-05T06:07:08+00:00 20240305T060708");
        assertThat(text("{{ params.env }}-{{ params['n'] + 1 }}")).isEqualTo("dev-4");
        assertThat(text("{{ ti.task_id }} {{ task_instance.try_number }}")).isEqualTo("me 2");
    }

    @Test
    void valuesRenderAsPythonStr() {
        assertThat(text("{{ params.tags }} {{ params.flag }} {{ params.nothing }} {{ params.n }}"))
                .isEqualTo("['a', 'b'] True None 3");
        assertThat(text("{{ ti.xcom_pull(task_ids='list', key='other') }}")).isEqualTo("{'k': [1, 2.5, None, False]}");
        assertThat(text("{{ 1 == 1 }} {{ 7 / 2 }} {{ 2.0 }}")).isEqualTo("True 3.5 2.0");
    }

    @Test
    void xcomPullTakesKeywordAndPositionalArguments() {
        assertThat(text("{{ ti.xcom_pull(task_ids='list') }}")).isEqualTo("['x', 'y']");
        assertThat(text("{{ ti.xcom_pull('text') }}")).isEqualTo("hello");
        assertThat(text("{{ ti.xcom_pull(task_ids=['text', 'list']) }}")).isEqualTo("['hello', ['x', 'y']]");
        assertThat(text("{{ ti.xcom_pull(task_ids='list')[1] }} {{ ti.xcom_pull(task_ids='list') | length }}"))
                .isEqualTo("y 2");
        assertThat(text("{{ ti.xcom_pull(task_ids='absent') }}")).isEqualTo("None");
        assertThat(text("{{ ti.xcom_pull(task_ids='absent', default='d') }}")).isEqualTo("d");
        assertThat(text("{% for v in ti.xcom_pull(task_ids='list') %}<{{ v }}>{% endfor %}")).isEqualTo("<x><y>");
        assertThat(error("{{ ti.xcom_pull(tasks='list') }}"))
                .isEqualTo("TypeError: xcom_pull() got an unexpected keyword argument 'tasks'");
    }

    @Test
    void macros() {
        assertThat(text("{{ macros.ds_add(ds, 5) }} {{ macros.ds_add('2024-01-01', -1) }}"))
                .isEqualTo("2024-03-10 2023-12-31");
        assertThat(text("{{ macros.ds_format(ds, '%Y-%m-%d', '%d/%m/%y') }}")).isEqualTo("05/03/24");
        assertThat(text("{{ macros.ds_format('20240305', '%Y%m%d', '%b %d, %Y') }}")).isEqualTo("Mar 05, 2024");
        assertThat(text("{{ macros.datetime.now().strftime('%Y') }}")).isEqualTo("2024");
        assertThat(text("{{ macros.uuid.uuid4() }}")).matches("[0-9a-f-]{36}");
        assertThat(error("{{ macros.ds_add('March', 1) }}"))
                .isEqualTo("ValueError: time data 'March' does not match format '%Y-%m-%d'");
    }

    @Test
    void pythonStringMethods() {
        assertThat(text("{{ params.env.upper() }} {{ ds.replace('-', '') }} {{ 'a/b/c'.split('/')[-1] }}"))
                .isEqualTo("DEV 20240305 c");
        assertThat(text("{{ 'x.y'.split('.') }} {{ ' p '.strip() }}|{{ params.env.startswith('d') }} {{ '-'.join(params.tags) }}"))
                .isEqualTo("['x', 'y'] p|True a-b");
        assertThat(text("{{ '7'.zfill(3) }} {{ 'hello world'.title() }} {{ ds.lower() }}"))
                .isEqualTo("007 Hello World 2024-03-05");
    }

    @Test
    void undefinedNamesFailTheAttempt() {
        assertThat(error("echo {{ nope }}")).isEqualTo("UndefinedError: 'nope' is undefined");
        assertThat(error("echo {{ params.missing }}")).isEqualTo("UndefinedError: 'dict object' has no attribute 'missing'");
        assertThat(error("{% include 'mwaa/worker.py' %}")).contains("TemplateNotFound: mwaa/worker.py");
    }

    @Test
    void oneTrailingNewlineIsDroppedAndNestedValuesAreRendered() {
        assertThat(text("line {{ ds }}\n")).isEqualTo("line 2024-03-05");
        assertThat(text("a\n\n{{ ds }}\n\n")).isEqualTo("a\n\n2024-03-05\n");
        ObjectNode env = JSON.createObjectNode();
        env.put("A", "{{ params.env }}").putArray("L").add("{{ ds_nodash }}").add(7);
        Templates.Rendered rendered = render(env);
        assertThat(rendered.args().get("bash_command").toString()).isEqualTo("{\"A\":\"dev\",\"L\":[\"20240305\",7]}");
    }

    @Test
    void syntaxErrorsSpeakJinja2() {
        assertThat(templates.syntaxError("echo {{ ti.xcom_pull(task_ids='a' b) }}")).isEqualTo("expected token ',', got 'b'");
        assertThat(templates.syntaxError("{{ ti.xcom_pull(task_ids='a') create_test_table }}"))
                .isEqualTo("expected token 'end of print statement', got 'create_test_table'");
        assertThat(templates.syntaxError("{% if x %}{{ a b }}{% endif %}"))
                .isEqualTo("expected token 'end of print statement', got 'b'");
        assertThat(templates.syntaxError("{% if x %}a")).startsWith("Unexpected end of template. Jinja was looking for");
        assertThat(templates.syntaxError("{{ params.x }} and {{ ti.xcom_pull(task_ids='t') }}")).isNull();
        assertThat(templates.syntaxError("no template")).isNull();
    }
}
