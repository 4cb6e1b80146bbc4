package dev.stepline.mwaa.run;

import dev.stepline.mwaa.dag.TriggerRule;
import java.util.Collection;

/**
 * Airflow 3's trigger-rule dependency (spec §4.2): what a task waiting in {@code NONE} does, given
 * the latest attempts of its direct upstream tasks. A task without upstream tasks always runs.
 */
final class TriggerRules {
    /** What to do with a waiting task. */
    enum Decision { WAIT, RUN, UPSTREAM_FAILED, SKIP }

    private TriggerRules() {
    }

    static Decision decide(TriggerRule rule, Collection<TaskInstance> upstream) {
        int n = upstream.size();
        if (n == 0) {
            return Decision.RUN;
        }
        int success = 0;
        int failed = 0;
        int upstreamFailed = 0;
        int skipped = 0;
        for (TaskInstance ti : upstream) {
            switch (ti.status) {
                case SUCCESS -> success++;
                case FAILED, TIMEOUT -> failed++;
                case UPSTREAM_FAILED -> upstreamFailed++;
                case CANCELLED -> skipped++;
                default -> {
                    // not done yet (NONE, RUNNING, UP_FOR_RETRY waiting for its next attempt, ...)
                }
            }
        }
        int done = success + failed + upstreamFailed + skipped;
        boolean allDone = done == n;
        int anyFailed = failed + upstreamFailed;
        return switch (rule) {
            case ALL_SUCCESS -> anyFailed > 0 ? Decision.UPSTREAM_FAILED
                    : skipped > 0 ? Decision.SKIP
                    : success == n ? Decision.RUN : Decision.WAIT;
            case ALL_FAILED -> success + skipped > 0 ? Decision.SKIP
                    : allDone ? Decision.RUN : Decision.WAIT;
            case ALL_DONE -> allDone ? Decision.RUN : Decision.WAIT;
            case ALL_DONE_MIN_ONE_SUCCESS -> !allDone ? Decision.WAIT
                    : success > 0 ? Decision.RUN : Decision.SKIP;
            case ALL_SKIPPED -> success + anyFailed > 0 ? Decision.SKIP
                    : allDone ? Decision.RUN : Decision.WAIT;
            case ONE_SUCCESS -> success > 0 ? Decision.RUN
                    : !allDone ? Decision.WAIT
                    : skipped == n ? Decision.SKIP : Decision.UPSTREAM_FAILED;
            case ONE_FAILED -> anyFailed > 0 ? Decision.RUN
                    : allDone ? Decision.SKIP : Decision.WAIT;
            case ONE_DONE -> success + failed > 0 ? Decision.RUN
                    : allDone ? Decision.SKIP : Decision.WAIT;
            case NONE_FAILED -> anyFailed > 0 ? Decision.UPSTREAM_FAILED
                    : allDone ? Decision.RUN : Decision.WAIT;
            case NONE_FAILED_MIN_ONE_SUCCESS -> anyFailed > 0 ? Decision.UPSTREAM_FAILED
                    : !allDone ? Decision.WAIT
                    : skipped == n ? Decision.SKIP : Decision.RUN;
            case NONE_SKIPPED -> skipped > 0 ? Decision.SKIP
                    : allDone ? Decision.RUN : Decision.WAIT;
            case ALWAYS -> Decision.RUN;
        };
    }
}
