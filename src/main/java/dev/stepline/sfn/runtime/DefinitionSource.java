package dev.stepline.sfn.runtime;

import dev.stepline.sfn.asl.StateMachineDefinition;

/** Finds the compiled definition an execution runs, by the key stored when it started. */
@FunctionalInterface
public interface DefinitionSource {

    /** The compiled definition; never null for a key the face handed to an execution. */
    StateMachineDefinition definition(String definitionKey);
}
