/**
 * MWAA Serverless task execution (spec §7.3): the engine's task runner for run attempts
 * ({@link dev.stepline.mwaa.worker.MwaaTaskRunner}), Bash and Python processes, templating with
 * Jinjava, S3 operators on the object store, Step Functions operators through the port, mocked operators and attempt logs.
 */
package dev.stepline.mwaa.worker;
