package dev.stepline.sfn.api;

import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.OneOf;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;

/** Wire shapes of TestState (model: TestStateInput/Output, MockInput, TestStateConfiguration, InspectionData). */
public final class TestStateShapes {
    private TestStateShapes() {}

    public record TestStateInput(
            @Required @Length(min = 1, max = 1_048_576) String definition,
            @Length(min = 1, max = 256) String roleArn,
            @Length(max = 262_144) String input,
            @OneOf({"INFO", "DEBUG", "TRACE"}) String inspectionLevel,
            Boolean revealSecrets,
            @Length(max = 262_144) String variables,
            @Length(min = 1, max = 80) String stateName,
            MockInput mock,
            @Length(max = 262_144) String context,
            TestStateConfiguration stateConfiguration) {}

    public record MockInput(
            @Length(max = 262_144) String result,
            MockErrorOutput errorOutput,
            @OneOf({"STRICT", "PRESENT", "NONE"}) String fieldValidationMode) {}

    public record MockErrorOutput(@Length(max = 256) String error, @Length(max = 32_768) String cause) {}

    public record TestStateConfiguration(
            @Range(min = 0) Integer retrierRetryCount,
            @Length(min = 1, max = 80) String errorCausedByState,
            @Range(min = 0) Integer mapIterationFailureCount,
            @Length(max = 262_144) String mapItemReaderData) {}

    public record TestStateOutput(String output, String error, String cause, InspectionData inspectionData,
                                  String nextState, String status) {}

    public record InspectionData(String input, String afterArguments, String afterInputPath, String afterParameters,
                                 String result, String afterResultSelector, String afterResultPath,
                                 InspectionDataRequest request, InspectionDataResponse response, String variables,
                                 InspectionErrorDetails errorDetails, String afterItemsPath, String afterItemSelector,
                                 String afterItemBatcher, String afterItemsPointer, Long toleratedFailureCount,
                                 Float toleratedFailurePercentage, Long maxConcurrency) {}

    public record InspectionDataRequest(String protocol, String method, String url, String headers, String body) {}

    public record InspectionDataResponse(String protocol, String statusCode, String statusMessage, String headers,
                                         String body) {}

    public record InspectionErrorDetails(Integer catchIndex, Integer retryIndex, Long retryBackoffIntervalSeconds) {}
}
