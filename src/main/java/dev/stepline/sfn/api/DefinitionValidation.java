package dev.stepline.sfn.api;

import dev.stepline.protocol.RequestContext;
import dev.stepline.sfn.api.DefinitionShapes.ValidateStateMachineDefinitionDiagnostic;
import dev.stepline.sfn.api.DefinitionShapes.ValidateStateMachineDefinitionInput;
import dev.stepline.sfn.api.DefinitionShapes.ValidateStateMachineDefinitionOutput;
import dev.stepline.sfn.asl.AslParser;
import dev.stepline.sfn.asl.Diagnostic;
import dev.stepline.sfn.asl.StateMachineType;
import java.util.List;

/**
 * ValidateStateMachineDefinition (spec §4.12): always 200 for a bad definition. {@code result}
 * is FAIL when there is any ERROR; {@code severity} WARNING also lists warnings;
 * {@code maxResults} (0 means 100) caps the list and {@code truncated} says whether it did.
 */
final class DefinitionValidation {
    private static final int DEFAULT_MAX_RESULTS = 100;

    ValidateStateMachineDefinitionOutput validate(RequestContext context, ValidateStateMachineDefinitionInput input) {
        StateMachineType type = input.type() == null ? StateMachineType.STANDARD : StateMachineType.valueOf(input.type());
        boolean withWarnings = "WARNING".equals(input.severity());
        int max = input.maxResults() == null || input.maxResults() == 0 ? DEFAULT_MAX_RESULTS : input.maxResults();
        List<Diagnostic> all = AslParser.validate(input.definition(), type);
        boolean failed = all.stream().anyMatch(Diagnostic::isError);
        List<Diagnostic> shown = all.stream().filter(d -> withWarnings || d.isError()).toList();
        List<ValidateStateMachineDefinitionDiagnostic> diagnostics = shown.stream().limit(max)
                .map(d -> new ValidateStateMachineDefinitionDiagnostic(d.severity().name(), d.code(), d.message(), d.location()))
                .toList();
        return new ValidateStateMachineDefinitionOutput(failed ? "FAIL" : "OK", diagnostics, shown.size() > max);
    }
}
