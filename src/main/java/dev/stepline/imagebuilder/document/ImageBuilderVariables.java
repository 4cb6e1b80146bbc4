package dev.stepline.imagebuilder.document;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code $.imagebuilder.<name>} system variables (spec §2.6). Names are matched
 * case-insensitively, because AWS documents spell some of them both ways ({@code Platform},
 * {@code platform}); {@link #canonical} gives the spelling used here.
 */
public final class ImageBuilderVariables {
    /** Every known variable, in its canonical spelling. */
    public static final List<String> NAMES = List.of(
            "imageType", "platform", "collectImageMetadata", "collectImageScanFindings",
            "imageBuildNumber", "imageVersionNumber", "imageName", "imageId", "sourceImageARN",
            "cloudWatchLogGroup", "cloudWatchLogStream", "instanceProfileName", "securityGroups",
            "subnetId", "s3Logs", "terminateInstanceOnFailure", "workflowPhase", "workingDirectory",
            "dateTime");

    private ImageBuilderVariables() {}

    /** The canonical spelling of {@code name}, compared case-insensitively; empty when unknown. */
    public static Optional<String> canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return NAMES.stream().filter(n -> n.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }
}
