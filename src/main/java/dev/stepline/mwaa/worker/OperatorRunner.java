package dev.stepline.mwaa.worker;

/** Runs one attempt (or one sensor poke) of one kind of operator. Blocks; may be killed through the registry. */
@FunctionalInterface
interface OperatorRunner {
    Outcome run(Attempt attempt) throws Exception;
}
