package dev.stepline;

/** Entry point: wires the server together (filled in by the foundation work). */
public final class Stepline {
    private Stepline() {}

    public static void main(String[] args) {
        System.out.println("stepline");
    }
}
