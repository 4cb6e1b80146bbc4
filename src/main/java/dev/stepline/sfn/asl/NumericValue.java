package dev.stepline.sfn.asl;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A number that is either written in the definition or computed when the state runs: used for
 * {@code TimeoutSeconds[Path]}, {@code HeartbeatSeconds[Path]}, Wait {@code Seconds[Path]},
 * {@code MaxConcurrency[Path]}, {@code ToleratedFailure*[Path]}, {@code MaxItems[Path]} and the
 * ItemBatcher limits. JSONPath mode uses the {@code ...Path} field, JSONata mode a {@code {% %}}
 * expression in the base field.
 */
public sealed interface NumericValue permits NumericValue.Fixed, NumericValue.FromPath, NumericValue.FromJsonata {

    /** A literal number, already range-checked at parse time. */
    record Fixed(BigDecimal value) implements NumericValue {
        public Fixed {
            Objects.requireNonNull(value, "value");
        }

        public static Fixed of(long value) {
            return new Fixed(BigDecimal.valueOf(value));
        }

        /** The value as a long (the parser only accepts integral values where an integer is required). */
        public long longValue() {
            return value.longValue();
        }
    }

    /** A value read at run time from a reference path ({@code SecondsPath} etc.). */
    record FromPath(JsonPathExpression path) implements NumericValue {
        public FromPath {
            Objects.requireNonNull(path, "path");
        }
    }

    /** A value computed at run time by a JSONata expression. */
    record FromJsonata(JsonataExpression expression) implements NumericValue {
        public FromJsonata {
            Objects.requireNonNull(expression, "expression");
        }
    }
}
