package dev.stepline.imagebuilder.api;

import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.OneOf;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wire shapes of the runtime reads and SendWorkflowStepAction (model 2019-12-02). Items are the
 * stored row documents with the members each shape has.
 */
public final class ExecutionShapes {
    private ExecutionShapes() {}

    public record ListWorkflowExecutionsInput(@Range(min = 1, max = 25) Integer maxResults,
                                              @Length(min = 1, max = 65535) String nextToken,
                                              @Required String imageBuildVersionArn) {}

    public record ListWorkflowExecutionsOutput(String requestId, List<ObjectNode> workflowExecutions,
                                               String imageBuildVersionArn, String message, String nextToken) {}

    public record GetWorkflowExecutionInput(@Required String workflowExecutionId) {}

    public record ListWorkflowStepExecutionsInput(@Range(min = 1, max = 25) Integer maxResults,
                                                  @Length(min = 1, max = 65535) String nextToken,
                                                  @Required String workflowExecutionId) {}

    public record ListWorkflowStepExecutionsOutput(String requestId, List<ObjectNode> steps, String workflowBuildVersionArn,
                                                   String workflowExecutionId, String imageBuildVersionArn, String message,
                                                   String nextToken) {}

    public record GetWorkflowStepExecutionInput(@Required String stepExecutionId) {}

    public record ListWaitingWorkflowStepsInput(@Range(min = 1, max = 25) Integer maxResults,
                                                @Length(min = 1, max = 65535) String nextToken) {}

    public record ListWaitingWorkflowStepsOutput(List<ObjectNode> steps, String nextToken) {}

    public record SendWorkflowStepActionInput(@Required String stepExecutionId,
                                              @Required String imageBuildVersionArn,
                                              @Required @OneOf({"RESUME", "STOP"}) String action,
                                              @Length(min = 1, max = 1024) String reason,
                                              @Required @Length(min = 1, max = 64) String clientToken) {}

    public record SendWorkflowStepActionOutput(String stepExecutionId, String imageBuildVersionArn, String clientToken) {}
}
