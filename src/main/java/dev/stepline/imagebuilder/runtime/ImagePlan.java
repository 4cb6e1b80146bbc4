package dev.stepline.imagebuilder.runtime;

import static java.util.Objects.requireNonNull;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an image build needs to run, fixed when the image is created (spec §4.2): the recipe and
 * configuration facts its {@code $.imagebuilder} variables and simulated actions read, and the
 * workflows it runs, resolved to build versions. Retries run the same plan.
 *
 * @param imageType             {@code AMI} or {@code DOCKER}
 * @param platform              {@code Linux}, {@code Windows} or {@code macOS}
 * @param imageName             the recipe's name
 * @param version               the recipe version {@code x.y.z}
 * @param build                 the image's build number
 * @param parentImage           the recipe's parent image (AMI id or image ARN)
 * @param osVersion             the OS version known before metadata collection, or null
 * @param collectImageMetadata  {@code enhancedImageMetadataEnabled}
 * @param collectImageScanFindings {@code imageScanningConfiguration.imageScanningEnabled}
 * @param buildComponents       how many build components the recipe has
 * @param testComponents        how many test components the recipe has
 * @param infrastructure        instance profile, security groups, subnet, s3 logs, terminateInstanceOnFailure
 * @param workingDirectory      the recipe's working directory ({@code /tmp} by default)
 * @param workflows             the workflows to run, in request order (or the defaults)
 * @param distributions         where built-in distribution copies the image (always the build region first)
 * @param containerRepository   the ECR repository of a container recipe, else null
 */
public record ImagePlan(
        String imageType,
        String platform,
        String imageName,
        String version,
        int build,
        String parentImage,
        String osVersion,
        boolean collectImageMetadata,
        boolean collectImageScanFindings,
        int buildComponents,
        int testComponents,
        Infrastructure infrastructure,
        String workingDirectory,
        List<WorkflowSpec> workflows,
        List<DistributionTarget> distributions,
        String containerRepository) {

    public ImagePlan {
        requireNonNull(imageType, "imageType is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(imageName, "imageName is null");
        requireNonNull(version, "version is null");
        requireNonNull(parentImage, "parentImage is null");
        requireNonNull(infrastructure, "infrastructure is null");
        requireNonNull(workingDirectory, "workingDirectory is null");
        workflows = List.copyOf(workflows);
        distributions = List.copyOf(distributions);
    }

    /** The infrastructure configuration facts workflows can read. */
    public record Infrastructure(String instanceProfileName, List<String> securityGroups, String subnetId,
                                 String s3Logs, boolean terminateInstanceOnFailure) {
        public Infrastructure {
            securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        }
    }

    /**
     * One workflow the image runs.
     *
     * @param workflowArn   the resolved build-version ARN
     * @param type          {@code BUILD}, {@code TEST} or {@code DISTRIBUTION}
     * @param data          the workflow document
     * @param parameters    the typed {@code $.parameters}, defaults filled in
     * @param parallelGroup the TEST group, or null
     * @param onFailure     {@code ABORT} or {@code CONTINUE}
     */
    public record WorkflowSpec(String workflowArn, String type, String data, ObjectNode parameters,
                               String parallelGroup, String onFailure) {
        public WorkflowSpec {
            requireNonNull(workflowArn, "workflowArn is null");
            requireNonNull(type, "type is null");
            requireNonNull(data, "data is null");
            requireNonNull(parameters, "parameters is null");
            requireNonNull(onFailure, "onFailure is null");
        }
    }

    /**
     * A region (and the accounts) an AMI is distributed to.
     *
     * @param region           the region
     * @param accountIds       target accounts; the owner's account when empty
     * @param nameTemplate     {@code amiDistributionConfiguration.name}, or null for the default name
     * @param description      the AMI description, or null
     */
    public record DistributionTarget(String region, List<String> accountIds, String nameTemplate, String description) {
        public DistributionTarget {
            requireNonNull(region, "region is null");
            accountIds = accountIds == null ? List.of() : List.copyOf(accountIds);
        }
    }

    public List<WorkflowSpec> ofType(String type) {
        return workflows.stream().filter(w -> w.type().equals(type)).toList();
    }
}
