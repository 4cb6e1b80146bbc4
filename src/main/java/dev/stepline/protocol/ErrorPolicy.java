package dev.stepline.protocol;

import dev.stepline.protocol.validate.Violation;
import java.util.List;

/**
 * How one service reports the failures the protocol layer finds before a handler runs. Each
 * service words these differently (coral's {@code ValidationException}, Image Builder's
 * {@code InvalidParameterValueException}, MWAA's {@code ValidationException} with a
 * {@code FieldList}), so the protocol asks instead of deciding.
 */
public interface ErrorPolicy {
    /** Model constraints broken; never called with an empty list. */
    AwsException validation(List<Violation> violations);

    /** The body is not JSON, not an object, or a member has the wrong JSON type. */
    AwsException cannotParse(String detail);

    /** No such operation (unknown {@code X-Amz-Target} or path). */
    AwsException unknownOperation(String operation);

    /** A bug on our side: logged, never shown to the client with details. */
    AwsException internal();

    /**
     * The client error a service's own domain exception stands for (e.g. an invalid document),
     * or null when {@code e} is a bug. Lets domain packages stay free of wire types.
     */
    default AwsException translate(RuntimeException e) {
        return null;
    }

    /** Coral's list wording: {@code 2 validation errors detected: <a>; <b>}. */
    static String coralMessage(List<Violation> violations) {
        StringBuilder text = new StringBuilder()
                .append(violations.size())
                .append(violations.size() == 1 ? " validation error detected: " : " validation errors detected: ");
        for (int i = 0; i < violations.size(); i++) {
            if (i > 0) {
                text.append("; ");
            }
            text.append(violations.get(i).coralText());
        }
        return text.toString();
    }
}
