package dev.stepline.imagebuilder.managed;

import static java.util.Objects.requireNonNull;

import dev.stepline.imagebuilder.WorkflowType;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.document.WorkflowDocument;
import dev.stepline.imagebuilder.version.BuildVersion;

/**
 * An AWS-managed workflow to seed at start-up (spec §1.6): owner segment {@code aws} in its ARN,
 * {@code owner: "Amazon"} in responses.
 *
 * @param name         the workflow name, already in ARN form (e.g. {@code build-image})
 * @param type         its workflow type
 * @param buildVersion its version and build, e.g. {@code 1.0.3/1}
 * @param description  the resource description
 * @param data         the document text, returned verbatim by GetWorkflow
 * @param document     {@code data}, parsed
 */
public record ManagedWorkflow(String name, WorkflowType type, BuildVersion buildVersion, String description,
        String data, WorkflowDocument document) {

    /** The {@code owner} member of managed workflows. */
    public static final String OWNER = "Amazon";

    public ManagedWorkflow {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(buildVersion, "buildVersion is null");
        requireNonNull(description, "description is null");
        requireNonNull(data, "data is null");
        requireNonNull(document, "document is null");
    }

    /** The build-version ARN in {@code region}, e.g. {@code arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.3/1}. */
    public ImageBuilderArn arn(String region) {
        return ImageBuilderArn.workflowBuildVersion(region, ImageBuilderArn.AWS_OWNER, type, name, buildVersion);
    }
}
