/**
 * Amazon States Language: parsing, validation and the compiled, immutable model of a state machine
 * definition.
 *
 * <p>The server calls {@link dev.stepline.sfn.asl.AslParser#parse} at CreateStateMachine/UpdateStateMachine
 * (turning {@link dev.stepline.sfn.asl.AslValidationException#invalidDefinitionMessage()} into an
 * {@code InvalidDefinition} error) and {@link dev.stepline.sfn.asl.AslParser#validate} for
 * ValidateStateMachineDefinition. The runtime interprets {@link dev.stepline.sfn.asl.StateMachineDefinition}:
 * a sealed {@link dev.stepline.sfn.asl.State} hierarchy with pre-parsed paths
 * ({@link dev.stepline.sfn.asl.ReferencePath}, {@link dev.stepline.sfn.asl.JsonPathExpression}), intrinsic
 * calls ({@link dev.stepline.sfn.asl.IntrinsicCall}), payload templates
 * ({@link dev.stepline.sfn.asl.PayloadTemplate}) and choice rules ({@link dev.stepline.sfn.asl.ChoiceRule}).
 * JSONata expressions are recognised ({@link dev.stepline.sfn.asl.JsonataExpression}) but not compiled here.
 *
 * <p>Everything here is pure: no I/O, no clocks, no logging.
 */
package dev.stepline.sfn.asl;
