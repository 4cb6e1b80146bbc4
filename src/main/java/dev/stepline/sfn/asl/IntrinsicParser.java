package dev.stepline.sfn.asl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Recursive-descent parser for intrinsic calls; see {@link IntrinsicCall#parse}. Not thread-safe. */
final class IntrinsicParser {
    private final String text;
    private int pos;

    IntrinsicParser(String text) {
        this.text = text;
    }

    IntrinsicCall parseWhole() {
        skipSpaces();
        IntrinsicCall call = call(1);
        skipSpaces();
        if (pos != text.length()) {
            throw fail("unexpected text after the call at position " + pos);
        }
        return call;
    }

    private IntrinsicCall call(int depth) {
        if (depth > IntrinsicCall.MAX_NESTING) {
            throw fail("intrinsic functions may be nested at most " + IntrinsicCall.MAX_NESTING + " deep");
        }
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '.')) {
            pos++;
        }
        String name = text.substring(start, pos);
        IntrinsicFunction function = IntrinsicFunction.byName(name);
        if (function == null) {
            throw fail("unknown intrinsic function '" + name + "'");
        }
        skipSpaces();
        expect('(');
        List<IntrinsicCall.Argument> args = new ArrayList<>();
        skipSpaces();
        if (peek() == ')') {
            pos++;
        } else {
            while (true) {
                skipSpaces();
                args.add(argument(depth));
                skipSpaces();
                if (peek() == ',') {
                    pos++;
                } else if (peek() == ')') {
                    pos++;
                    break;
                } else {
                    throw fail("expected ',' or ')' at position " + pos);
                }
            }
        }
        if (args.size() < function.minArgs() || args.size() > function.maxArgs()) {
            throw fail(name + " takes " + arity(function) + " but got " + args.size());
        }
        checkLiterals(function, args);
        return new IntrinsicCall(function, args, text.substring(start, pos));
    }

    private static String arity(IntrinsicFunction f) {
        if (f.maxArgs() == Integer.MAX_VALUE) {
            return "at least " + f.minArgs() + " argument(s)";
        }
        return f.minArgs() == f.maxArgs()
                ? f.minArgs() + " argument(s)"
                : f.minArgs() + " to " + f.maxArgs() + " arguments";
    }

    /** Checks that can be made on literal arguments without data. */
    private void checkLiterals(IntrinsicFunction function, List<IntrinsicCall.Argument> args) {
        switch (function) {
            case FORMAT -> {
                if (args.get(0) instanceof IntrinsicCall.StringArg template) {
                    int placeholders = countPlaceholders(template.raw());
                    if (placeholders != args.size() - 1) {
                        throw fail("States.Format has " + placeholders + " placeholder(s) but "
                                + (args.size() - 1) + " value(s)");
                    }
                } else if (!(args.get(0) instanceof IntrinsicCall.PathArg
                        || args.get(0) instanceof IntrinsicCall.CallArg)) {
                    throw fail("the first argument of States.Format must be a string");
                }
            }
            case JSON_MERGE -> {
                IntrinsicCall.Argument deep = args.get(2);
                if (deep instanceof IntrinsicCall.BooleanArg b && b.value()) {
                    throw fail("States.JsonMerge only supports a shallow merge: the third argument must be false");
                }
            }
            case HASH -> {
                if (args.get(1) instanceof IntrinsicCall.StringArg alg
                        && !List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512").contains(alg.value())) {
                    throw fail("unsupported hash algorithm '" + alg.value() + "'");
                }
            }
            default -> {
            }
        }
    }

    /** Counts unescaped {@code {}} pairs in a raw (escapes kept) Format template. */
    static int countPlaceholders(String raw) {
        int count = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{' && i + 1 < raw.length() && raw.charAt(i + 1) == '}') {
                count++;
                i++;
            }
        }
        return count;
    }

    private IntrinsicCall.Argument argument(int depth) {
        char c = peek();
        if (c == '\'') {
            return string();
        }
        if (c == '$') {
            return path();
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        if (text.startsWith("true", pos) && boundary(pos + 4)) {
            pos += 4;
            return new IntrinsicCall.BooleanArg(true);
        }
        if (text.startsWith("false", pos) && boundary(pos + 5)) {
            pos += 5;
            return new IntrinsicCall.BooleanArg(false);
        }
        if (text.startsWith("null", pos) && boundary(pos + 4)) {
            pos += 4;
            return new IntrinsicCall.NullArg();
        }
        if (text.startsWith("States.", pos)) {
            return new IntrinsicCall.CallArg(call(depth + 1));
        }
        throw fail("unexpected argument at position " + pos);
    }

    private boolean boundary(int at) {
        if (at >= text.length()) {
            return true;
        }
        char c = text.charAt(at);
        return c == ',' || c == ')' || Character.isWhitespace(c);
    }

    private IntrinsicCall.StringArg string() {
        pos++; // opening quote
        StringBuilder value = new StringBuilder();
        int rawStart = pos;
        while (true) {
            if (pos >= text.length()) {
                throw fail("unterminated string literal");
            }
            char c = text.charAt(pos++);
            if (c == '\\') {
                if (pos >= text.length()) {
                    throw fail("dangling escape in string literal");
                }
                value.append(text.charAt(pos++));
            } else if (c == '\'') {
                return new IntrinsicCall.StringArg(value.toString(), text.substring(rawStart, pos - 1));
            } else {
                value.append(c);
            }
        }
    }

    private IntrinsicCall.NumberArg number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (pos < text.length() && (Character.isDigit(peek()) || "+-.eE".indexOf(peek()) >= 0)) {
            pos++;
        }
        String literal = text.substring(start, pos);
        try {
            return new IntrinsicCall.NumberArg(new BigDecimal(literal));
        } catch (NumberFormatException e) {
            throw fail("invalid number '" + literal + "'");
        }
    }

    /** A path runs to the next ',' or ')' that is not inside brackets, parentheses or quotes. */
    private IntrinsicCall.PathArg path() {
        int start = pos;
        int brackets = 0;
        char quote = 0;
        while (pos < text.length()) {
            char c = peek();
            if (quote != 0) {
                if (c == '\\') {
                    pos++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                brackets++;
            } else if (c == ']' || (c == ')' && brackets > 0)) {
                brackets--;
            } else if (brackets == 0 && (c == ',' || c == ')')) {
                break;
            }
            pos++;
        }
        String path = text.substring(start, pos).strip();
        try {
            return new IntrinsicCall.PathArg(JsonPathExpression.parse(path));
        } catch (IllegalArgumentException e) {
            throw fail("invalid path argument '" + path + "'");
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw fail("expected '" + c + "' at position " + pos);
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private IllegalArgumentException fail(String reason) {
        return new IllegalArgumentException("Invalid intrinsic function call '" + text + "': " + reason);
    }
}
