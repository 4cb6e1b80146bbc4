package dev.stepline.protocol;

import dev.stepline.http.HttpResponse;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a protocol turns the outcome of an operation into a response: the
 * output, a modelled error, a service's domain error translated by its {@link ErrorPolicy}, or —
 * for a bug — a logged internal error that shows the client nothing of it.
 */
public final class Answers {
    private static final Logger log = LoggerFactory.getLogger(Answers.class);

    private Answers() {}

    /**
     * @param operation what is running, for the log (e.g. the target or method and path)
     * @param run       runs the operation and returns its output
     * @param ok        writes an output
     * @param error     writes an error
     */
    public static HttpResponse answer(RequestContext context, ErrorPolicy errors, String operation, Supplier<Object> run,
                                      Function<Object, HttpResponse> ok,
                                      BiFunction<RequestContext, AwsException, HttpResponse> error) {
        try {
            return ok.apply(run.get());
        } catch (AwsException e) {
            return error.apply(context, e);
        } catch (RuntimeException e) {
            AwsException translated = errors.translate(e);
            if (translated != null) {
                return error.apply(context, translated);
            }
            log.error("internal error in {} (request {})", operation, context.requestId(), e);
            return error.apply(context, errors.internal());
        }
    }
}
