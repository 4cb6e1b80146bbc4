/**
 * MWAA Serverless identifiers (spec §1): the model's string patterns
 * ({@link dev.stepline.mwaa.ids.MwaaPatterns}), workflow ARNs with their random suffix
 * ({@link dev.stepline.mwaa.ids.WorkflowArn}), task-instance ids
 * ({@link dev.stepline.mwaa.ids.TaskInstanceId}) and a generator for versions, revision ids, run
 * ids and ARN suffixes over an injected random source ({@link dev.stepline.mwaa.ids.IdGenerator}).
 */
package dev.stepline.mwaa.ids;
