package dev.stepline.protocol.validate;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The model's {@code min}/{@code max} for strings (characters), lists and maps (entries).
 * Bounds are inclusive.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE_USE)
public @interface Length {
    int min() default 0;

    int max() default Integer.MAX_VALUE;
}
