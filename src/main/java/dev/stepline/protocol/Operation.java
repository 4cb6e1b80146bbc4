package dev.stepline.protocol;

import static java.util.Objects.requireNonNull;

/**
 * One API operation: its wire name, its request type and its handler. A new operation costs a
 * request record, a response record and a handler; the protocol does the rest.
 *
 * @param <I> the request record
 * @param <O> the response record (or {@link Void}-like empty record)
 */
public record Operation<I, O>(String name, Class<I> input, Handler<I, O> handler) {
    public Operation {
        requireNonNull(name, "name is null");
        requireNonNull(input, "input is null");
        requireNonNull(handler, "handler is null");
    }

    @FunctionalInterface
    public interface Handler<I, O> {
        O handle(RequestContext context, I request);
    }

    @SuppressWarnings("unchecked")
    public Object invoke(RequestContext context, Object request) {
        return handler.handle(context, (I) request);
    }
}
