package dev.stepline.imagebuilder.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * One workflow execution ({@code wf-…}) of an image; mutable, part of {@link ImageRun}'s stored
 * state. {@code cursor} is the index of the step to run next (or running); during a rollback
 * {@code rollbackCursor} walks back from the failed step.
 */
public final class WorkflowRun {
    public String id;
    /** The index of its {@link ImagePlan.WorkflowSpec} in the plan. */
    public int spec;
    public String workflowArn;
    public String type;
    public String parallelGroup;
    /** The image's retry count when this execution was made; {@code retried} when above 0 (spec §4.10). */
    public int attempt;
    public Statuses.Workflow status = Statuses.Workflow.PENDING;
    public String message;
    public Long startMs;
    public Long endMs;
    public int cursor;
    public int failedStep = -1;
    public int rollbackCursor = -1;
    /** True once the failed step's rollback walk found something to undo. */
    public boolean rolledBack;
    public boolean rollbackFailed;
    /** True once the image's stages have reacted to this execution's end. */
    public boolean reported;
    public List<StepRun> steps = new ArrayList<>();

    public int count(Statuses.Step... statuses) {
        int n = 0;
        for (StepRun step : steps) {
            for (Statuses.Step s : statuses) {
                if (step.status == s) {
                    n++;
                }
            }
        }
        return n;
    }
}
