package dev.stepline.cli;

import picocli.CommandLine.Command;

/** The top-level {@code stepline} command. */
@Command(name = "stepline", mixinStandardHelpOptions = true, version = "Stepline 0.1.0",
        description = "A durable, AWS-compatible workflow server.",
        subcommands = {ServeCommand.class, WarmupCommand.class})
public final class SteplineCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
