package dev.stepline.sfn.runtime.dataflow;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import dev.stepline.sfn.asl.JsonataExpression;
import dev.stepline.sfn.asl.JsonataValues;
import dev.stepline.sfn.asl.Payload;
import dev.stepline.sfn.asl.PayloadTemplate;
import java.math.BigDecimal;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Evaluates the JSONata fields of a state (spec §6.4). Every failure is a
 * {@code States.QueryEvaluationError} carrying the field it happened in ({@link StatesError#location()}),
 * with AWS's texts:
 * <ul>
 *   <li>{@code The JSONata expression '<expr>' specified for the field '<field>' returned nothing (undefined).}</li>
 *   <li>{@code ... threw an error during evaluation. T1006: Attempted to invoke a non-function}</li>
 *   <li>{@code ... returned an unexpected result type. Expected 'array', but was 'number' for value: 1}</li>
 * </ul>
 * Field names nest as AWS shows them: {@code Output}, {@code Output/result}, {@code Assign/x};
 * array elements as {@code Output[0]}.
 */
public final class JsonataEvaluator {
    /** Bounds for user code: wall time per evaluation and recursion depth. */
    static final long TIMEOUT_MILLIS = 10_000;
    static final int MAX_DEPTH = 1_000;

    private JsonataEvaluator() {
    }

    /** The value of one expression. */
    public static JsonNode value(JsonataExpression expression, JsonataScope scope, String field) throws StatesError {
        Jsonata compiled = expression.compiled();
        Object result;
        try {
            Jsonata.Frame frame = compiled.createFrame();
            frame.setRuntimeBounds(TIMEOUT_MILLIS, MAX_DEPTH);
            frame.bind("states", scope.states());
            for (String name : expression.variables()) {
                JsonNode value = scope.variables().get(name);
                if (value != null) {
                    frame.bind(name, JsonataValues.toJava(value));
                }
            }
            result = compiled.evaluate(null, frame);
        } catch (JException e) {
            throw failure(expression, field, "threw an error during evaluation. " + e.getError() + ": " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            throw failure(expression, field, "threw an error during evaluation. " + e.getMessage());
        }
        JsonNode json;
        try {
            json = JsonataValues.toJson(result);
        } catch (IllegalArgumentException e) {
            throw failure(expression, field, "returned an unsupported value: " + e.getMessage() + ".");
        }
        if (json == null) {
            throw failure(expression, field, "returned nothing (undefined).");
        }
        return json;
    }

    /** A template ({@code Arguments}, {@code Output}, {@code Assign}, {@code ItemSelector}, ...) with its expressions evaluated. */
    public static JsonNode template(Payload payload, JsonataScope scope, String field) throws StatesError {
        return evaluate(payload.template(), scope, field);
    }

    /** A Choice rule's {@code Condition}: must be a boolean. */
    public static boolean condition(JsonataExpression expression, JsonataScope scope, String field) throws StatesError {
        JsonNode value = value(expression, scope, field);
        if (!value.isBoolean()) {
            throw unexpectedType(expression, field, "boolean", value);
        }
        return value.booleanValue();
    }

    /** An array-valued field ({@code Items}). */
    public static JsonNode array(JsonataExpression expression, JsonataScope scope, String field) throws StatesError {
        JsonNode value = value(expression, scope, field);
        if (!value.isArray()) {
            throw unexpectedType(expression, field, "array", value);
        }
        return value;
    }

    /** A non-negative whole number ({@code Seconds}, {@code TimeoutSeconds}, {@code MaxConcurrency}, ...). */
    public static long integer(JsonataExpression expression, JsonataScope scope, String field) throws StatesError {
        JsonNode value = value(expression, scope, field);
        Long number = Nodes.exactLong(value);
        if (number == null) {
            throw unexpectedType(expression, field, "integer", value);
        }
        if (number < 0) {
            throw failure(expression, field, "returned a negative value: " + number + ".");
        }
        return number;
    }

    /** A non-negative number ({@code ToleratedFailurePercentage}). */
    public static BigDecimal number(JsonataExpression expression, JsonataScope scope, String field) throws StatesError {
        JsonNode value = value(expression, scope, field);
        if (!value.isNumber()) {
            throw unexpectedType(expression, field, "number", value);
        }
        return value.decimalValue();
    }

    /** A string-valued field ({@code Error}, {@code Cause}). */
    public static String string(JsonataExpression expression, JsonataScope scope, String field) throws StatesError {
        JsonNode value = value(expression, scope, field);
        if (!value.isString()) {
            throw unexpectedType(expression, field, "string", value);
        }
        return value.stringValue();
    }

    /** Wait {@code Timestamp}: an ISO-8601 date-time with an offset (AWS's text, spec §6.4). */
    public static Instant timestamp(JsonataExpression expression, JsonataScope scope, String field) throws StatesError {
        String text = string(expression, scope, field);
        Instant instant = Timestamps.isoOffset(text);
        if (instant == null) {
            throw new StatesError(StatesError.QUERY_EVALUATION_ERROR, "The Timestamp field cannot be parsed as an "
                    + "ISO-8601 extended offset date-time format string: " + text, field);
        }
        return instant;
    }

    private static JsonNode evaluate(PayloadTemplate template, JsonataScope scope, String field) throws StatesError {
        return switch (template) {
            case PayloadTemplate.Literal literal -> literal.value().deepCopy();
            case PayloadTemplate.ObjectTemplate object -> {
                ObjectNode out = Json.object();
                for (PayloadTemplate.ObjectTemplate.Entry entry : object.entries()) {
                    out.set(entry.key(), evaluate(entry.value(), scope, field + "/" + entry.key()));
                }
                yield out;
            }
            case PayloadTemplate.ArrayTemplate array -> {
                ArrayNode out = Json.NODES.arrayNode();
                int index = 0;
                for (PayloadTemplate element : array.elements()) {
                    out.add(evaluate(element, scope, field + "[" + index++ + "]"));
                }
                yield out;
            }
            case PayloadTemplate.JsonataValue value -> value(value.expression(), scope, field);
            case PayloadTemplate.PathValue ignored ->
                    throw new IllegalStateException("a JSONPath value in a JSONata template at " + field);
            case PayloadTemplate.IntrinsicValue ignored ->
                    throw new IllegalStateException("an intrinsic function in a JSONata template at " + field);
        };
    }

    private static StatesError unexpectedType(JsonataExpression expression, String field, String expected,
                                              JsonNode value) {
        return failure(expression, field, "returned an unexpected result type. Expected '" + expected
                + "', but was '" + JsonataValues.typeName(value) + "' for value: " + Nodes.display(value));
    }

    private static StatesError failure(JsonataExpression expression, String field, String what) {
        return new StatesError(StatesError.QUERY_EVALUATION_ERROR, "The JSONata expression '"
                + expression.expression() + "' specified for the field '" + field + "' " + what, field);
    }
}
