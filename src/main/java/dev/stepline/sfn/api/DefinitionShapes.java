package dev.stepline.sfn.api;

import dev.stepline.protocol.validate.OneOf;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import java.util.List;

/** Wire shapes of ValidateStateMachineDefinition. */
public final class DefinitionShapes {
    private DefinitionShapes() {}

    /** {@code definition} has no length annotation: AWS answers an empty one with a diagnostic (spec §4.12). */
    public record ValidateStateMachineDefinitionInput(
            @Required String definition,
            @OneOf({"STANDARD", "EXPRESS"}) String type,
            @OneOf({"ERROR", "WARNING"}) String severity,
            @Range(min = 0, max = 100) Integer maxResults) {}

    public record ValidateStateMachineDefinitionDiagnostic(String severity, String code, String message, String location) {}

    public record ValidateStateMachineDefinitionOutput(String result, List<ValidateStateMachineDefinitionDiagnostic> diagnostics,
                                                       Boolean truncated) {}
}
