package dev.stepline.protocol.validate;

/** How a service names nested members in its validation messages. */
public interface PathStyle {
    String member(String parent, String name);

    String element(String parent, int zeroBasedIndex);

    String mapValue(String parent, String key);

    /** Step Functions / coral: {@code a.b}, list elements {@code a.1.member} (1-based), map values {@code a.key}. */
    PathStyle CORAL = new PathStyle() {
        @Override
        public String member(String parent, String name) {
            return parent.isEmpty() ? name : parent + "." + name;
        }

        @Override
        public String element(String parent, int index) {
            return parent + "." + (index + 1) + ".member";
        }

        @Override
        public String mapValue(String parent, String key) {
            return parent + "." + key;
        }
    };

    /** Image Builder: {@code a.b}, list elements {@code a[0]}, map values {@code a.key}. */
    PathStyle BRACKETS = new PathStyle() {
        @Override
        public String member(String parent, String name) {
            return parent.isEmpty() ? name : parent + "." + name;
        }

        @Override
        public String element(String parent, int index) {
            return parent + "[" + index + "]";
        }

        @Override
        public String mapValue(String parent, String key) {
            return parent + "." + key;
        }
    };
}
