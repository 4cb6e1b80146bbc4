package dev.stepline.sfn.api;

/**
 * What follows the machine name in a state machine ARN (spec §2.2): nothing (unqualified), a version
 * number ({@code :3}) or an alias name ({@code :PROD}; alias names always hold a non-digit).
 *
 * @param machine the machine name
 * @param value   the qualifier, or null when unqualified
 */
record Qualifier(String machine, String value) {

    static Qualifier of(SfnArn arn) {
        String resource = arn.resource();
        int colon = resource.indexOf(':');
        return colon < 0 ? new Qualifier(resource, null)
                : new Qualifier(resource.substring(0, colon), resource.substring(colon + 1));
    }

    boolean isVersion() {
        return value != null && !value.isEmpty() && value.chars().allMatch(Character::isDigit);
    }

    boolean isAlias() {
        return value != null && !isVersion();
    }
}
