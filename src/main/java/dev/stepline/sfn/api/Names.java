package dev.stepline.sfn.api;

/**
 * Step Functions' name rule for state machines, executions and activities (spec §2.1): 1–80
 * characters with no white space, none of {@code < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /},
 * no control characters (U+0000–001F, U+007F–009F), surrogates or U+FFFE/U+FFFF.
 */
public final class Names {
    private static final String FORBIDDEN = "<>{}[]?*\"#%\\^|~`$&,;:/";

    private Names() {}

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.codePointCount(0, name.length()) > 80) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || FORBIDDEN.indexOf(c) >= 0
                    || c <= 0x1F || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                return false;
            }
        }
        return true;
    }

    /** Throws {@code InvalidName} unless the name is valid. */
    public static String require(String name) {
        if (!isValid(name)) {
            throw SfnErrors.invalidName(name);
        }
        return name;
    }
}
