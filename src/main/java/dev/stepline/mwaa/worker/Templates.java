package dev.stepline.mwaa.worker;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import com.hubspot.jinjava.mode.ExecutionMode;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import dev.stepline.mwaa.dag.DagDefinition;
import dev.stepline.mwaa.dag.TaskDefinition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Airflow templating (spec §2.4) with Jinjava, a Jinja engine for Java, set up to behave like
 * Airflow's jinja2 environment: only an operator's {@code template_fields} are rendered,
 * recursively through lists and mappings (operators without a known field list — the mocked
 * ones — have every argument rendered); an undefined name fails the attempt
 * ({@code StrictUndefined}); {@code {{ ... }}} output is Python's {@code str()} of the value
 * ({@code ['a', 'b']}, {@code True}, {@code None}); a template's single trailing newline is
 * dropped ({@code keep_trailing_newline=False}); {@code ti.xcom_pull(task_ids=..., key=...)} takes
 * keyword arguments. Jinjava's messages are turned into jinja2's where they differ (syntax errors:
 * {@code expected token ',', got 'b'}; undefined names: {@code UndefinedError: 'x' is undefined}).
 */
public final class Templates {
    /** {@code template_fields} of the operators Stepline runs (Airflow 3 / Amazon provider 9.x). */
    static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry("BashOperator", Set.of("bash_command", "env", "cwd")),
            Map.entry("PythonOperator", Set.of("templates_dict", "op_args", "op_kwargs")),
            Map.entry("EmptyOperator", Set.of()),
            Map.entry("S3CreateObjectOperator", Set.of("s3_bucket", "s3_key", "data")),
            Map.entry("S3ListOperator", Set.of("bucket", "prefix", "delimiter")),
            Map.entry("S3ListPrefixesOperator", Set.of("bucket", "prefix", "delimiter")),
            Map.entry("S3KeysUnchangedSensor", Set.of("bucket_name", "prefix")),
            Map.entry("S3KeySensor", Set.of("bucket_key", "bucket_name")),
            Map.entry("S3DeleteObjectsOperator", Set.of("keys", "bucket", "prefix")),
            Map.entry("S3CopyObjectOperator", Set.of("source_bucket_key", "dest_bucket_key", "source_bucket_name",
                    "dest_bucket_name")),
            Map.entry("S3CreateBucketOperator", Set.of("bucket_name")),
            Map.entry("S3DeleteBucketOperator", Set.of("bucket_name")),
            Map.entry("StepFunctionStartExecutionOperator", Set.of("state_machine_arn", "name", "state_machine_input", "input")),
            Map.entry("StepFunctionGetExecutionOutputOperator", Set.of("execution_arn")),
            Map.entry("StepFunctionExecutionSensor", Set.of("execution_arn")));

    private static final Pattern ENCOUNTERED = Pattern.compile(
            "Error parsing '.*': syntax error at position \\d+, encountered (.+?), expected (.+)", Pattern.DOTALL);
    private static final Pattern MISSING_END = Pattern.compile(
            "Syntax error in '.*': Missing end tag: (\\w+) for tag defined as: \\{%-?\\s*(\\w+).*", Pattern.DOTALL);
    private static final Pattern UNKNOWN_TOKEN = Pattern.compile("(?:UnknownTokenException: )?Unknown token found: (.+)");

    /** Python's str methods first, then Jinjava's own (read-only) resolution. */
    private static final ELResolver RESOLVER = resolver();

    private final Clock clock;
    private final Jinjava strict;
    private final Jinjava lenient;

    public Templates(Clock clock) {
        this.clock = clock;
        this.strict = jinjava(true);
        this.lenient = jinjava(false);
    }

    /** An engine that cannot read files or classpath resources ({@code include}/{@code import} find nothing). */
    private static Jinjava jinjava(boolean failOnUnknown) {
        Jinjava jinjava = new Jinjava(config(failOnUnknown));
        jinjava.setResourceLocator((name, encoding, interpreter) -> {
            throw new ResourceNotFoundException("TemplateNotFound: " + name);
        });
        return jinjava;
    }

    private static JinjavaConfig config(boolean failOnUnknown) {
        return JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(failOnUnknown)
                .withNestedInterpretationEnabled(false)
                .withExecutionMode(new PythonOutput())
                .withLegacyOverrides(LegacyOverrides.newBuilder().withUseNaturalOperatorPrecedence(true).build())
                .withElResolver(RESOLVER)
                .build();
    }

    private static ELResolver resolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PyStringMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        return resolver;
    }

    /** {@code {{ expression }}} output as Python's {@code str()} (Jinjava's default is Java's {@code toString}). */
    private static final class PythonOutput implements ExecutionMode {
        private static final ExpressionStrategy STR = (ExpressionStrategy) (token, interpreter) -> new RenderedOutputNode(
                PyValues.str(interpreter.resolveELExpression(token.getExpr(), token.getLineNumber())));

        @Override
        public void prepareContext(com.hubspot.jinjava.interpret.Context context) {
            context.setExpressionStrategy(STR);
        }
    }

    /** The template fields of an operator (by class simple name); null means every argument. */
    static Set<String> fields(String operatorName) {
        return FIELDS.get(operatorName);
    }

    /**
     * A Jinja syntax error anywhere in the definition's template fields, or null: checked when a run
     * starts, so such a run fails before any task runs (spec §2.4).
     */
    public String compileError(DagDefinition dag) {
        List<String> texts = new ArrayList<>();
        for (TaskDefinition task : dag.tasks().values()) {
            Set<String> fields = fields(task.operatorName());
            task.arguments().properties().forEach(e -> {
                if (fields == null || fields.contains(e.getKey())) {
                    collect(e.getValue(), texts);
                }
            });
        }
        for (String text : texts) {
            String error = syntaxError(text);
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    /** The first syntax error of one template (every expression is parsed, in every branch), or null. */
    String syntaxError(String template) {
        if (!hasTemplate(template)) {
            return null;
        }
        JinjavaInterpreter interpreter = lenient.newInterpreter();
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            Node root = interpreter.parse(source(template));
            List<String> expressions = new ArrayList<>();
            expressions(root, expressions);
            int parsed = interpreter.getErrors().size();
            for (String expression : expressions) {
                interpreter.resolveELExpression(expression, 1);
            }
            List<TemplateError> errors = interpreter.getErrors();
            for (int i = 0; i < errors.size(); i++) {
                TemplateError error = errors.get(i);
                boolean syntax = error.getReason() == TemplateError.ErrorReason.SYNTAX_ERROR
                        || error.getMessage().startsWith("Error parsing");
                if (syntax && (i < parsed || error.getMessage().startsWith("Error parsing"))) {
                    return jinjaMessage(error.getMessage());
                }
            }
            return null;
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    private static void expressions(Node node, List<String> out) {
        if (node instanceof ExpressionNode expression && expression.getMaster() instanceof ExpressionToken token) {
            out.add(token.getExpr());
        } else if (node instanceof TagNode tag) {
            String helpers = tag.getHelpers().strip();
            switch (tag.getName()) {
                case "if", "elif" -> out.add(helpers);
                case "for" -> {
                    int in = helpers.indexOf(" in ");
                    if (in >= 0) {
                        out.add(helpers.substring(in + 4));
                    }
                }
                default -> {
                    // other tags' arguments are checked when they render
                }
            }
        }
        for (Node child : node.getChildren()) {
            expressions(child, out);
        }
    }

    /** The attempt's arguments with template fields rendered, or the rendering error. */
    Rendered render(ObjectNode payload) {
        ObjectNode args = (ObjectNode) payload.get("args");
        String operator = payload.get("operator").asString();
        Set<String> fields = fields(operator.substring(operator.lastIndexOf('.') + 1));
        ObjectNode rendered = args.deepCopy();
        Map<String, Object> context = null;
        for (Map.Entry<String, JsonNode> e : args.properties()) {
            if ((fields == null || fields.contains(e.getKey())) && hasTemplate(e.getValue())) {
                context = context == null ? AirflowContext.of(payload, clock) : context;
                try {
                    rendered.set(e.getKey(), render(e.getValue(), context));
                } catch (RenderFailure failure) {
                    return new Rendered(null, failure.getMessage());
                }
            }
        }
        return new Rendered(rendered, null);
    }

    private JsonNode render(JsonNode value, Map<String, Object> context) throws RenderFailure {
        if (value.isString()) {
            return JsonNodeFactory.instance.stringNode(renderText(value.asString(), context));
        }
        if (value.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : value) {
                out.add(render(item, context));
            }
            return out;
        }
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                out.set(e.getKey(), render(e.getValue(), context));
            }
            return out;
        }
        return value;
    }

    private String renderText(String template, Map<String, Object> context) throws RenderFailure {
        if (!hasTemplate(template)) {
            return template;
        }
        RenderResult result = strict.renderForResult(source(template), context);
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new RenderFailure(renderMessage(error));
            }
        }
        return result.getOutput();
    }

    /** Rendered arguments, or the rendering error. */
    record Rendered(ObjectNode args, String error) {
    }

    private static final class RenderFailure extends Exception {
        RenderFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** A helper request for the Python worker (PythonOperator): the rendered fields and the context of the attempt. */
    static ObjectNode request(ObjectNode payload, ObjectNode fields) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.set("fields", fields);
        ObjectNode context = request.putObject("context");
        for (String key : List.of("logicalDateMs", "params", "xcoms", "taskId", "attempt")) {
            if (payload.has(key)) {
                context.set(key, payload.get(key));
            }
        }
        return request;
    }

    /** jinja2 drops one trailing newline of a template (keep_trailing_newline=False). */
    private static String source(String template) {
        return template.endsWith("\n") ? template.substring(0, template.length() - 1) : template;
    }

    /** jinja2's words for a Jinjava syntax error. */
    static String jinjaMessage(String message) {
        Matcher m = ENCOUNTERED.matcher(message);
        if (m.matches()) {
            String got = m.group(1);
            String expected = m.group(2).strip();
            return switch (expected) {
                case "')'", "']'" -> "expected token ',', got " + got;
                case "'}'" -> "expected token 'end of print statement', got " + got;
                default -> "unexpected " + got;
            };
        }
        m = MISSING_END.matcher(message);
        if (m.matches()) {
            return "Unexpected end of template. Jinja was looking for the following tags: '" + m.group(1)
                    + "'. The innermost block that needs to be closed is '" + m.group(2) + "'.";
        }
        if (message.equals("Unclosed token")) {
            return "unexpected end of template, expected 'end of print statement'.";
        }
        return message;
    }

    /** A render error as Airflow's log shows the exception ({@code <type>: <message>}). */
    private static String renderMessage(TemplateError error) {
        Throwable cause = error.getException();
        while (cause != null) {
            if (cause instanceof AirflowContext.PyError py) {
                return py.getMessage();
            }
            cause = cause.getCause();
        }
        String message = error.getMessage();
        Matcher m = UNKNOWN_TOKEN.matcher(message);
        if (m.matches()) {
            String name = m.group(1).strip();
            int dot = name.lastIndexOf('.');
            return dot < 0 ? "UndefinedError: '" + name + "' is undefined"
                    : "UndefinedError: 'dict object' has no attribute '" + name.substring(dot + 1) + "'";
        }
        if (message.contains("PyError")) {
            int at = message.indexOf("PyError: ");
            return message.substring(at + "PyError: ".length());
        }
        return error.getReason() == TemplateError.ErrorReason.SYNTAX_ERROR
                ? "TemplateSyntaxError: " + jinjaMessage(message) : "TemplateError: " + message;
    }

    private static boolean hasTemplate(String s) {
        return s.contains("{{") || s.contains("{%") || s.contains("{#");
    }

    private static boolean hasTemplate(JsonNode value) {
        if (value.isString()) {
            return hasTemplate(value.asString());
        }
        if (value.isContainer()) {
            for (JsonNode child : value.isObject() ? value.values() : value) {
                if (hasTemplate(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void collect(JsonNode value, List<String> out) {
        if (value.isString()) {
            out.add(value.asString());
        } else if (value.isContainer()) {
            (value.isObject() ? value.values() : value).forEach(child -> collect(child, out));
        }
    }
}
