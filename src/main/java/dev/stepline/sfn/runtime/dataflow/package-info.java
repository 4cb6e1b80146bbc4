/**
 * The JSONPath-mode data flow of Amazon States Language (spec §6.3–§6.9, §6.15): paths, payload
 * templates, ResultPath, intrinsic functions, Choice rules, Wait deadlines and computed fields.
 * Every public entry point is a pure function of its arguments that returns fresh nodes and reports
 * failures as {@link dev.stepline.sfn.runtime.dataflow.StatesError}s with AWS's texts.
 */
package dev.stepline.sfn.runtime.dataflow;
