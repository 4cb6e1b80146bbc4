package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.arn.LatestVersionReferences;
import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.OneOf;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import java.util.List;

/**
 * Wire shapes shared by image recipes, container recipes and the configurations: component
 * configurations, block device mappings, container repositories, {@code latestVersionReferences}.
 * Model constraints are written as validation annotations; the ARN members are checked by the
 * handlers with {@link dev.stepline.imagebuilder.arn.ArnShape} so that the version nodes are
 * range-checked too.
 */
public final class RecipeShapes {
    /** {@code TagKey}: 1..128 characters, no {@code aws:} prefix. */
    public static final String TAG_KEY = "^(?!aws:)[a-zA-Z0-9\\s_.:/=+\\-@]*$";
    /** {@code AccountId}. */
    public static final String ACCOUNT_ID = "^[0-9]{12}$";

    private RecipeShapes() {}

    /** A parameter passed to a component; names must be declared by the component document. */
    public record ComponentParameter(@Required @Length(min = 1, max = 256) String name,
                                     @Required List<String> value) {}

    public record ComponentConfiguration(@Required String componentArn,
                                         @Length(min = 1) List<ComponentParameter> parameters) {}

    public record EbsInstanceBlockDeviceSpecification(
            Boolean encrypted,
            Boolean deleteOnTermination,
            @Range(min = 100, max = 64000) Integer iops,
            @Length(min = 1, max = 1024) String kmsKeyId,
            @Length(min = 1, max = 1024) String snapshotId,
            @Range(min = 1, max = 16000) Integer volumeSize,
            @OneOf({"standard", "io1", "io2", "gp2", "gp3", "sc1", "st1"}) String volumeType,
            @Range(min = 125, max = 1000) Integer throughput) {}

    public record InstanceBlockDeviceMapping(
            @Length(min = 1, max = 1024) String deviceName,
            EbsInstanceBlockDeviceSpecification ebs,
            @Length(min = 1, max = 1024) String virtualName,
            @Length(max = 0) String noDevice) {}

    public record TargetContainerRepository(@Required @OneOf("ECR") String service,
                                            @Required @Length(min = 1, max = 1024) String repositoryName) {}

    /** The wire form of {@link LatestVersionReferences}: absent references are left out. */
    public record LatestVersions(String latestVersionArn, String latestMajorVersionArn,
                                 String latestMinorVersionArn, String latestPatchVersionArn) {
        static LatestVersions of(ImageBuilderArn arn) {
            LatestVersionReferences refs = LatestVersionReferences.forResource(arn);
            return new LatestVersions(refs.latestVersionArn(), refs.latestMajorVersionArn().orElse(null),
                    refs.latestMinorVersionArn().orElse(null), refs.latestPatchVersionArn().orElse(null));
        }
    }
}
