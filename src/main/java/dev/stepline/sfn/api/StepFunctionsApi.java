package dev.stepline.sfn.api;

import dev.stepline.sfn.runtime.AslDialect;
import dev.stepline.sfn.tasks.TaskInvoker;
import dev.stepline.store.MetaStore;

import dev.stepline.protocol.awsjson.AwsJsonService;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.protocol.json.TimestampFormat;
import dev.stepline.protocol.validate.PathStyle;
import dev.stepline.protocol.validate.Validator;
import dev.stepline.server.Platform;
import java.util.function.UnaryOperator;

/** The Step Functions face: awsJson1.0, {@code X-Amz-Target: AWSStepFunctions.<Op>}, signing name {@code states}. */
public final class StepFunctionsApi {
    private StepFunctionsApi() {}

    public static AwsJsonService create(Platform platform, TaskInvoker tasks) {
        SfnTaskRunner.External external = new IntegrationTasks(tasks);
        JsonCodec wire = new JsonCodec(JsonCodec.Naming.AS_DECLARED, TimestampFormat.EPOCH_SECONDS);
        JsonCodec store = new JsonCodec(JsonCodec.Naming.AS_DECLARED, TimestampFormat.EPOCH_SECONDS);
        AwsJsonService api = new AwsJsonService("states", "AWSStepFunctions", wire,
                new Validator(PathStyle.CORAL, UnaryOperator.identity(), false), new SfnErrors(), false);
        Activities activities = new Activities(platform, store);
        api.add("CreateActivity", ActivityShapes.CreateActivityInput.class, activities::create)
                .add("DescribeActivity", ActivityShapes.DescribeActivityInput.class, activities::describe)
                .add("DeleteActivity", ActivityShapes.DeleteActivityInput.class, activities::delete)
                .add("ListActivities", ActivityShapes.ListActivitiesInput.class, activities::list);
        StateMachineRecords records = new StateMachineRecords(platform, store);
        StateMachineAliases aliases = new StateMachineAliases(platform, records);
        StateMachineVersions versions = new StateMachineVersions(platform, records, aliases);
        StateMachines machines = new StateMachines(platform, records, versions, aliases);
        api.add("CreateStateMachine", StateMachineShapes.CreateStateMachineInput.class, machines::create)
                .add("DescribeStateMachine", StateMachineShapes.DescribeStateMachineInput.class, machines::describe)
                .add("UpdateStateMachine", StateMachineShapes.UpdateStateMachineInput.class, machines::update)
                .add("DeleteStateMachine", StateMachineShapes.DeleteStateMachineInput.class, machines::delete)
                .add("ListStateMachines", StateMachineShapes.ListStateMachinesInput.class, machines::list)
                .add("PublishStateMachineVersion", StateMachineShapes.PublishStateMachineVersionInput.class, versions::publish)
                .add("ListStateMachineVersions", StateMachineShapes.ListStateMachineVersionsInput.class, versions::list)
                .add("DeleteStateMachineVersion", StateMachineShapes.DeleteStateMachineVersionInput.class, versions::delete)
                .add("CreateStateMachineAlias", AliasShapes.CreateStateMachineAliasInput.class, aliases::create)
                .add("DescribeStateMachineAlias", AliasShapes.DescribeStateMachineAliasInput.class, aliases::describe)
                .add("UpdateStateMachineAlias", AliasShapes.UpdateStateMachineAliasInput.class, aliases::update)
                .add("DeleteStateMachineAlias", AliasShapes.DeleteStateMachineAliasInput.class, aliases::delete)
                .add("ListStateMachineAliases", AliasShapes.ListStateMachineAliasesInput.class, aliases::list)
                .add("ValidateStateMachineDefinition", DefinitionShapes.ValidateStateMachineDefinitionInput.class,
                        new DefinitionValidation()::validate)
                .add("TestState", TestStateShapes.TestStateInput.class, new TestStates(tasks, platform.clock())::test);
        ExecutionRows rows = new ExecutionRows();
        ExecutionDefinitions definitions = new ExecutionDefinitions(platform.database());
        Executions executions = new Executions(platform, platform.engine(), records, rows, definitions);
        TaskTokenSigner tokens = new TaskTokenSigner(new MetaStore().secretKey(platform.database(), "task-token-key"));
        TaskCallbacks callbacks = new TaskCallbacks(platform, platform.engine(), tokens, activities);
        platform.engine().register(new AslDialect(definitions, tokens, activities::exists),
                new SfnTaskRunner(executions, external, platform.clock(), new MapRunTasks(platform, rows)), rows);
        platform.ports().stepFunctions(new SfnPort(platform, executions));
        ExecutionHistory history = new ExecutionHistory(platform, executions);
        api.add("StartExecution", ExecutionShapes.StartExecutionInput.class, executions::start)
                .add("DescribeExecution", ExecutionShapes.DescribeExecutionInput.class, executions::describe)
                .add("StopExecution", ExecutionShapes.StopExecutionInput.class, executions::stop)
                .add("StartSyncExecution", ExecutionShapes.StartSyncExecutionInput.class, executions::startSync)
                .add("RedriveExecution", ExecutionShapes.RedriveExecutionInput.class, executions::redrive)
                .add("ListExecutions", ExecutionShapes.ListExecutionsInput.class, executions::list)
                .add("GetExecutionHistory", ExecutionShapes.GetExecutionHistoryInput.class, history::history)
                .add("DescribeStateMachineForExecution", ExecutionShapes.DescribeStateMachineForExecutionInput.class,
                        executions::describeStateMachine)
                .add("GetActivityTask", ExecutionShapes.GetActivityTaskInput.class, callbacks::getActivityTask)
                .add("SendTaskSuccess", ExecutionShapes.SendTaskSuccessInput.class, callbacks::sendTaskSuccess)
                .add("SendTaskFailure", ExecutionShapes.SendTaskFailureInput.class, callbacks::sendTaskFailure)
                .add("SendTaskHeartbeat", ExecutionShapes.SendTaskHeartbeatInput.class, callbacks::sendTaskHeartbeat);
        MapRuns mapRuns = new MapRuns(platform, platform.engine(), executions, rows.mapRuns());
        api.add("ListMapRuns", MapRunShapes.ListMapRunsInput.class, mapRuns::list)
                .add("DescribeMapRun", MapRunShapes.DescribeMapRunInput.class, mapRuns::describe)
                .add("UpdateMapRun", MapRunShapes.UpdateMapRunInput.class, mapRuns::update);
        SfnTags tags = new SfnTags(platform);
        api.add("TagResource", TagShapes.TagResourceInput.class, tags::tag)
                .add("UntagResource", TagShapes.UntagResourceInput.class, tags::untag)
                .add("ListTagsForResource", TagShapes.ListTagsForResourceInput.class, tags::list);
        return api;
    }
}
