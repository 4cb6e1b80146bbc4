package dev.stepline.mwaa.api;

import dev.stepline.mwaa.dag.OperatorAllowlist;
import dev.stepline.mwaa.ids.IdGenerator;
import dev.stepline.protocol.awsjson.AwsJsonService;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.protocol.json.TimestampFormat;
import dev.stepline.protocol.validate.PathStyle;
import dev.stepline.protocol.validate.Validator;
import dev.stepline.server.Platform;

/**
 * The MWAA Serverless face: awsJson1.0, {@code X-Amz-Target: AmazonMWAAServerless.<Op>}, signing
 * name {@code airflow-serverless}. Members are PascalCase on the wire (record components are
 * camelCase and renamed by the codec); timestamps are ISO-8601 strings (spec §6.2); patterns
 * must match whole values (Smithy).
 */
public final class MwaaServerlessApi {
    private MwaaServerlessApi() {}

    public static AwsJsonService create(Platform platform) {
        JsonCodec wire = new JsonCodec(JsonCodec.Naming.UPPER_CAMEL, TimestampFormat.ISO_MILLIS);
        AwsJsonService api = new AwsJsonService("airflow-serverless", "AmazonMWAAServerless", wire,
                new Validator(PathStyle.BRACKETS, MwaaServerlessApi::pascal, true), new MwaaErrors(), true);
        WorkflowStore store = new WorkflowStore(platform);
        Workflows workflows = new Workflows(platform, store,
                new DefinitionSource(platform.objects(), OperatorAllowlist.defaults()), IdGenerator.secure(), wire);
        api.add("CreateWorkflow", WorkflowShapes.CreateWorkflowInput.class, workflows::create)
                .add("GetWorkflow", WorkflowShapes.GetWorkflowInput.class, workflows::get)
                .add("UpdateWorkflow", WorkflowShapes.UpdateWorkflowInput.class, workflows::update)
                .add("DeleteWorkflow", WorkflowShapes.DeleteWorkflowInput.class, workflows::delete);
        WorkflowListings listings = new WorkflowListings(platform, store);
        api.add("ListWorkflows", WorkflowShapes.ListWorkflowsInput.class, listings::workflows)
                .add("ListWorkflowVersions", WorkflowShapes.ListWorkflowVersionsInput.class, listings::versions);
        MwaaTags tags = new MwaaTags(platform, store);
        api.add("TagResource", TagShapes.TagResourceInput.class, tags::tag)
                .add("UntagResource", TagShapes.UntagResourceInput.class, tags::untag)
                .add("ListTagsForResource", TagShapes.ListTagsForResourceInput.class, tags::list);
        return api;
    }

    static String pascal(String member) {
        return member.isEmpty() ? member : Character.toUpperCase(member.charAt(0)) + member.substring(1);
    }
}
