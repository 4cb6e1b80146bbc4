package dev.stepline.sfn.asl;

import java.util.Objects;

/**
 * A top-level element of a Choice state's {@code Choices}: a rule and where to go when it matches.
 *
 * @param rule    the condition
 * @param next    the state to go to when {@code rule} is true
 * @param assign  the rule's {@code Assign}, or null
 * @param output  the rule's JSONata {@code Output}, or null
 * @param comment the rule's {@code Comment}, or null
 */
public record ChoiceBranch(ChoiceRule rule, String next, Payload assign, Payload output, String comment) {
    public ChoiceBranch {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(next, "next");
    }
}
