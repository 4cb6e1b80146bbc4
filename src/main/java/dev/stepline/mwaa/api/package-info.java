/**
 * The MWAA Serverless face (spec {@code mwaa-serverless.md} §5, §6): awsJson1.0 handlers for
 * workflow definitions, versions and tags.
 *
 * <ul>
 *   <li>{@link dev.stepline.mwaa.api.MwaaServerlessApi} registers the operations;</li>
 *   <li>{@code Workflows} creates, reads, updates and deletes workflows; every create and update
 *       reads the definition once from the object store ({@code DefinitionSource}), validates it
 *       with {@link dev.stepline.mwaa.dag.DagDefinition} and keeps the text in a new immutable
 *       version;</li>
 *   <li>{@code WorkflowListings} pages workflows and versions newest first with signed tokens;</li>
 *   <li>{@code MwaaTags} tags workflows;</li>
 *   <li>{@code WorkflowStore} maps all of it onto the shared resource table;</li>
 *   <li>{@link dev.stepline.mwaa.api.MwaaErrors} words every error as the SDKs parse it.</li>
 *
 *   <li>{@code Runs} starts, stops and reads runs and task instances ({@code RunRows}, written by
 *       the run projection), {@code RunLauncher} creates them under the concurrency quotas and
 *       {@code Scheduler} fires scheduled runs; the runtime itself is {@link dev.stepline.mwaa.run}
 *       and {@link dev.stepline.mwaa.worker}.</li>
 * </ul>
 *
 * <p>DeleteWorkflow stops the workflow's runs, then removes it at once (no lasting {@code DELETING}).
 */
package dev.stepline.mwaa.api;
