package dev.stepline;

import dev.stepline.cli.SteplineCommand;
import picocli.CommandLine;

/** Entry point: {@code java -jar stepline.jar serve [options]}. */
public final class Stepline {
    private Stepline() {}

    public static void main(String[] args) {
        int code = new CommandLine(new SteplineCommand()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
