package org.jamesclientid.jmap;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.jmap.http.AuthenticationChallenge;
import org.apache.james.jmap.http.AuthenticationStrategy;
import org.apache.james.jmap.http.BasicAuthenticationStrategy;
import org.apache.james.mailbox.MailboxSession;
import org.jamesclientid.core.Protocol;
import org.jamesclientid.policy.DevicelessSignIn;
import org.jamesclientid.policy.PolicyDecision;

import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * JMAP's HTTP Basic authentication with the device policy: JMAP has no CLIENTID, so an account whose policy in force
 * on JMAP requires one ({@code clientid.requireClientId.jmap}) cannot sign in with its password alone.
 *
 * <p>Named in jmap.properties in place of James' {@code BasicAuthenticationStrategy}, which it runs as is (header
 * parsing, its replies to a malformed header, the password check); a refused sign-in then gets what a wrong password
 * gets: no session from this strategy, so James answers {@code 401} with the same {@code WWW-Authenticate} once no
 * other strategy authenticates the request. Bearer (JWT, OIDC) strategies are left as they are: they carry no
 * password.</p>
 */
public class ClientIdBasicAuthenticationStrategy implements AuthenticationStrategy {
    static final String MECHANISM = "basic";
    private static final String BASIC_PREFIX = "Basic ";

    private final BasicAuthenticationStrategy james;
    private final DevicelessSignIn signIn;

    @Inject
    public ClientIdBasicAuthenticationStrategy(BasicAuthenticationStrategy james, DevicelessSignIn signIn) {
        this.james = james;
        this.signIn = signIn;
    }

    @Override
    public Mono<MailboxSession> createMailboxSession(HttpServerRequest httpRequest) {
        Optional<Username> claimed = basicUsername(httpRequest);
        if (claimed.isEmpty()) {
            // Not Basic, or not parsable: James' own strategy answers (nothing, or its error), as without CLIENTID.
            return james.createMailboxSession(httpRequest);
        }
        Optional<String> remoteIp = remoteIp(httpRequest);
        return james.createMailboxSession(httpRequest)
            .map(Optional::of)
            .defaultIfEmpty(Optional.empty())
            .flatMap(session -> signIn.decide(Protocol.JMAP, MECHANISM, claimed.get(), session.isPresent(), remoteIp)
                .flatMap(decision -> session.filter(any -> decision.isAllowed())
                    .map(Mono::just)
                    .orElseGet(() -> refused(decision))));
    }

    /**
     * A refusal is what a wrong password gets (no session). A store outage in a strict mode is a server error, which
     * a client retries, rather than a 401, which has it ask the user for another password.
     */
    private static Mono<MailboxSession> refused(PolicyDecision decision) {
        if (decision.getOutcome() == PolicyDecision.Outcome.TEMPFAIL) {
            return Mono.error(new IllegalStateException("CLIENTID device store unavailable: temporary authentication failure"));
        }
        return Mono.empty();
    }

    @Override
    public AuthenticationChallenge correspondingChallenge() {
        return james.correspondingChallenge();
    }

    /**
     * The user name of a well-formed Basic header ({@code base64(user:password)}), for the decision's record; James'
     * strategy parses the header again and decides what it means.
     */
    private Optional<Username> basicUsername(HttpServerRequest httpRequest) {
        try {
            String header = authHeaders(httpRequest);
            if (header == null || !header.startsWith(BASIC_PREFIX)) {
                return Optional.empty();
            }
            String credentials = new String(Base64.getDecoder().decode(header.substring(BASIC_PREFIX.length())), StandardCharsets.UTF_8);
            int separator = credentials.indexOf(':');
            if (separator <= 0) {
                return Optional.empty();
            }
            return Optional.of(Username.of(credentials.substring(0, separator)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> remoteIp(HttpServerRequest httpRequest) {
        return Optional.ofNullable(httpRequest.remoteAddress())
            .map(InetSocketAddress::getAddress)
            .map(address -> address.getHostAddress());
    }
}
