package dev.stepline.sfn.asl;

/** The query language a state (or a whole definition) is written in; spelled as on the wire. */
public enum QueryLanguage {
    JSONPATH("JSONPath"),
    JSONATA("JSONata");

    private final String wireName;

    QueryLanguage(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling used in definitions and messages: {@code JSONPath} or {@code JSONata}. */
    public String wireName() {
        return wireName;
    }

    /** The language with this exact wire spelling, or null for any other string. */
    public static QueryLanguage fromWireName(String name) {
        for (QueryLanguage language : values()) {
            if (language.wireName.equals(name)) {
                return language;
            }
        }
        return null;
    }
}
