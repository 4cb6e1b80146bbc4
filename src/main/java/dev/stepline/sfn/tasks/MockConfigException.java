package dev.stepline.sfn.tasks;

/**
 * A mock config file that cannot be used: unreadable, not JSON, or not of the Step Functions Local
 * MockConfigFile shape. The message names the file and the offending member.
 */
public final class MockConfigException extends Exception {
    public MockConfigException(String message) {
        super(message);
    }

    public MockConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
