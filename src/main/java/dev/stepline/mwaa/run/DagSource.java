package dev.stepline.mwaa.run;

import dev.stepline.mwaa.dag.DagDefinition;

/** The parsed definition a run executes, by the SHA-256 of its text (immutable, so cacheable). */
@FunctionalInterface
public interface DagSource {
    DagDefinition dag(String sha256);
}
