package dev.stepline.protocol.awsjson;

import static java.util.Objects.requireNonNull;

import dev.stepline.http.HttpRequest;
import dev.stepline.http.HttpResponse;
import dev.stepline.protocol.Answers;
import dev.stepline.protocol.AwsException;
import dev.stepline.protocol.ErrorPolicy;
import dev.stepline.protocol.Operation;
import dev.stepline.protocol.RequestContext;
import dev.stepline.protocol.ServiceEndpoint;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.protocol.validate.Validator;
import dev.stepline.protocol.validate.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The awsJson1.0 protocol for one service ({@code POST /}, {@code X-Amz-Target: <prefix>.<Op>}):
 * finds the operation, decodes and validates the request, calls the handler, and writes the
 * response or the error exactly as the SDKs parse it ({@code __type} + {@code message} in the
 * body, {@code x-amzn-ErrorType} header).
 */
public final class AwsJsonService implements ServiceEndpoint {
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private final String signingName;
    private final String targetPrefix;
    private final JsonCodec codec;
    private final Validator validator;
    private final ErrorPolicy errors;
    private final boolean capitalMessage;
    private final Map<String, Operation<?, ?>> operations = new LinkedHashMap<>();

    /**
     * @param capitalMessage also write the message as {@code Message} (Smithy-era services such
     *                       as MWAA Serverless model it that way; SDKs read either)
     */
    public AwsJsonService(String signingName, String targetPrefix, JsonCodec codec, Validator validator,
                          ErrorPolicy errors, boolean capitalMessage) {
        this.signingName = requireNonNull(signingName, "signingName is null");
        this.targetPrefix = requireNonNull(targetPrefix, "targetPrefix is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.validator = requireNonNull(validator, "validator is null");
        this.errors = requireNonNull(errors, "errors is null");
        this.capitalMessage = capitalMessage;
    }

    public <I, O> AwsJsonService add(String name, Class<I> input, Operation.Handler<I, O> handler) {
        if (operations.putIfAbsent(name, new Operation<>(name, input, handler)) != null) {
            throw new IllegalArgumentException("operation registered twice: " + name);
        }
        return this;
    }

    public JsonCodec codec() {
        return codec;
    }

    @Override
    public String signingName() {
        return signingName;
    }

    @Override
    public boolean recognises(HttpRequest request) {
        String target = request.header("X-Amz-Target");
        return target != null && target.startsWith(targetPrefix + ".");
    }

    @Override
    public HttpResponse handle(RequestContext context, HttpRequest request) {
        return Answers.answer(context, errors, request.header("X-Amz-Target"), () -> dispatch(context, request),
                output -> ok(context, output), this::error);
    }

    private Object dispatch(RequestContext context, HttpRequest request) {
        String target = request.header("X-Amz-Target");
        if (target == null || !target.startsWith(targetPrefix + ".") || !"POST".equals(request.method())) {
            throw errors.unknownOperation(target == null ? "" : target);
        }
        Operation<?, ?> operation = operations.get(target.substring(targetPrefix.length() + 1));
        if (operation == null) {
            throw errors.unknownOperation(target);
        }
        Object input = decode(request.body(), operation.input());
        List<Violation> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw errors.validation(violations);
        }
        return operation.invoke(context, input);
    }

    private Object decode(byte[] body, Class<?> type) {
        JsonNode tree;
        try {
            tree = body.length == 0 ? codec.mapper().createObjectNode() : codec.mapper().readTree(body);
        } catch (JacksonException e) {
            throw errors.cannotParse("The request body is not valid JSON.");
        }
        if (!(tree instanceof ObjectNode)) {
            throw errors.cannotParse("The request body must be a JSON object.");
        }
        try {
            return codec.convert(tree, type);
        } catch (JacksonException e) {
            throw errors.cannotParse(JsonCodec.describe(e));
        }
    }

    private HttpResponse ok(RequestContext context, Object output) {
        return new HttpResponse(200, Map.of(
                "Content-Type", CONTENT_TYPE,
                "x-amzn-RequestId", context.requestId()), codec.write(output));
    }

    @Override
    public HttpResponse reject(RequestContext context, AwsException error) {
        return error(context, error);
    }

    private HttpResponse error(RequestContext context, AwsException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", e.type());
        body.put("message", e.getMessage());
        if (capitalMessage) {
            body.put("Message", e.getMessage());
        }
        body.putAll(e.members());
        return new HttpResponse(e.status(), Map.of(
                "Content-Type", CONTENT_TYPE,
                "x-amzn-RequestId", context.requestId(),
                "x-amzn-ErrorType", e.code()), codec.write(body));
    }
}
