package dev.stepline.server;

import dev.stepline.http.HttpRequest;
import dev.stepline.protocol.Accounts;
import dev.stepline.protocol.AwsException;
import dev.stepline.protocol.sigv4.Dialect;
import dev.stepline.protocol.sigv4.SigV4Verifier;
import dev.stepline.protocol.sigv4.VerificationResult;
import java.time.Clock;
import java.util.function.BiFunction;

/**
 * The router's signature policy. Off (the default): every request passes, and the access key
 * only chooses the account. On: SigV4 is verified against the configured secrets, with the
 * wall clock (never the engine clock, which tests may move), and failures are answered in the
 * reached service's own error format.
 */
final class SignatureCheck {
    private SignatureCheck() {}

    static BiFunction<HttpRequest, String, AwsException> create(boolean verify, Accounts accounts) {
        if (!verify) {
            return (request, service) -> null;
        }
        SigV4Verifier verifier = new SigV4Verifier(accounts::secretFor, Clock.systemUTC());
        return (request, service) -> switch (verifier.verify(request, Dialect.forService(service))) {
            case VerificationResult.Verified verified -> null;
            case VerificationResult.Rejected rejected -> {
                AwsException error = AwsException.of(rejected.code(), rejected.status(), rejected.message());
                for (var detail : rejected.details().entrySet()) {
                    error = error.with(detail.getKey(), detail.getValue());
                }
                yield error;
            }
        };
    }
}
