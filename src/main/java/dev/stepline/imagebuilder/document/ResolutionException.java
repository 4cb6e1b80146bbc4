package dev.stepline.imagebuilder.document;

/**
 * A dynamic value that cannot be resolved or compared at run time (spec §2.4, §2.5). The step
 * that needed it becomes FAILED with {@link #getMessage()} as its message, then follows its
 * {@code onFailure}. Not an API error: it never reaches the wire as an exception.
 */
public final class ResolutionException extends RuntimeException {
    public ResolutionException(String message) {
        super(message, null, false, false);
    }
}
