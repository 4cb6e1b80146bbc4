package dev.stepline.mwaa.dag;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.Collections;

/**
 * One allowlisted operator.
 *
 * @param classPath fully-qualified class path as written in {@code operator:}
 * @param requiredArguments constructor arguments a task must give (sorted)
 * @param arguments the complete set of operator-specific constructor arguments, when known;
 *        empty when unknown (then unknown task keys are not checked)
 */
public record OperatorSpec(String classPath, SortedSet<String> requiredArguments, Optional<SortedSet<String>> arguments) {
    /** Module prefix of every Amazon provider operator/sensor. */
    public static final String AMAZON_PREFIX = "airflow.providers.amazon.aws.";

    public OperatorSpec {
        requireNonNull(classPath, "classPath is null");
        requiredArguments = Collections.unmodifiableSortedSet(new TreeSet<>(requiredArguments));
        arguments = arguments.map(a -> Collections.unmodifiableSortedSet(new TreeSet<>(a)));
    }

    /** The class's simple name, Airflow's {@code task_type} and the API's {@code OperatorName}. */
    public String simpleName() {
        return classPath.substring(classPath.lastIndexOf('.') + 1);
    }

    /** True for classes in a {@code .sensors.} module: they take poke/reschedule arguments. */
    public boolean isSensor() {
        return classPath.contains(".sensors.");
    }

    /** True for Amazon provider classes: they take (and the service ignores) the AWS base arguments. */
    public boolean isAws() {
        return classPath.startsWith(AMAZON_PREFIX);
    }
}
