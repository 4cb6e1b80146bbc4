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
 * </ul>
 *
 * <p>Not here yet: runs, task instances and the scheduler. DeleteWorkflow therefore removes a
 * workflow at once instead of passing through {@code DELETING}.
 */
package dev.stepline.mwaa.api;
