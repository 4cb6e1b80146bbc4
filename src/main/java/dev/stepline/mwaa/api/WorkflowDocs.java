package dev.stepline.mwaa.api;

import static java.util.Objects.requireNonNull;

import dev.stepline.mwaa.api.WorkflowShapes.DefinitionS3Location;
import dev.stepline.mwaa.api.WorkflowShapes.EncryptionConfiguration;
import dev.stepline.mwaa.api.WorkflowShapes.LoggingConfiguration;
import dev.stepline.mwaa.api.WorkflowShapes.NetworkConfiguration;

/** What the store keeps for a workflow and for each of its versions (JSON documents in the resource table). */
final class WorkflowDocs {
    private WorkflowDocs() {}

    /**
     * A workflow. {@code description} and {@code triggerMode} repeat the latest version's, so
     * ListWorkflows reads one row per workflow.
     *
     * @param status        {@code READY} or {@code DELETING}
     * @param latestVersion the most recently created live version
     * @param versionSeq    how many versions were ever created (orders versions, never reused)
     * @param versionCount  how many versions exist now (the 50-version quota)
     * @param encryption    fixed at creation; UpdateWorkflow has no such member
     */
    record WorkflowDoc(String name, long createdMs, long modifiedMs, String status, String latestVersion,
                       int versionSeq, int versionCount, EncryptionConfiguration encryption, String description,
                       String triggerMode) {
        WorkflowDoc {
            requireNonNull(name, "name is null");
            requireNonNull(status, "status is null");
            requireNonNull(latestVersion, "latestVersion is null");
            requireNonNull(encryption, "encryption is null");
            requireNonNull(triggerMode, "triggerMode is null");
        }

        /** A new {@code READY} workflow whose first version is {@code first}. */
        static WorkflowDoc created(String name, EncryptionConfiguration encryption, VersionDoc first) {
            return new WorkflowDoc(name, first.createdMs(), first.createdMs(), "READY", first.workflowVersion(),
                    first.seq(), 1, encryption, first.description(), first.triggerMode());
        }

        /** This workflow after {@code version} became its latest. */
        WorkflowDoc withNewVersion(VersionDoc version) {
            return new WorkflowDoc(name, createdMs, version.createdMs(), status, version.workflowVersion(),
                    version.seq(), versionCount + 1, encryption, version.description(), version.triggerMode());
        }

        WorkflowDoc withoutOneVersion() {
            return new WorkflowDoc(name, createdMs, modifiedMs, status, latestVersion, versionSeq, versionCount - 1,
                    encryption, description, triggerMode);
        }
    }

    /**
     * One immutable version: the definition snapshot read from S3 and the configuration given
     * with it.
     *
     * @param seq              1 for the version CreateWorkflow made, +1 per UpdateWorkflow
     * @param location         {@code DefinitionS3Location} as the request gave it (echoed as is)
     * @param definition       the YAML text read once from the object store
     * @param definitionSha256 hex SHA-256 of the bytes read
     * @param cronExpression   the YAML {@code schedule} as written, null when unscheduled
     * @param triggerMode      canonical lowercase ({@link TriggerModes})
     */
    record VersionDoc(String workflowVersion, int seq, long createdMs, String revisionId, DefinitionS3Location location,
                      String definition, String definitionSha256, String cronExpression, String roleArn,
                      String description, LoggingConfiguration logging, int engineVersion,
                      NetworkConfiguration network, String triggerMode) {
        VersionDoc {
            requireNonNull(workflowVersion, "workflowVersion is null");
            requireNonNull(revisionId, "revisionId is null");
            requireNonNull(location, "location is null");
            requireNonNull(definition, "definition is null");
            requireNonNull(roleArn, "roleArn is null");
            requireNonNull(triggerMode, "triggerMode is null");
        }
    }
}
