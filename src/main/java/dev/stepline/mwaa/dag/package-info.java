/**
 * MWAA Serverless workflow definitions: dag-factory YAML in, a validated immutable
 * {@link dev.stepline.mwaa.dag.DagDefinition} out (spec {@code mwaa-serverless.md} §2). Pure: no
 * I/O beyond reading the bundled operator allowlist, no clock, no server types.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link dev.stepline.mwaa.dag.DagDefinition#parse(byte[], dev.stepline.mwaa.dag.OperatorAllowlist)}
 *       for bytes fetched from S3 (size and UTF-8 checks first), or {@code parse(String[, allowlist])};</li>
 *   <li>{@link dev.stepline.mwaa.dag.DefinitionException} on any rejection: answer
 *       {@code ValidationException}, {@code Reason} {@code other}, {@code FieldList}
 *       {@code [{Name: field(), Message: getMessage()}]};</li>
 *   <li>{@link dev.stepline.mwaa.dag.DagDefinition#warnings()} for the API's {@code Warnings};
 *       {@code schedule().cronExpression()} for {@code ScheduleConfiguration.CronExpression}.</li>
 * </ul>
 *
 * <h2>YAML 1.1 versus 1.2</h2>
 * The real service loads definitions with PyYAML (YAML 1.1), where plain {@code yes/no/on/off}
 * (lower, Title and UPPER case) are booleans and {@code ~}/{@code Null} are null; a YAML 1.2 reader
 * (Jackson's default) would read them as strings and so change the meaning of e.g.
 * {@code replace: yes} or {@code catchup: no}. We follow PyYAML (see {@code PyYamlScalarResolver});
 * quoted scalars always stay strings. Pinned by {@code DagYamlTest}.
 *
 * <h2>Deliberate differences from the service</h2>
 * <ul>
 *   <li>duplicate mapping keys are rejected (PyYAML keeps the last);</li>
 *   <li>a merge key {@code <<} must be the first key of its mapping and merge one mapping;</li>
 *   <li>base-60 numbers ({@code 1:30}) and unquoted timestamps stay strings;</li>
 *   <li>unknown operator arguments are detected only for operators whose argument list is in the
 *       allowlist file (the standard operators by default); Amazon operators are checked for
 *       required arguments only;</li>
 *   <li>task ids longer than 213 characters are rejected so that task-instance ids fit the API's
 *       255-character limit.</li>
 * </ul>
 */
package dev.stepline.mwaa.dag;
