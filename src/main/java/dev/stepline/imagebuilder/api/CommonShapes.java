package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.arn.LatestVersionReferences;
import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.Pattern;
import java.util.List;

/** Wire shapes several Image Builder operations share. */
public final class CommonShapes {
    /** {@code TagMap} keys: 1–128 characters, not starting with {@code aws:}. */
    public static final String TAG_KEY_PATTERN = "^(?!aws:)[a-zA-Z0-9\\s_.:/=+\\-@]*$";

    private CommonShapes() {}

    /** {@code Filter}: a name and 1–10 values; several values are ORed, several filters ANDed. */
    public record Filter(@Pattern("^[a-zA-Z]{1,1024}$") String name,
                         @Length(min = 1, max = 10) List<@Pattern("^[0-9a-zA-Z./_ :,{}\"-]{1,1024}$") String> values) {}

    /** {@code LatestVersionReferences}; absent members are left out of the JSON. */
    public record LatestVersionReferencesShape(String latestVersionArn, String latestMajorVersionArn,
                                               String latestMinorVersionArn, String latestPatchVersionArn) {
        static LatestVersionReferencesShape of(LatestVersionReferences refs) {
            return new LatestVersionReferencesShape(refs.latestVersionArn(), refs.latestMajorVersionArn().orElse(null),
                    refs.latestMinorVersionArn().orElse(null), refs.latestPatchVersionArn().orElse(null));
        }
    }
}
