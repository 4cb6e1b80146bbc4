package dev.stepline.protocol.validate;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The model's {@code pattern}. Matched with {@link java.util.regex.Matcher#find()}, as AWS
 * does: unanchored model patterns only need to match somewhere in the value.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE_USE)
public @interface Pattern {
    String value();
}
