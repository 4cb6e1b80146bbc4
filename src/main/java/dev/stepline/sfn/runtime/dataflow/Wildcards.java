package dev.stepline.sfn.runtime.dataflow;

/**
 * {@code StringMatches} patterns: {@code *} matches any run of characters (also empty); a backslash
 * makes the next character literal, so {@code \*} is a star and {@code \\} a backslash (written
 * {@code "\\*"} and {@code "\\\\"} in the JSON definition).
 */
final class Wildcards {
    /** Marks a wildcard in the compiled pattern; no code point is negative. */
    private static final int STAR = -1;

    private Wildcards() {
    }

    static boolean matches(String text, String pattern) {
        int[] p = compile(pattern);
        int[] t = text.codePoints().toArray();
        // Greedy matching with backtracking to the last star: linear for typical patterns.
        int ti = 0;
        int pi = 0;
        int starAt = -1;
        int resumeAt = 0;
        while (ti < t.length) {
            if (pi < p.length && p[pi] != STAR && p[pi] == t[ti]) {
                pi++;
                ti++;
            } else if (pi < p.length && p[pi] == STAR) {
                starAt = pi++;
                resumeAt = ti;
            } else if (starAt >= 0) {
                pi = starAt + 1;
                ti = ++resumeAt;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == STAR) {
            pi++;
        }
        return pi == p.length;
    }

    private static int[] compile(String pattern) {
        int[] cps = pattern.codePoints().toArray();
        int[] out = new int[cps.length];
        int n = 0;
        for (int i = 0; i < cps.length; i++) {
            if (cps[i] == '\\' && i + 1 < cps.length) {
                out[n++] = cps[++i];
            } else {
                out[n++] = cps[i] == '*' ? STAR : cps[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
