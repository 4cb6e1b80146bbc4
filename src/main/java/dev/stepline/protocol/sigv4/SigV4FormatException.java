package dev.stepline.protocol.sigv4;

import java.util.List;

/**
 * The signature parts of a request are missing or malformed. {@link #problems()} lists each problem as one sentence
 * in the style AWS's JSON services use ({@code "Authorization header requires 'Signature' parameter."}).
 */
public final class SigV4FormatException extends Exception {
    private final List<String> problems;

    public SigV4FormatException(List<String> problems) {
        super(String.join(" ", problems));
        this.problems = List.copyOf(problems);
    }

    public SigV4FormatException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
