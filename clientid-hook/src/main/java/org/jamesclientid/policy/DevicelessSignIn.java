package org.jamesclientid.policy;

import java.time.Clock;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.jamesclientid.core.LogText;
import org.jamesclientid.core.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Preconditions;

import reactor.core.publisher.Mono;

/**
 * A password sign-in over a protocol that cannot present a device (POP3, JMAP): the same engine as SMTP and IMAP
 * with no CLIENTID, so it is refused where the account's policy in force on that protocol requires CLIENTID
 * ({@code clientid.requireClientId.pop3}, {@code .jmap}, the account's own value, {@code exemptNetworks}), and is
 * logged, counted and recorded as a sign-in without CLIENTID otherwise.
 *
 * <p>Never fails: an engine error is a temporary failure, as at SMTP and IMAP sign-in.</p>
 */
public class DevicelessSignIn {
    private static final Logger LOGGER = LoggerFactory.getLogger(DevicelessSignIn.class);

    private final ClientIdPolicyEngine engine;
    private final Clock clock;

    @Inject
    public DevicelessSignIn(ClientIdPolicyEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    public Mono<PolicyDecision> decide(Protocol protocol, String mechanism, Username username, boolean passwordValid,
                                       Optional<String> remoteIp) {
        Preconditions.checkArgument(protocol == Protocol.POP3 || protocol == Protocol.JMAP,
            "%s can present a device: use its own sign-in", protocol);
        AuthAttempt attempt = AuthAttempt.builder()
            .protocol(protocol)
            .mechanism(mechanism)
            .username(username)
            .clientId(Optional.empty())
            .passwordValid(passwordValid)
            .remoteIp(remoteIp)
            .at(clock.instant())
            .build();
        return Mono.defer(() -> engine.decide(attempt))
            .switchIfEmpty(Mono.error(() -> new IllegalStateException("The CLIENTID policy engine gave no decision")))
            .onErrorResume(e -> {
                // Never a stack trace to the client: a transient failure it may retry.
                LOGGER.error("CLIENTID policy failed for account {} over {}", LogText.quoted(username.asString()), protocol.asString(), e);
                return Mono.just(PolicyDecision.tempfail(PolicyDecision.Reason.STORE_UNAVAILABLE, Optional.empty()));
            });
    }
}
