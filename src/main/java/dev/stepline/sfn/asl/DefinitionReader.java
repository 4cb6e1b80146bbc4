package dev.stepline.sfn.asl;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The schema pass: reads a parsed definition into the compiled model, reporting every problem it can
 * find in document order. Graph rules (targets, reachability, terminal states, duplicate names) are
 * {@link GraphChecker}'s. One instance per parse; not thread-safe.
 */
final class DefinitionReader {
    static final int MAX_STATE_NAME_LENGTH = 80;
    static final int MAX_LABEL_LENGTH = 40;
    static final long MAX_TIMEOUT_SECONDS = 99_999_999L;
    private static final String LABEL_FORBIDDEN = " ?*<>{}[]:;,\\|^~$#%&`\"";

    private final StateMachineType type;
    private final Diagnostics diagnostics;
    private final TemplateReader templates;
    private final PathReader paths;
    private final ErrorHandlerReader errorHandlers;
    private final ChoiceReader choices;
    private QueryLanguage topLanguage = QueryLanguage.JSONPATH;

    DefinitionReader(StateMachineType type, Diagnostics diagnostics) {
        this.type = type;
        this.diagnostics = diagnostics;
        this.templates = new TemplateReader(diagnostics);
        this.paths = new PathReader(diagnostics);
        this.errorHandlers = new ErrorHandlerReader(diagnostics, templates, paths);
        this.choices = new ChoiceReader(diagnostics, templates, paths);
    }

    /** The compiled definition, or null when an error was reported. */
    StateMachineDefinition read(JsonNode root) {
        diagnostics.rejectUnknown(root, FieldRules.TOP_LEVEL, "/");
        boolean complete = diagnostics.requireAll(root, List.of("States", "StartAt"), "/");
        QueryLanguage language = queryLanguage(root, "/");
        if (language != null) {
            topLanguage = language;
        }
        String comment = diagnostics.string(root, "Comment", "/");
        String version = root.has("Version")
                ? diagnostics.enumValue(root, "Version", "/", List.of("1.0")) : null;
        Integer timeout = null;
        if (root.has("TimeoutSeconds")) {
            NumericValue value = integer(root, "TimeoutSeconds", "/", 1, MAX_TIMEOUT_SECONDS, false);
            if (value instanceof NumericValue.Fixed fixed) {
                timeout = (int) fixed.longValue();
            }
        }
        String startAt = diagnostics.string(root, "StartAt", "/");
        Map<String, State> states = complete ? states(root, "", topLanguage, type) : null;
        if (diagnostics.errorCount() > 0 || states == null || startAt == null) {
            return null;
        }
        return new StateMachineDefinition(comment, startAt, states, timeout, version, topLanguage,
                diagnostics.warnings());
    }

    private QueryLanguage queryLanguage(JsonNode node, String location) {
        String value = diagnostics.enumValue(node, "QueryLanguage", location, List.of("JSONPath", "JSONata"));
        return QueryLanguage.fromWireName(value);
    }

    /** Reads {@code States} of the object at {@code prefix} ("" for the top level). */
    private Map<String, State> states(JsonNode owner, String prefix, QueryLanguage inherited,
                                      StateMachineType executionType) {
        String ownerLocation = prefix.isEmpty() ? "/" : prefix;
        JsonNode statesNode = diagnostics.object(owner, "States", ownerLocation);
        if (statesNode == null) {
            return null;
        }
        if (statesNode.isEmpty()) {
            diagnostics.schema(Messages.VALUE_CANNOT_BE_EMPTY, prefix + "/States");
            return null;
        }
        Map<String, State> states = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : statesNode.properties()) {
            String name = entry.getKey();
            String location = prefix + "/States/" + name;
            if (name.isEmpty() || name.length() > MAX_STATE_NAME_LENGTH) {
                diagnostics.error(Diagnostic.Codes.INVALID_STATE_NAME, Messages.stateNameLength(MAX_STATE_NAME_LENGTH),
                        location);
            }
            if (!entry.getValue().isObject()) {
                diagnostics.schema(Messages.wrongType(name, "an object"), location);
                continue;
            }
            State state = state(name, entry.getValue(), location, inherited, executionType);
            if (state != null) {
                states.put(name, state);
            }
        }
        return states;
    }

    /** Reads a nested workflow (Parallel branch, Map processor) located at {@code location}. */
    private Workflow workflow(JsonNode node, String location, Set<String> allowed, QueryLanguage inherited,
                              StateMachineType executionType) {
        diagnostics.rejectUnknown(node, allowed, location);
        if (!diagnostics.requireAll(node, List.of("States", "StartAt"), location)) {
            return null;
        }
        QueryLanguage language = inherited;
        if (allowed.contains("QueryLanguage")) {
            QueryLanguage own = queryLanguage(node, location);
            if (own == QueryLanguage.JSONPATH && topLanguage == QueryLanguage.JSONATA) {
                diagnostics.schema(Messages.QUERY_LANGUAGE_DOWNGRADE, location);
            } else if (own != null) {
                language = own;
            }
        }
        String comment = diagnostics.string(node, "Comment", location);
        String startAt = diagnostics.string(node, "StartAt", location);
        Map<String, State> states = states(node, location, language, executionType);
        return startAt == null || states == null ? null : new Workflow(comment, startAt, states);
    }

    private State state(String name, JsonNode node, String location, QueryLanguage inherited,
                        StateMachineType executionType) {
        if (!diagnostics.requireAll(node, List.of("Type"), location)) {
            return null;
        }
        StateType stateType = node.get("Type").isString() ? StateType.byName(node.get("Type").stringValue()) : null;
        if (stateType == null) {
            diagnostics.schema(Messages.oneOf("Type", List.of("Task", "Pass", "Choice", "Wait", "Succeed", "Fail",
                    "Parallel", "Map")), Diagnostics.at(location, "Type"));
            return null;
        }
        int before = diagnostics.errorCount();
        QueryLanguage own = queryLanguage(node, location);
        QueryLanguage language = own == null ? inherited : own;
        if (own == QueryLanguage.JSONPATH && topLanguage == QueryLanguage.JSONATA) {
            diagnostics.schema(Messages.QUERY_LANGUAGE_DOWNGRADE, location);
        }
        diagnostics.rejectUnknown(node, FieldRules.allowed(stateType), location);
        for (String field : node.propertyNames()) {
            if (FieldRules.allowed(stateType).contains(field) && FieldRules.foreignTo(language, field)) {
                diagnostics.schema(Messages.wrongQueryLanguage(language, field), location);
            }
        }
        String comment = diagnostics.string(node, "Comment", location);
        Common c = new Common(name, node, location, language, comment);
        State state = switch (stateType) {
            case Pass -> pass(c);
            case Task -> task(c, executionType);
            case Choice -> choice(c);
            case Wait -> waitState(c);
            case Succeed -> succeed(c);
            case Fail -> fail(c);
            case Parallel -> parallel(c, executionType);
            case Map -> map(c, executionType);
        };
        return diagnostics.errorCount() == before ? state : null;
    }

    /** What every state reader needs. */
    private record Common(String name, JsonNode node, String location, QueryLanguage language, String comment) {
        boolean jsonPath() {
            return language == QueryLanguage.JSONPATH;
        }
    }

    /** Next/End: returns the Next target (null for End); reports both/neither. */
    private String transition(Common c) {
        String next = diagnostics.string(c.node(), "Next", c.location());
        Boolean end = diagnostics.bool(c.node(), "End", c.location());
        boolean ends = Boolean.TRUE.equals(end);
        boolean hasNext = c.node().has("Next");
        if (hasNext == ends) {
            diagnostics.schema(Messages.exactlyOne(List.of("Next", "End")), c.location());
        }
        return next;
    }

    private JsonPathExpression inputPath(Common c) {
        return c.jsonPath() ? paths.optionalPath(c.node(), "InputPath", c.location()) : null;
    }

    private JsonPathExpression outputPath(Common c) {
        return c.jsonPath() ? paths.optionalPath(c.node(), "OutputPath", c.location()) : null;
    }

    private ReferencePath resultPath(Common c) {
        return c.jsonPath() ? paths.resultPath(c.node(), "ResultPath", c.location()) : null;
    }

    private Payload template(Common c, String field, boolean requireObject) {
        if (FieldRules.foreignTo(c.language(), field)) {
            return null; // already reported
        }
        return templates.read(c.node(), field, c.location(), c.language(), requireObject);
    }

    private PassState pass(Common c) {
        String next = transition(c);
        JsonNode result = c.jsonPath() ? c.node().get("Result") : null;
        if (result != null && TemplateReader.containsDynamicKey(result)) {
            diagnostics.warning(Diagnostic.Codes.PASS_RESULT_IS_STATIC, Messages.PASS_RESULT_STATIC,
                    Diagnostics.at(c.location(), "Result"));
        }
        return new PassState(c.name(), c.comment(), c.language(), next, inputPath(c), outputPath(c),
                template(c, "Parameters", true), resultPath(c), result, template(c, "Output", false),
                template(c, "Assign", true));
    }

    private TaskState task(Common c, StateMachineType executionType) {
        String next = transition(c);
        TaskResource resource = null;
        if (diagnostics.requireAll(c.node(), List.of("Resource"), c.location())) {
            String arn = diagnostics.string(c.node(), "Resource", c.location());
            String at = Diagnostics.at(c.location(), "Resource");
            if (arn != null) {
                resource = TaskResource.classify(arn);
                if (resource == null) {
                    diagnostics.error(Diagnostic.Codes.INVALID_RESOURCE, Messages.resourceNotRecognized(arn), at);
                } else if (executionType == StateMachineType.EXPRESS) {
                    expressRestrictions(resource, at);
                }
            }
        }
        NumericValue timeout = numeric(c, "TimeoutSeconds", "TimeoutSecondsPath", 1, MAX_TIMEOUT_SECONDS, true);
        NumericValue heartbeat = numeric(c, "HeartbeatSeconds", "HeartbeatSecondsPath", 1, MAX_TIMEOUT_SECONDS, true);
        if (timeout instanceof NumericValue.Fixed t && heartbeat instanceof NumericValue.Fixed h
                && h.value().compareTo(t.value()) >= 0) {
            diagnostics.schema(Messages.HEARTBEAT_NOT_BELOW_TIMEOUT, Diagnostics.at(c.location(), "HeartbeatSeconds"));
        }
        Payload credentials = null;
        JsonNode credentialsNode = diagnostics.object(c.node(), "Credentials", c.location());
        if (credentialsNode != null) {
            boolean hasRole = credentialsNode.has("RoleArn") || (c.jsonPath() && credentialsNode.has("RoleArn.$"));
            if (!hasRole) {
                diagnostics.schema(Messages.ROLE_ARN_MISSING, Diagnostics.at(c.location(), "Credentials"));
            } else {
                credentials = templates.read(c.node(), "Credentials", c.location(), c.language(), true);
            }
        }
        List<Retrier> retry = errorHandlers.retriers(c.node(), c.location());
        List<Catcher> catchers = errorHandlers.catchers(c.node(), c.location(), c.language());
        if (resource == null) {
            return null;
        }
        return new TaskState(c.name(), c.comment(), c.language(), next, inputPath(c), outputPath(c),
                template(c, "Parameters", true), resultPath(c), template(c, "ResultSelector", true),
                template(c, "Arguments", true), template(c, "Output", false), template(c, "Assign", true), retry,
                catchers, resource, timeout, heartbeat, credentials);
    }

    /** [aws] spec §3.3: Express workflows reject callbacks, .sync jobs and activities at the Resource. */
    private void expressRestrictions(TaskResource resource, String at) {
        switch (resource.pattern()) {
            case WAIT_FOR_TASK_TOKEN -> diagnostics.schema(Messages.EXPRESS_WAIT_FOR_TASK_TOKEN, at);
            case SYNC, SYNC_2 -> diagnostics.schema(Messages.EXPRESS_SYNC, at);
            case REQUEST_RESPONSE -> {
                if (resource.kind() == TaskResource.Kind.ACTIVITY) {
                    diagnostics.schema(Messages.EXPRESS_ACTIVITY, at);
                }
            }
        }
    }

    private ChoiceState choice(Common c) {
        String defaultState = diagnostics.string(c.node(), "Default", c.location());
        List<ChoiceBranch> branches = null;
        if (diagnostics.requireAll(c.node(), List.of("Choices"), c.location())) {
            branches = choices.branches(c.node(), c.location(), c.language());
        }
        JsonPathExpression in = inputPath(c);
        JsonPathExpression out = outputPath(c);
        Payload output = template(c, "Output", false);
        Payload assign = template(c, "Assign", true);
        return branches == null ? null
                : new ChoiceState(c.name(), c.comment(), c.language(), in, out, branches, defaultState, output, assign);
    }

    private WaitState waitState(Common c) {
        String next = transition(c);
        List<String> present = List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath").stream()
                .filter(c.node()::has).toList();
        if (present.size() != 1) {
            diagnostics.schema(Messages.exactlyOne(List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")),
                    c.location());
            return null;
        }
        NumericValue seconds = null;
        StringValue timestamp = null;
        switch (present.get(0)) {
            case "Seconds", "SecondsPath" -> seconds = numeric(c, "Seconds", "SecondsPath", 0, Long.MAX_VALUE, true);
            case "Timestamp" -> {
                JsonNode value = c.node().get("Timestamp");
                String at = Diagnostics.at(c.location(), "Timestamp");
                if (!c.jsonPath() && value.isString() && JsonataExpression.isExpression(value.stringValue())) {
                    JsonataExpression expression = diagnostics.jsonata(value.stringValue(), at);
                    timestamp = expression == null ? null : new StringValue.FromJsonata(expression);
                } else if (!value.isString()) {
                    diagnostics.schema(Messages.wrongType("Timestamp", "a string"), at);
                } else if (!Rfc3339.isValid(value.stringValue())) {
                    diagnostics.schema(Messages.NOT_RFC3339, at);
                } else {
                    timestamp = new StringValue.Fixed(value.stringValue());
                }
            }
            default -> {
                JsonPathExpression path = paths.path(c.node(), "TimestampPath", c.location());
                timestamp = path == null ? null : new StringValue.FromPath(path);
            }
        }
        if (seconds == null && timestamp == null) {
            return null;
        }
        return new WaitState(c.name(), c.comment(), c.language(), next, inputPath(c), outputPath(c), seconds,
                timestamp, template(c, "Output", false), template(c, "Assign", true));
    }

    private SucceedState succeed(Common c) {
        return new SucceedState(c.name(), c.comment(), c.language(), inputPath(c), outputPath(c),
                template(c, "Output", false));
    }

    private FailState fail(Common c) {
        return new FailState(c.name(), c.comment(), c.language(), failString(c, "Error", "ErrorPath"),
                failString(c, "Cause", "CausePath"));
    }

    private StringValue failString(Common c, String field, String pathField) {
        JsonNode value = c.node().get(field);
        JsonNode path = c.jsonPath() ? c.node().get(pathField) : null;
        if (value != null && path != null) {
            diagnostics.schema(Messages.exactlyOne(List.of(field, pathField)), c.location());
            return null;
        }
        if (value != null) {
            if (!value.isString()) {
                diagnostics.schema(Messages.wrongType(field, "a string"), Diagnostics.at(c.location(), field));
                return null;
            }
            String text = value.stringValue();
            if (c.jsonPath() && TemplateReader.looksLikePath(text)) {
                diagnostics.warning(Diagnostic.Codes.NO_PATH, Messages.noPath(field), Diagnostics.at(c.location(), field));
            }
            if (!c.jsonPath() && JsonataExpression.isExpression(text)) {
                JsonataExpression expression = diagnostics.jsonata(text, Diagnostics.at(c.location(), field));
                return expression == null ? null : new StringValue.FromJsonata(expression);
            }
            return new StringValue.Fixed(text);
        }
        if (path != null) {
            if (path.isString()) {
                String text = path.stringValue();
                if (IntrinsicCall.looksLikeCall(text)) {
                    try {
                        IntrinsicCall call = IntrinsicCall.parse(text);
                        if (call.function().returnsString()) {
                            return new StringValue.FromIntrinsic(call);
                        }
                    } catch (IllegalArgumentException e) {
                        // reported below
                    }
                } else {
                    JsonPathExpression parsed = JsonPathExpression.tryParse(text);
                    if (parsed != null) {
                        return new StringValue.FromPath(parsed);
                    }
                }
            }
            diagnostics.schema(Messages.invalidPathOrIntrinsic(pathField), Diagnostics.at(c.location(), pathField));
        }
        return null;
    }

    private ParallelState parallel(Common c, StateMachineType executionType) {
        String next = transition(c);
        List<Workflow> branches = new java.util.ArrayList<>();
        boolean valid = false;
        if (diagnostics.requireAll(c.node(), List.of("Branches"), c.location())) {
            JsonNode array = diagnostics.array(c.node(), "Branches", c.location());
            if (array != null && array.isEmpty()) {
                diagnostics.schema(Messages.VALUE_CANNOT_BE_EMPTY, Diagnostics.at(c.location(), "Branches"));
            } else if (array != null) {
                valid = true;
                for (int i = 0; i < array.size(); i++) {
                    String at = c.location() + "/Branches/" + i;
                    if (!array.get(i).isObject()) {
                        diagnostics.schema(Messages.wrongType("Branches", "an array of objects"), at);
                        valid = false;
                        continue;
                    }
                    Workflow branch = workflow(array.get(i), at, Set.of("StartAt", "States", "Comment", "QueryLanguage"),
                            c.language(), executionType);
                    if (branch == null) {
                        valid = false;
                    } else {
                        branches.add(branch);
                    }
                }
            }
        }
        List<Retrier> retry = errorHandlers.retriers(c.node(), c.location());
        List<Catcher> catchers = errorHandlers.catchers(c.node(), c.location(), c.language());
        return !valid ? null : new ParallelState(c.name(), c.comment(), c.language(), next, inputPath(c),
                outputPath(c), template(c, "Parameters", true), resultPath(c), template(c, "ResultSelector", true),
                template(c, "Arguments", true), template(c, "Output", false), template(c, "Assign", true), retry,
                catchers, branches);
    }

    private MapState map(Common c, StateMachineType executionType) {
        String next = transition(c);
        ItemProcessor processor = processor(c, executionType);
        JsonPathExpression itemsPath = c.jsonPath() ? paths.optionalPath(c.node(), "ItemsPath", c.location()) : null;
        if (c.jsonPath() && c.node().has("ItemsPath") && itemsPath == null && c.node().get("ItemsPath").isNull()) {
            diagnostics.schema(Messages.invalidJsonPath("ItemsPath"), Diagnostics.at(c.location(), "ItemsPath"));
        }
        Payload items = null;
        if (!c.jsonPath() && c.node().has("Items")) {
            JsonNode raw = c.node().get("Items");
            if (!raw.isArray() && !(raw.isString() && JsonataExpression.isExpression(raw.stringValue()))) {
                diagnostics.schema(Messages.wrongType("Items", "an array or a JSONata expression"),
                        Diagnostics.at(c.location(), "Items"));
            } else {
                items = template(c, "Items", false);
            }
        }
        if (c.node().has("ItemSelector") && c.node().has("Parameters")) {
            diagnostics.schema(Messages.exactlyOne(List.of("ItemSelector", "Parameters")), c.location());
        }
        Payload itemSelector = c.node().has("ItemSelector")
                ? templates.read(c.node(), "ItemSelector", c.location(), c.language(), true)
                : template(c, "Parameters", true);
        NumericValue maxConcurrency = numeric(c, "MaxConcurrency", "MaxConcurrencyPath", 0, Integer.MAX_VALUE, true);
        NumericValue toleratedCount = numeric(c, "ToleratedFailureCount", "ToleratedFailureCountPath", 0,
                Integer.MAX_VALUE, true);
        NumericValue toleratedPercentage = numeric(c, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
                0, 100, false);
        String label = diagnostics.string(c.node(), "Label", c.location());
        if (label != null && !validLabel(label)) {
            diagnostics.error(Diagnostic.Codes.INVALID_LABEL_NAME, Messages.invalidLabel(MAX_LABEL_LENGTH),
                    Diagnostics.at(c.location(), "Label"));
        }
        ItemReader reader = itemReader(c);
        ItemBatcher batcher = itemBatcher(c);
        ResultWriter writer = resultWriter(c);
        List<Retrier> retry = errorHandlers.retriers(c.node(), c.location());
        List<Catcher> catchers = errorHandlers.catchers(c.node(), c.location(), c.language());
        if (processor == null) {
            return null;
        }
        return new MapState(c.name(), c.comment(), c.language(), next, inputPath(c), outputPath(c), resultPath(c),
                template(c, "ResultSelector", true), template(c, "Output", false), template(c, "Assign", true), retry,
                catchers, processor, itemsPath, items, itemSelector, maxConcurrency, reader, batcher, writer,
                toleratedCount, toleratedPercentage, label);
    }

    static boolean validLabel(String label) {
        if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
            return false;
        }
        return label.chars().noneMatch(ch -> LABEL_FORBIDDEN.indexOf(ch) >= 0 || Character.isWhitespace(ch)
                || ch <= 0x1F || (ch >= 0x7F && ch <= 0x9F));
    }

    private ItemProcessor processor(Common c, StateMachineType executionType) {
        boolean hasProcessor = c.node().has("ItemProcessor");
        boolean hasIterator = c.node().has("Iterator");
        if (!hasProcessor && !hasIterator) {
            diagnostics.schema(Messages.required(List.of("ItemProcessor")), c.location());
            return null;
        }
        if (hasProcessor && hasIterator) {
            diagnostics.schema(Messages.exactlyOne(List.of("ItemProcessor", "Iterator")), c.location());
            return null;
        }
        String field = hasProcessor ? "ItemProcessor" : "Iterator";
        String at = Diagnostics.at(c.location(), field);
        JsonNode node = diagnostics.object(c.node(), field, c.location());
        if (node == null) {
            return null;
        }
        ItemProcessor.Mode mode = ItemProcessor.Mode.INLINE;
        StateMachineType childType = null;
        JsonNode config = diagnostics.object(node, "ProcessorConfig", at);
        if (config != null) {
            String configAt = Diagnostics.at(at, "ProcessorConfig");
            diagnostics.rejectUnknown(config, Set.of("Mode", "ExecutionType"), configAt);
            String modeName = diagnostics.enumValue(config, "Mode", configAt, List.of("INLINE", "DISTRIBUTED"));
            if (modeName != null) {
                mode = ItemProcessor.Mode.valueOf(modeName);
            }
            String executionTypeName = diagnostics.enumValue(config, "ExecutionType", configAt,
                    List.of("STANDARD", "EXPRESS"));
            if (executionTypeName != null) {
                childType = StateMachineType.valueOf(executionTypeName);
            }
        }
        StateMachineType bodyType = executionType;
        if (mode == ItemProcessor.Mode.DISTRIBUTED) {
            childType = childType == null ? StateMachineType.STANDARD : childType;
            bodyType = childType;
        } else {
            childType = null;
        }
        // [aws] floci-io/floci#2968: ItemProcessor/Iterator may not declare QueryLanguage; the body inherits the
        // machine's top-level language, not the Map state's.
        Workflow body = workflow(node, at, Set.of("StartAt", "States", "Comment", "ProcessorConfig"), topLanguage,
                bodyType);
        return body == null ? null : new ItemProcessor(mode, childType, body, hasIterator);
    }

    private ItemReader itemReader(Common c) {
        JsonNode node = diagnostics.object(c.node(), "ItemReader", c.location());
        if (node == null) {
            return null;
        }
        String at = Diagnostics.at(c.location(), "ItemReader");
        String argumentsField = c.jsonPath() ? "Parameters" : "Arguments";
        diagnostics.rejectUnknown(node, Set.of("Resource", argumentsField, "ReaderConfig"), at);
        if (!diagnostics.requireAll(node, List.of("Resource"), at)) {
            return null;
        }
        String resource = diagnostics.string(node, "Resource", at);
        Payload parameters = templates.read(node, argumentsField, at, c.language(), true);
        JsonNode config = diagnostics.object(node, "ReaderConfig", at);
        String inputType = null;
        String headerLocation = null;
        String delimiter = null;
        List<String> headers = List.of();
        NumericValue maxItems = null;
        if (config != null) {
            String configAt = Diagnostics.at(at, "ReaderConfig");
            diagnostics.rejectUnknown(config, Set.of("InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter",
                    "MaxItems", "MaxItemsPath", "ManifestType", "Transformation"), configAt);
            inputType = diagnostics.enumValue(config, "InputType", configAt,
                    List.of("CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"));
            headerLocation = diagnostics.enumValue(config, "CSVHeaderLocation", configAt, List.of("FIRST_ROW", "GIVEN"));
            delimiter = diagnostics.enumValue(config, "CSVDelimiter", configAt,
                    List.of("COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"));
            if (config.has("CSVHeaders")) {
                List<String> given = diagnostics.nonEmptyStrings(config, "CSVHeaders", configAt);
                headers = given == null ? List.of() : given;
            }
            if (c.jsonPath() || !config.has("MaxItemsPath")) {
                maxItems = numeric(new Common(c.name(), config, configAt, c.language(), null), "MaxItems",
                        "MaxItemsPath", 0, 100_000_000, true);
            } else {
                diagnostics.schema(Messages.wrongQueryLanguage(c.language(), "MaxItemsPath"), configAt);
            }
        }
        return resource == null ? null
                : new ItemReader(resource, parameters, inputType, headerLocation, headers, delimiter, maxItems, config);
    }

    private ItemBatcher itemBatcher(Common c) {
        JsonNode node = diagnostics.object(c.node(), "ItemBatcher", c.location());
        if (node == null) {
            return null;
        }
        String at = Diagnostics.at(c.location(), "ItemBatcher");
        diagnostics.rejectUnknown(node, Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                "MaxInputBytesPerBatchPath", "BatchInput"), at);
        Common inner = new Common(c.name(), node, at, c.language(), null);
        NumericValue maxItems = numeric(inner, "MaxItemsPerBatch", "MaxItemsPerBatchPath", 1, Integer.MAX_VALUE, true);
        NumericValue maxBytes = numeric(inner, "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", 1, 262_144, true);
        Payload batchInput = templates.read(node, "BatchInput", at, c.language(), false);
        return new ItemBatcher(maxItems, maxBytes, batchInput);
    }

    private ResultWriter resultWriter(Common c) {
        JsonNode node = diagnostics.object(c.node(), "ResultWriter", c.location());
        if (node == null) {
            return null;
        }
        String at = Diagnostics.at(c.location(), "ResultWriter");
        String argumentsField = c.jsonPath() ? "Parameters" : "Arguments";
        diagnostics.rejectUnknown(node, Set.of("Resource", argumentsField, "WriterConfig"), at);
        String resource = diagnostics.string(node, "Resource", at);
        Payload parameters = templates.read(node, argumentsField, at, c.language(), true);
        JsonNode config = diagnostics.object(node, "WriterConfig", at);
        String outputType = null;
        String transformation = null;
        if (config != null) {
            String configAt = Diagnostics.at(at, "WriterConfig");
            diagnostics.rejectUnknown(config, Set.of("OutputType", "Transformation"), configAt);
            outputType = diagnostics.enumValue(config, "OutputType", configAt, List.of("JSON", "JSONL"));
            transformation = diagnostics.enumValue(config, "Transformation", configAt,
                    List.of("NONE", "FLATTEN", "COMPACT"));
        }
        if (resource == null && config == null) {
            diagnostics.schema(Messages.required(List.of("Resource")), at);
            return null;
        }
        return new ResultWriter(resource, parameters, outputType, transformation, config);
    }

    /**
     * A number field with its {@code ...Path} twin (JSONPath) or a JSONata expression in the base field.
     * Returns null when both are absent or the value is invalid (reported).
     */
    private NumericValue numeric(Common c, String field, String pathField, long min, long max, boolean integer) {
        boolean hasValue = c.node().has(field);
        boolean hasPath = c.jsonPath() && c.node().has(pathField);
        if (hasValue && hasPath) {
            diagnostics.schema(Messages.exactlyOne(List.of(field, pathField)), c.location());
            return null;
        }
        if (hasPath) {
            JsonPathExpression path = paths.path(c.node(), pathField, c.location());
            return path == null ? null : new NumericValue.FromPath(path);
        }
        return hasValue ? integerOrNumber(c.node(), field, c.location(), min, max, integer, !c.jsonPath()) : null;
    }

    private NumericValue integer(JsonNode node, String field, String location, long min, long max, boolean jsonata) {
        return integerOrNumber(node, field, location, min, max, true, jsonata);
    }

    private NumericValue integerOrNumber(JsonNode node, String field, String location, long min, long max,
                                         boolean integer, boolean jsonata) {
        JsonNode value = node.get(field);
        String at = Diagnostics.at(location, field);
        if (jsonata && value.isString() && JsonataExpression.isExpression(value.stringValue())) {
            JsonataExpression expression = diagnostics.jsonata(value.stringValue(), at);
            return expression == null ? null : new NumericValue.FromJsonata(expression);
        }
        if (integer ? !value.isIntegralNumber() : !value.isNumber()) {
            diagnostics.schema(Messages.wrongType(field, integer ? "an integer" : "a number"), at);
            return null;
        }
        BigDecimal number = value.decimalValue();
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            diagnostics.schema(max == Long.MAX_VALUE ? Messages.atLeast(field, min) : Messages.between(field, min, max),
                    at);
            return null;
        }
        return new NumericValue.Fixed(number);
    }
}
