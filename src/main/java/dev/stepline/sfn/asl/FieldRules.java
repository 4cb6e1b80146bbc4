package dev.stepline.sfn.asl;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which fields each state type accepts, and which belong to one query language only (spec §6.2). */
final class FieldRules {
    static final Set<String> TOP_LEVEL = Set.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version",
            "QueryLanguage");

    /** Fields only valid in JSONPath states; [aws] list measured in floci-io/floci#2968 plus the other *Path fields. */
    static final Set<String> JSONPATH_ONLY = Set.of("InputPath", "OutputPath", "ResultPath", "ResultSelector",
            "Parameters", "Result", "ItemsPath", "MaxConcurrencyPath", "SecondsPath", "TimestampPath",
            "TimeoutSecondsPath", "HeartbeatSecondsPath", "ToleratedFailureCountPath",
            "ToleratedFailurePercentagePath", "ErrorPath", "CausePath");

    /** Fields only valid in JSONata states. */
    static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");

    private static final Map<StateType, Set<String>> ALLOWED = new EnumMap<>(StateType.class);

    static {
        List<String> common = List.of("Type", "Comment", "QueryLanguage");
        List<String> transition = List.of("Next", "End");
        List<String> io = List.of("InputPath", "OutputPath");
        List<String> errors = List.of("Retry", "Catch");
        allow(StateType.Pass, common, transition, io,
                List.of("Parameters", "ResultPath", "Result", "Output", "Assign"));
        allow(StateType.Task, common, transition, io, errors,
                List.of("Parameters", "ResultPath", "ResultSelector", "Arguments", "Output", "Assign", "Resource",
                        "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath",
                        "Credentials"));
        allow(StateType.Choice, common, io, List.of("Choices", "Default", "Output", "Assign"));
        allow(StateType.Wait, common, transition, io,
                List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath", "Output", "Assign"));
        allow(StateType.Succeed, common, io, List.of("Output"));
        allow(StateType.Fail, common, List.of("Error", "Cause", "ErrorPath", "CausePath"));
        allow(StateType.Parallel, common, transition, io, errors,
                List.of("Parameters", "ResultPath", "ResultSelector", "Arguments", "Output", "Assign", "Branches"));
        allow(StateType.Map, common, transition, io, errors,
                List.of("Parameters", "ResultPath", "ResultSelector", "Output", "Assign", "ItemProcessor", "Iterator",
                        "ItemsPath", "Items", "ItemSelector", "MaxConcurrency", "MaxConcurrencyPath", "ItemReader",
                        "ItemBatcher", "ResultWriter", "ToleratedFailureCount", "ToleratedFailureCountPath",
                        "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label"));
    }

    private FieldRules() {
    }

    @SafeVarargs
    private static void allow(StateType type, List<String>... groups) {
        Set<String> fields = new HashSet<>();
        for (List<String> group : groups) {
            fields.addAll(group);
        }
        ALLOWED.put(type, Set.copyOf(fields));
    }

    static Set<String> allowed(StateType type) {
        return ALLOWED.get(type);
    }

    /** True when {@code field} may not appear in a state written in {@code language}. */
    static boolean foreignTo(QueryLanguage language, String field) {
        return language == QueryLanguage.JSONATA ? JSONPATH_ONLY.contains(field) : JSONATA_ONLY.contains(field);
    }
}
