package dev.stepline.sfn.asl;

import com.dashjoin.jsonata.Jsonata;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a compiled JSONata expression reads, found by walking its syntax tree: the workflow variables
 * ({@code variableReferences}, spec §6.5) and the names read from the context item at the top level,
 * which Step Functions refuses at definition time because a state's expressions have no context item
 * ({@code UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported.},
 * as measured against AWS in floci-io/floci#2670).
 *
 * <p>jsonata-java keeps its tree in package-private fields, so they are read reflectively, once per
 * expression at definition time (never while an execution runs). Should a future version rename them,
 * {@link #of} degrades to "reads nothing" rather than failing the definition.
 */
record JsonataSyntax(Set<String> freeVariables, List<String> topLevelNames) {
    static final JsonataSyntax EMPTY = new JsonataSyntax(Set.of(), List.of());

    /** Fields of a node that are evaluated against something other than the enclosing context. */
    private static final Set<String> RELATIVE = Set.of("stages", "predicate", "group", "terms", "pattern",
            "update", "delete", "expr");
    /** Fields that are bookkeeping, not sub-expressions. */
    private static final Set<String> SKIPPED = Set.of("this$0", "tuple", "focus", "environment", "input", "token",
            "ancestor", "error", "errors", "seekingParent", "slot", "nextFunction", "signature", "value", "id", "type",
            "label", "index", "name");

    private static final Class<?> SYMBOL;
    private static final Field AST;
    private static final Field TYPE;
    private static final Field VALUE;
    private static final List<Field> CHILDREN;

    static {
        Class<?> symbol = null;
        Field ast = null;
        Field type = null;
        Field value = null;
        List<Field> children = new ArrayList<>();
        try {
            symbol = Class.forName("com.dashjoin.jsonata.Parser$Symbol");
            ast = Jsonata.class.getDeclaredField("ast");
            ast.setAccessible(true);
            type = symbol.getDeclaredField("type");
            type.setAccessible(true);
            value = symbol.getDeclaredField("value");
            value.setAccessible(true);
            for (Field field : symbol.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || SKIPPED.contains(field.getName())) {
                    continue;
                }
                Class<?> t = field.getType();
                if (t == symbol || List.class.isAssignableFrom(t)) {
                    field.setAccessible(true);
                    children.add(field);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            symbol = null;
        }
        SYMBOL = symbol;
        AST = ast;
        TYPE = type;
        VALUE = value;
        CHILDREN = List.copyOf(children);
    }

    static JsonataSyntax of(Jsonata compiled) {
        if (SYMBOL == null) {
            return EMPTY;
        }
        try {
            Walk walk = new Walk();
            walk.visit(AST.get(compiled), true);
            Set<String> free = new LinkedHashSet<>(walk.variables);
            free.removeAll(walk.bound);
            return new JsonataSyntax(Collections.unmodifiableSet(free), List.copyOf(walk.topLevel));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return EMPTY;
        }
    }

    private static final class Walk {
        final Set<String> variables = new LinkedHashSet<>();
        final Set<String> bound = new LinkedHashSet<>();
        final Set<String> topLevel = new LinkedHashSet<>();
        final Map<Object, Boolean> seen = new IdentityHashMap<>();

        /** {@code root}: the node is evaluated against the expression's (absent) context item. */
        void visit(Object node, boolean root) throws IllegalAccessException {
            if (node == null || !SYMBOL.isInstance(node) || seen.put(node, Boolean.TRUE) != null) {
                return;
            }
            String type = String.valueOf(TYPE.get(node));
            Object value = VALUE.get(node);
            switch (type) {
                case "name" -> {
                    if (root && value != null) {
                        topLevel.add(value.toString());
                    }
                }
                case "variable" -> {
                    String name = value == null ? "" : value.toString();
                    if (!name.isEmpty() && !name.equals("states")) {
                        variables.add(name);
                    }
                }
                default -> {
                }
            }
            for (Field field : CHILDREN) {
                Object child = field.get(node);
                if (child == null) {
                    continue;
                }
                String name = field.getName();
                boolean childRoot = root && !RELATIVE.contains(name);
                if (name.equals("procedure") && SYMBOL.isInstance(child) && "variable".equals(TYPE.get(child))) {
                    // $sum(...): a function's name, not a variable read
                    seen.put(child, Boolean.TRUE);
                    continue;
                }
                if (type.equals("lambda") && name.equals("arguments")) {
                    for (Object argument : (List<?>) child) {
                        if (SYMBOL.isInstance(argument)) {
                            bound.add(String.valueOf(VALUE.get(argument)));
                            seen.put(argument, Boolean.TRUE);
                        }
                    }
                    continue;
                }
                if (type.equals("bind") && name.equals("lhs") && SYMBOL.isInstance(child)) {
                    bound.add(String.valueOf(VALUE.get(child)));
                }
                if (child instanceof List<?> list) {
                    boolean steps = name.equals("steps");
                    for (int i = 0; i < list.size(); i++) {
                        Object element = list.get(i);
                        boolean elementRoot = childRoot && (!steps || i == 0);
                        if (element instanceof Object[] pair) {
                            for (Object part : pair) {
                                visit(part, elementRoot);
                            }
                        } else {
                            visit(element, elementRoot);
                        }
                    }
                } else {
                    visit(child, childRoot);
                }
            }
        }
    }
}
