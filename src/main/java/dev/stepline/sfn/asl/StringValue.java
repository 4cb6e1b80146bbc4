package dev.stepline.sfn.asl;

import java.util.Objects;

/**
 * A string written in the definition or computed at run time: Fail {@code Error}/{@code Cause}
 * ({@code ErrorPath}/{@code CausePath} accept a path or a string-returning intrinsic), Wait
 * {@code Timestamp[Path]} (see {@link WaitState}).
 */
public sealed interface StringValue
        permits StringValue.Fixed, StringValue.FromPath, StringValue.FromIntrinsic, StringValue.FromJsonata {

    record Fixed(String value) implements StringValue {
        public Fixed {
            Objects.requireNonNull(value, "value");
        }
    }

    record FromPath(JsonPathExpression path) implements StringValue {
        public FromPath {
            Objects.requireNonNull(path, "path");
        }
    }

    record FromIntrinsic(IntrinsicCall call) implements StringValue {
        public FromIntrinsic {
            Objects.requireNonNull(call, "call");
        }
    }

    record FromJsonata(JsonataExpression expression) implements StringValue {
        public FromJsonata {
            Objects.requireNonNull(expression, "expression");
        }
    }
}
