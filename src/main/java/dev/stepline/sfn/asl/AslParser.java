package dev.stepline.sfn.asl;

import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entry point: parses and validates an Amazon States Language definition into an immutable
 * {@link StateMachineDefinition}. Pure (no I/O) and thread-safe.
 *
 * <p>Validation runs in two passes. The schema pass reports, in document order, malformed or unsupported
 * fields, invalid paths, intrinsics and templates, query-language mismatches and Express restrictions. If it
 * finds no error, the graph pass reports duplicate state names, missing transition targets, unreachable
 * states and workflows without a terminal state. Both passes keep going after an error so that one call
 * reports as much as possible, as ValidateStateMachineDefinition does.
 */
public final class AslParser {
    /** Maximum definition length in characters (model: {@code Definition} max 1,048,576). */
    public static final int MAX_DEFINITION_LENGTH = 1_048_576;

    /** Jackson 2 (which AWS runs) truncated sources in locations to 500 characters. */
    private static final int MAX_SOURCE_IN_LOCATION = 500;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            // AWS parses with Jackson 2's readTree, which ignores anything after the first value [unverified].
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private AslParser() {
    }

    /**
     * Parses and validates a definition.
     *
     * @param definitionJson the definition as submitted
     * @param type           the state machine's type (Express definitions have extra restrictions)
     * @return the compiled definition; its {@link StateMachineDefinition#warnings()} hold any warnings
     * @throws AslValidationException when the definition has at least one error
     */
    public static StateMachineDefinition parse(String definitionJson, StateMachineType type) {
        Result result = analyze(definitionJson, type);
        if (result.definition() == null) {
            throw new AslValidationException(result.diagnostics());
        }
        return result.definition();
    }

    /**
     * Validates a definition without throwing, for ValidateStateMachineDefinition.
     *
     * @return every diagnostic, errors and warnings, in report order; no ERROR means the definition is valid
     */
    public static List<Diagnostic> validate(String definitionJson, StateMachineType type) {
        return analyze(definitionJson, type).diagnostics();
    }

    /**
     * The outcome of analysing a definition.
     *
     * @param definition  the compiled definition, or null when there is an error
     * @param diagnostics every diagnostic found, errors and warnings
     */
    public record Result(StateMachineDefinition definition, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** Parses and validates, returning the definition (when valid) and every diagnostic. */
    public static Result analyze(String definitionJson, StateMachineType type) {
        Objects.requireNonNull(definitionJson, "definitionJson");
        Objects.requireNonNull(type, "type");
        if (definitionJson.length() > MAX_DEFINITION_LENGTH
                && definitionJson.codePointCount(0, definitionJson.length()) > MAX_DEFINITION_LENGTH) {
            return failure(Diagnostic.error(Diagnostic.Codes.SCHEMA_VALIDATION_FAILED,
                    Messages.definitionTooLarge(MAX_DEFINITION_LENGTH), null));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(definitionJson);
        } catch (JacksonException e) {
            return failure(invalidJson(definitionJson, e));
        }
        if (root == null || !root.isObject()) {
            // [aws] an empty definition; AWS reports it without a location.
            return failure(Diagnostic.error(Diagnostic.Codes.SCHEMA_VALIDATION_FAILED, Messages.NOT_A_JSON_OBJECT,
                    null));
        }
        Diagnostics diagnostics = new Diagnostics();
        StateMachineDefinition definition = new DefinitionReader(type, diagnostics).read(root);
        if (diagnostics.errorCount() == 0) {
            new GraphChecker(diagnostics).check(root);
        }
        return new Result(diagnostics.errorCount() == 0 ? definition : null, diagnostics.all());
    }

    private static Result failure(Diagnostic diagnostic) {
        return new Result(null, List.of(diagnostic));
    }

    /**
     * [aws] spec §4.12: AWS reports Jackson 2's message, e.g. {@code Unrecognized token 'not': was expecting
     * (...)\n at [Source: (String)"not a definition"; line: 1, column: 4]}, with the bracketed source as the
     * location. Jackson 3 words its messages the same way but places some columns differently and redacts the
     * source, so the location is rebuilt here in Jackson 2's format.
     */
    static Diagnostic invalidJson(String source, JacksonException e) {
        String message = e.getOriginalMessage();
        TokenStreamLocation location = e.getLocation();
        int line = location == null ? 1 : location.getLineNr();
        int column = location == null ? 1 : location.getColumnNr();
        if (message.startsWith("Unrecognized token '")) {
            int end = message.indexOf('\'', "Unrecognized token '".length());
            if (end > 0) {
                // Jackson 2 pointed just past the token; Jackson 3 points at its start.
                column += end - "Unrecognized token '".length();
            }
        } else if (message.startsWith("Unexpected character")) {
            column += 1;
        }
        String shown = source.length() > MAX_SOURCE_IN_LOCATION
                ? "\"" + source.substring(0, MAX_SOURCE_IN_LOCATION) + "\"[truncated "
                        + (source.length() - MAX_SOURCE_IN_LOCATION) + " chars]"
                : "\"" + source + "\"";
        String where = "[Source: (String)" + shown + "; line: " + line + ", column: " + column + "]";
        return Diagnostic.error(Diagnostic.Codes.INVALID_JSON_DESCRIPTION, message + "\n at " + where, where);
    }
}
