/**
 * The MWAA Serverless runtime as engine dialects: {@link dev.stepline.mwaa.run.DagDialect} runs a
 * workflow run (Airflow's trigger rules, retries, timeouts, stop; spec §3, §4) and
 * {@link dev.stepline.mwaa.run.ScheduleDialect} fires a version's schedule (spec §3.7). Both are
 * pure transition functions; operators run in {@link dev.stepline.mwaa.worker}.
 */
package dev.stepline.mwaa.run;
