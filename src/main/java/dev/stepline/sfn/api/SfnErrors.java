package dev.stepline.sfn.api;

import dev.stepline.protocol.AwsException;
import dev.stepline.protocol.ErrorPolicy;
import dev.stepline.protocol.validate.Violation;
import dev.stepline.sfn.asl.AslValidationException;
import java.util.List;

/**
 * Step Functions' errors: every modelled exception is HTTP 400 (spec §1.3). Service exceptions
 * carry the namespace AWS puts in {@code __type} (Step Functions runs on the SWF v2 stack);
 * constraint violations come from coral's validator. Messages follow the spec's §1.4 templates.
 */
public final class SfnErrors implements ErrorPolicy {
    static final String SERVICE_NAMESPACE = "com.amazonaws.swf.service.v2.model";
    static final String CORAL_VALIDATE = "com.amazon.coral.validate";
    static final String CORAL_SERVICE = "com.amazon.coral.service";

    public static AwsException error(String code, String message) {
        return AwsException.of(code, 400, message).inNamespace(SERVICE_NAMESPACE);
    }

    public static AwsException invalidArnPrefix(String value) {
        return error("InvalidArn", "Invalid Arn: 'Invalid ARN prefix: " + value + "'");
    }

    public static AwsException invalidArnType(String type) {
        return error("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + type + "'");
    }

    public static AwsException invalidArn(String detail) {
        return error("InvalidArn", "Invalid Arn: '" + detail + "'");
    }

    public static AwsException invalidName(String name) {
        return error("InvalidName", "Invalid Name: '" + name + "'");
    }

    public static AwsException invalidToken() {
        return error("InvalidToken", "Invalid Token: 'Invalid token'");
    }

    public static AwsException activityDoesNotExist(String arn) {
        return error("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'");
    }

    public static AwsException stateMachineDoesNotExist(String arn) {
        return error("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }

    public static AwsException stateMachineAlreadyExists(String arn) {
        return error("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
    }

    /** UpdateStateMachine with nothing to update (AWS's text names neither encryption nor publish). */
    public static AwsException nothingToUpdate() {
        return error("MissingRequiredParameter",
                "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified");
    }

    public static AwsException invalidLoggingConfiguration(String detail) {
        return error("InvalidLoggingConfiguration", "Invalid Logging Configuration: " + detail);
    }

    public static AwsException executionDoesNotExist(String arn) {
        return error("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    }

    public static AwsException executionAlreadyExists(String arn) {
        return error("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
    }

    /** {@code 'Invalid execution input.'} for an empty input, else the JSON parser's message (spec §1.4). */
    public static AwsException invalidExecutionInput(String detail) {
        return error("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + detail + "'");
    }

    public static AwsException invalidOutput(String detail) {
        return error("InvalidOutput", "Invalid Output: '" + detail + "'");
    }

    public static AwsException stateMachineTypeNotSupported() {
        return error("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
    }

    /**
     * A token whose task already ended (completed, timed out, or its execution closed). The text is
     * what AWS answers a second SendTaskSuccess with [observed in public reports].
     */
    public static AwsException taskTimedOut() {
        return error("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
    }

    /** A labelled (Distributed Map child) state machine ARN where the API does not take one. */
    public static AwsException labelledArn() {
        return AwsException.of("ValidationException", 400, "This API does not support labeled ARNs.")
                .inNamespace(SERVICE_NAMESPACE).with("reason", "API_DOES_NOT_SUPPORT_LABELED_ARNS");
    }

    public static AwsException conflict(String message) {
        return error("ConflictException", message);
    }

    public static AwsException resourceNotFound(String arn) {
        return error("ResourceNotFound", "Resource not found: '" + arn + "'").with("resourceName", arn);
    }

    public static AwsException tooManyTags(String arn) {
        return error("TooManyTags", "Too many tags. A resource can have at most 50 tags.").with("resourceName", arn);
    }

    public static AwsException validation(String message) {
        return AwsException.of("ValidationException", 400, message).inNamespace(CORAL_VALIDATE);
    }

    /** {@code InvalidDefinition} with AWS's {@code Invalid State Machine Definition: '…'} text. */
    @Override
    public AwsException translate(RuntimeException e) {
        return e instanceof AslValidationException invalid ? error("InvalidDefinition", invalid.invalidDefinitionMessage()) : null;
    }

    @Override
    public AwsException validation(List<Violation> violations) {
        return validation(ErrorPolicy.coralMessage(violations));
    }

    @Override
    public AwsException cannotParse(String detail) {
        return AwsException.of("SerializationException", 400, detail).inNamespace(CORAL_SERVICE);
    }

    @Override
    public AwsException unknownOperation(String operation) {
        return AwsException.of("UnknownOperationException", 400, "Unknown operation " + operation).inNamespace(CORAL_SERVICE);
    }

    @Override
    public AwsException internal() {
        return AwsException.of("InternalFailure", 500, "The request processing has failed because of an unknown error, exception or failure.");
    }
}
