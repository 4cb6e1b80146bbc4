package dev.stepline.sfn.runtime;

/** TEMPORARY placeholder until the interpreter lands (asl branch). */
public final class HistoryEvents {
    private HistoryEvents() {
    }

    public static String detailsMember(String eventType) {
        return null;
    }
}
