package dev.stepline.mwaa.api;

import dev.stepline.mwaa.dag.OperatorAllowlist;
import dev.stepline.mwaa.ids.IdGenerator;
import dev.stepline.protocol.awsjson.AwsJsonService;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.protocol.json.TimestampFormat;
import dev.stepline.protocol.validate.PathStyle;
import dev.stepline.protocol.validate.Validator;
import dev.stepline.mwaa.run.DagDialect;
import dev.stepline.mwaa.run.ScheduleDialect;
import dev.stepline.mwaa.worker.AttemptLogStore;
import dev.stepline.mwaa.worker.MockConfig;
import dev.stepline.mwaa.worker.MwaaTaskRunner;
import dev.stepline.mwaa.worker.PythonHelper;
import dev.stepline.mwaa.worker.Templates;
import dev.stepline.server.Platform;
import dev.stepline.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The MWAA Serverless face: awsJson1.0, {@code X-Amz-Target: AmazonMWAAServerless.<Op>}, signing
 * name {@code airflow-serverless}. Members are PascalCase on the wire (record components are
 * camelCase and renamed by the codec); timestamps are ISO-8601 strings (spec §6.2); patterns
 * must match whole values (Smithy).
 */
public final class MwaaServerlessApi {
    private MwaaServerlessApi() {}

    public static AwsJsonService create(Platform platform) {
        return create(platform, ServerConfig.Mwaa.DEFAULTS);
    }

    public static AwsJsonService create(Platform platform, ServerConfig.Mwaa options) {
        OperatorAllowlist allowlist = allowlist(options);
        JsonCodec wire = new JsonCodec(JsonCodec.Naming.UPPER_CAMEL, TimestampFormat.ISO_MILLIS);
        AwsJsonService api = new AwsJsonService("airflow-serverless", "AmazonMWAAServerless", wire,
                new Validator(PathStyle.BRACKETS, MwaaServerlessApi::pascal, true), new MwaaErrors(), true);
        WorkflowStore store = new WorkflowStore(platform);
        IdGenerator ids = IdGenerator.secure();
        Path mwaaDir = platform.dataDir().resolve("mwaa");
        PythonHelper python = PythonHelper.install(options.python(), mwaaDir);
        MwaaTaskRunner runner = new MwaaTaskRunner(mwaaDir, platform.clock(), python, options.codeDir(),
                MockConfig.load(options.mockConfig()), () -> platform.ports().stepFunctions(), platform::objects,
                new AttemptLogStore(platform.database(), platform.clock()));
        platform.admin().add("mwaa", new AttemptLogs(runner));
        RunRows rows = new RunRows();
        RunDefinitions definitions = new RunDefinitions(platform.database(), allowlist, new Templates(platform.clock()));
        platform.engine().register(new DagDialect(definitions), runner, rows);
        RunLauncher launcher = new RunLauncher(platform.database(), platform.engine(), rows, definitions, ids,
                options.runTimeout());
        Runs runs = new Runs(platform, store, rows, launcher, ids);
        Scheduler scheduler = new Scheduler(platform, store, launcher);
        platform.engine().register(new ScheduleDialect(definitions), scheduler, (tx, changes) -> { });
        Workflows workflows = new Workflows(platform, store,
                new DefinitionSource(platform.objects(), allowlist), ids, wire, scheduler, runs);
        api.add("CreateWorkflow", WorkflowShapes.CreateWorkflowInput.class, workflows::create)
                .add("GetWorkflow", WorkflowShapes.GetWorkflowInput.class, workflows::get)
                .add("UpdateWorkflow", WorkflowShapes.UpdateWorkflowInput.class, workflows::update)
                .add("DeleteWorkflow", WorkflowShapes.DeleteWorkflowInput.class, workflows::delete);
        WorkflowListings listings = new WorkflowListings(platform, store);
        api.add("ListWorkflows", WorkflowShapes.ListWorkflowsInput.class, listings::workflows)
                .add("ListWorkflowVersions", WorkflowShapes.ListWorkflowVersionsInput.class, listings::versions);
        api.add("StartWorkflowRun", RunShapes.StartWorkflowRunInput.class, runs::start)
                .add("StopWorkflowRun", RunShapes.StopWorkflowRunInput.class, runs::stop)
                .add("GetWorkflowRun", RunShapes.GetWorkflowRunInput.class, runs::get)
                .add("ListWorkflowRuns", RunShapes.ListWorkflowRunsInput.class, runs::list)
                .add("ListTaskInstances", RunShapes.ListTaskInstancesInput.class, runs::listTaskInstances)
                .add("GetTaskInstance", RunShapes.GetTaskInstanceInput.class, runs::getTaskInstance);
        MwaaTags tags = new MwaaTags(platform, store);
        api.add("TagResource", TagShapes.TagResourceInput.class, tags::tag)
                .add("UntagResource", TagShapes.UntagResourceInput.class, tags::untag)
                .add("ListTagsForResource", TagShapes.ListTagsForResourceInput.class, tags::list);
        return api;
    }

    private static OperatorAllowlist allowlist(ServerConfig.Mwaa options) {
        if (options.operatorAllowlist() == null) {
            return OperatorAllowlist.defaults();
        }
        try {
            return OperatorAllowlist.load(options.operatorAllowlist());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the MWAA operator allowlist " + options.operatorAllowlist(), e);
        }
    }

    static String pascal(String member) {
        return member.isEmpty() ? member : Character.toUpperCase(member.charAt(0)) + member.substring(1);
    }
}
