package dev.stepline.protocol.validate;

import static java.util.Objects.requireNonNull;

/**
 * One broken model constraint.
 *
 * @param path  the member path in the service's own style (e.g. {@code routingConfiguration.1.member.weight},
 *              {@code workflows[1].parameters}, {@code DefinitionS3Location.Bucket})
 * @param value the offending value as AWS echoes it ({@code null} for a missing member)
 * @param rule  the rule in AWS words, e.g. {@code Member must have length less than or equal to 80}
 */
public record Violation(String path, Object value, String rule) {
    public Violation {
        requireNonNull(path, "path is null");
        requireNonNull(rule, "rule is null");
    }

    /** Coral's wording: {@code Value 'x' at 'path' failed to satisfy constraint: <rule>}. */
    public String coralText() {
        String shown = value == null ? "null" : "'" + value + "'";
        return "Value " + shown + " at '" + path + "' failed to satisfy constraint: " + rule;
    }
}
