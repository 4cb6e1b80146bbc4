package dev.stepline.store;

/** A database failure that the caller cannot fix (the connection broke, the disk is full). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
