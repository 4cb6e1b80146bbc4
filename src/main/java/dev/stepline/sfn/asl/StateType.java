package dev.stepline.sfn.asl;

/** The eight state types, spelled as in the {@code Type} field. */
public enum StateType {
    Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map;

    /** The type with this exact spelling, or null. */
    public static StateType byName(String name) {
        for (StateType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
