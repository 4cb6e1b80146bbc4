package dev.stepline.imagebuilder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.imagebuilder.model.ImagebuilderException;

/** Exact checks of Image Builder errors as the SDK surfaces them. */
final class IbAssertions {
    private IbAssertions() {}

    static final String ACCOUNT = "123456789012";
    static final String PREFIX = "arn:aws:imagebuilder:us-east-1:" + ACCOUNT + ":";
    static final String DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    /** The call fails with exactly this exception type, HTTP status and message. */
    static void assertError(ThrowingCallable call, Class<? extends ImagebuilderException> type, int status, String message) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(type);
        ImagebuilderException e = (ImagebuilderException) thrown;
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    }

    static String invalid(String parameter, String detail) {
        return "The value supplied for parameter '" + parameter + "' is not valid. " + detail;
    }
}
