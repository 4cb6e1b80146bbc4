package dev.stepline.mwaa.dag;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The operators CreateWorkflow / UpdateWorkflow accept (spec §2.5), keyed by fully-qualified
 * class path. Immutable and thread-safe.
 *
 * <p>File format (see {@code mwaa/operators-allowlist.txt}): one class path per line, optionally
 * followed by {@code required=a,b} and {@code arguments=a,b,c}; {@code #} starts a comment.
 */
public final class OperatorAllowlist {
    /** Classpath location of the default list. */
    public static final String DEFAULT_RESOURCE = "/mwaa/operators-allowlist.txt";

    private static final Pattern CLASS_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+");
    private static final Pattern ARGUMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static volatile OperatorAllowlist defaults;

    private final Map<String, OperatorSpec> specs;

    private OperatorAllowlist(Map<String, OperatorSpec> specs) {
        this.specs = specs;
    }

    /** The list shipped with Stepline (loaded once). */
    public static OperatorAllowlist defaults() {
        OperatorAllowlist d = defaults;
        if (d == null) {
            try (InputStream in = OperatorAllowlist.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing classpath resource " + DEFAULT_RESOURCE);
                }
                d = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            defaults = d;
        }
        return d;
    }

    /**
     * Reads a user-supplied list (UTF-8), which replaces the default entirely.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed entry
     */
    public static OperatorAllowlist load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** A list of exactly these specs. */
    public static OperatorAllowlist of(Collection<OperatorSpec> specs) {
        Map<String, OperatorSpec> map = new LinkedHashMap<>();
        specs.forEach(s -> map.put(s.classPath(), s));
        return new OperatorAllowlist(Map.copyOf(map));
    }

    /**
     * Parses list text.
     *
     * @param source name used in error messages
     * @throws IllegalArgumentException naming {@code source} and the line of a malformed entry
     */
    public static OperatorAllowlist parse(String text, String source) {
        requireNonNull(text, "text is null");
        Map<String, OperatorSpec> map = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            OperatorSpec spec = parseLine(content, source + ":" + (i + 1));
            if (map.putIfAbsent(spec.classPath(), spec) != null) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": duplicate entry " + spec.classPath());
            }
        }
        return new OperatorAllowlist(Map.copyOf(map));
    }

    private static OperatorSpec parseLine(String content, String where) {
        String[] tokens = content.split("\\s+");
        String classPath = tokens[0];
        if (!CLASS_PATH.matcher(classPath).matches()) {
            throw new IllegalArgumentException(where + ": not a fully-qualified class path: " + classPath);
        }
        Set<String> required = Set.of();
        Optional<Set<String>> arguments = Optional.empty();
        for (int t = 1; t < tokens.length; t++) {
            String token = tokens[t];
            int eq = token.indexOf('=');
            String key = eq < 0 ? token : token.substring(0, eq);
            Set<String> names = eq < 0 ? Set.of() : names(token.substring(eq + 1), where);
            switch (key) {
                case "required" -> required = names;
                case "arguments" -> arguments = Optional.of(names);
                default -> throw new IllegalArgumentException(where + ": unknown attribute " + token);
            }
        }
        if (arguments.isPresent() && !arguments.get().containsAll(required)) {
            throw new IllegalArgumentException(where + ": required arguments must also be listed in arguments=");
        }
        return new OperatorSpec(classPath, new TreeSet<>(required),
                arguments.map(a -> (SortedSet<String>) new TreeSet<>(a)));
    }

    private static Set<String> names(String list, String where) {
        if (list.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new TreeSet<>();
        for (String n : list.split(",", -1)) {
            if (!ARGUMENT.matcher(n).matches()) {
                throw new IllegalArgumentException(where + ": invalid argument name '" + n + "'");
            }
            out.add(n);
        }
        return out;
    }

    /** The spec of {@code classPath} (exact, case-sensitive), if allowlisted. */
    public Optional<OperatorSpec> find(String classPath) {
        return Optional.ofNullable(specs.get(classPath));
    }

    public boolean contains(String classPath) {
        return specs.containsKey(classPath);
    }

    /** All class paths, sorted. */
    public Set<String> classPaths() {
        return new TreeSet<>(specs.keySet());
    }

    public int size() {
        return specs.size();
    }

    @Override
    public String toString() {
        return "OperatorAllowlist[" + specs.size() + " operators]";
    }
}
