package dev.stepline.sfn.runtime.dataflow;

import dev.stepline.sfn.asl.IntrinsicCall;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates JSONPath-mode intrinsic function calls (spec §6.7): arguments are resolved left to
 * right (literals, paths, nested calls), then the function runs on the resulting JSON values.
 * Bad argument values raise {@code States.IntrinsicFailure} naming the function; a path argument
 * that selects nothing raises {@code States.Runtime}, like any other missing path.
 */
public final class Intrinsics {
    private Intrinsics() {
    }

    /** Evaluates {@code call} in {@code scope}. */
    public static JsonNode call(IntrinsicCall call, Scope scope) throws StatesError {
        return evaluate(call, scope, null);
    }

    /**
     * Evaluates {@code call}; {@code field} (e.g. {@code value.$} or {@code ErrorPath}) names the
     * template member for the message of a missing path argument, or is null.
     */
    static JsonNode evaluate(IntrinsicCall call, Scope scope, String field) throws StatesError {
        List<JsonNode> values = new ArrayList<>(call.arguments().size());
        for (IntrinsicCall.Argument argument : call.arguments()) {
            values.add(argument(argument, scope, field));
        }
        return IntrinsicFunctions.apply(call, values);
    }

    private static JsonNode argument(IntrinsicCall.Argument argument, Scope scope, String field) throws StatesError {
        return switch (argument) {
            case IntrinsicCall.StringArg s -> Json.NODES.stringNode(s.value());
            case IntrinsicCall.NumberArg n -> Nodes.number(n.value());
            case IntrinsicCall.BooleanArg b -> Json.NODES.booleanNode(b.value());
            case IntrinsicCall.NullArg ignored -> Json.NODES.nullNode();
            case IntrinsicCall.PathArg p -> DataFlow.fieldPath(p.path(), scope, field);
            case IntrinsicCall.CallArg c -> evaluate(c.call(), scope, field);
        };
    }
}
