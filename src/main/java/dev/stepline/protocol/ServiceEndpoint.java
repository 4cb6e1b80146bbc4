package dev.stepline.protocol;

import dev.stepline.http.HttpRequest;
import dev.stepline.http.HttpResponse;

/** One AWS service face as the router sees it. */
public interface ServiceEndpoint {
    /** The SigV4 signing name, e.g. {@code states}, {@code imagebuilder}, {@code airflow-serverless}, {@code s3}. */
    String signingName();

    /** Whether this endpoint recognises the request without a SigV4 scope (target header or path). */
    boolean recognises(HttpRequest request);

    /** Answers the request; never throws. */
    HttpResponse handle(RequestContext context, HttpRequest request);

    /** Writes an error raised before the service saw the request (e.g. a bad signature) in this service's format. */
    HttpResponse reject(RequestContext context, AwsException error);
}
