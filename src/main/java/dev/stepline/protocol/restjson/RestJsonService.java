package dev.stepline.protocol.restjson;

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
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The restJson1 protocol for one service: routes by method and path, binds path labels, query
 * parameters (GET and DELETE) and the JSON body (PUT, POST, PATCH) into the request record,
 * validates it, and writes the response or the error with an {@code x-amzn-ErrorType} header
 * and a {@code {"message": …}} body, as botocore and the Java SDK read them.
 */
public final class RestJsonService implements ServiceEndpoint {

    private final String signingName;
    private final JsonCodec codec;
    private final Validator validator;
    private final ErrorPolicy errors;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Operation<?, ?>> operations = new HashMap<>();

    public RestJsonService(String signingName, JsonCodec codec, Validator validator, ErrorPolicy errors) {
        this.signingName = requireNonNull(signingName, "signingName is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.validator = requireNonNull(validator, "validator is null");
        this.errors = requireNonNull(errors, "errors is null");
    }

    /** Registers {@code METHOD /path/{label}} for an operation. */
    public <I, O> RestJsonService add(String method, String pathTemplate, String name, Class<I> input,
                                      Operation.Handler<I, O> handler) {
        if (operations.putIfAbsent(name, new Operation<>(name, input, handler)) != null) {
            throw new IllegalArgumentException("operation registered twice: " + name);
        }
        routes.add(Route.of(method, pathTemplate, name));
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
        List<String> path = Route.split(request.rawPath());
        return routes.stream().anyMatch(r -> r.match(request.method(), path) != null);
    }

    @Override
    public HttpResponse handle(RequestContext context, HttpRequest request) {
        return Answers.answer(context, errors, request.method() + " " + request.rawPath(), () -> dispatch(context, request),
                output -> ok(context, output), this::error);
    }

    private Object dispatch(RequestContext context, HttpRequest request) {
        List<String> path = Route.split(request.rawPath());
        for (Route route : routes) {
            Map<String, String> labels = route.match(request.method(), path);
            if (labels != null) {
                Operation<?, ?> operation = operations.get(route.operation());
                Object input = bind(request, labels, operation.input());
                List<Violation> violations = validator.validate(input);
                if (!violations.isEmpty()) {
                    throw errors.validation(violations);
                }
                return operation.invoke(context, input);
            }
        }
        throw errors.unknownOperation(request.method() + " " + request.rawPath());
    }

    private Object bind(HttpRequest request, Map<String, String> labels, Class<?> type) {
        ObjectNode tree = codec.mapper().createObjectNode();
        boolean bodyMethod = switch (request.method()) {
            case "PUT", "POST", "PATCH" -> true;
            default -> false;
        };
        if (bodyMethod && request.body().length > 0) {
            JsonNode body;
            try {
                body = codec.mapper().readTree(request.body());
            } catch (JacksonException e) {
                throw errors.cannotParse("The request body is not valid JSON.");
            }
            if (!(body instanceof ObjectNode object)) {
                throw errors.cannotParse("The request body must be a JSON object.");
            }
            tree.setAll(object);
        }
        bindQuery(request.rawQuery(), type, tree);
        labels.forEach(tree::put);
        try {
            return codec.convert(tree, type);
        } catch (JacksonException e) {
            throw errors.cannotParse(JsonCodec.describe(e));
        }
    }

    /** Query parameters bind to members of the same name; list members take every value. */
    private static void bindQuery(String rawQuery, Class<?> type, ObjectNode tree) {
        if (rawQuery.isEmpty() || !type.isRecord()) {
            return;
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = Route.decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : Route.decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        for (RecordComponent component : type.getRecordComponents()) {
            List<String> values = params.get(component.getName());
            if (values == null) {
                continue;
            }
            if (List.class.isAssignableFrom(component.getType())) {
                ArrayNode array = tree.putArray(component.getName());
                values.forEach(array::add);
            } else if (isNumber(component.getGenericType())) {
                try {
                    tree.put(component.getName(), Long.parseLong(values.get(0)));
                } catch (NumberFormatException e) {
                    tree.put(component.getName(), values.get(0));
                }
            } else if (component.getType() == Boolean.class) {
                tree.put(component.getName(), values.get(0));
                if ("true".equals(values.get(0)) || "false".equals(values.get(0))) {
                    tree.put(component.getName(), Boolean.parseBoolean(values.get(0)));
                }
            } else {
                tree.put(component.getName(), values.get(0));
            }
        }
    }

    private static boolean isNumber(Type type) {
        return type == Integer.class || type == Long.class
                || (type instanceof ParameterizedType p && p.getRawType() == Number.class);
    }

    private HttpResponse ok(RequestContext context, Object output) {
        return new HttpResponse(200, Map.of(
                "Content-Type", "application/json",
                "x-amzn-RequestId", context.requestId()), codec.write(output));
    }

    @Override
    public HttpResponse reject(RequestContext context, AwsException error) {
        return error(context, error);
    }

    private HttpResponse error(RequestContext context, AwsException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", e.getMessage());
        body.putAll(e.members());
        return new HttpResponse(e.status(), Map.of(
                "Content-Type", "application/json",
                "x-amzn-RequestId", context.requestId(),
                "x-amzn-ErrorType", e.code()), codec.write(body));
    }
}
