package org.jamesclientid.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OIDCSASLParser;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.UsersRepositoryAuthHook;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.core.LogText;
import org.jamesclientid.core.Protocol;
import org.jamesclientid.policy.AuthAttempt;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.ClientIdPolicyEngine;
import org.jamesclientid.policy.PolicyDecision;
import org.jamesclientid.policy.RejectionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;

/**
 * AUTH with the device as a second factor: James' own credential check, then the CLIENTID policy, whatever the
 * password outcome (so neither the reply nor the store round trips tell an attacker which part failed).
 *
 * <p>Listed before James' core handlers, it answers every AUTH it sees: a wrong password and a refused device get
 * the same {@code 535 5.7.8} line (draft section 6.1: generic rejections). With {@code clientid.rejection.stage=mail}
 * a refused device with a valid password is let through AUTH and refused at MAIL FROM by {@link ClientIdMailHook}
 * (the draft's example 7.3).</p>
 *
 * <p>OAUTHBEARER / XOAUTH2 differ: James' AuthCmdHandler skips every SASL answer whose code is 535 and asks the next
 * hook, whose token check would sign the refused device in. A refused OAuth sign-in therefore gets James' own
 * invalid-token dialogue (AuthCmdHandler.failSasl) from this hook, byte for byte.</p>
 */
public class ClientIdAuthHook implements AuthHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdAuthHook.class);

    static final ProtocolSession.AttachmentKey<PolicyDecision> DENIED_AFTER_AUTH =
        ProtocolSession.AttachmentKey.of("CLIENTID_DENIED_AFTER_AUTH", PolicyDecision.class);
    static final ProtocolSession.AttachmentKey<FailedAuths> FAILED_AUTHS =
        ProtocolSession.AttachmentKey.of("CLIENTID_FAILED_AUTHS", FailedAuths.class);

    // RFC 4954: the one reply for wrong credentials and refused devices alike.
    static final HookResult INVALID_CREDENTIALS = HookResult.builder()
        .hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(SMTPRetCode.AUTH_FAILED)
        .smtpDescription("5.7.8 Authentication credentials invalid")
        .build();
    // The same reply, and the connection ends: past clientid.connection.maxFailedAuth failures (James 3.8.1 has no
    // limit of its own), so that one connection cannot guess without limit.
    static final HookResult INVALID_CREDENTIALS_AND_DISCONNECT = HookResult.builder()
        .hookReturnCode(HookReturnCode.disconnected(HookReturnCode.Action.DENY))
        .smtpReturnCode(SMTPRetCode.AUTH_FAILED)
        .smtpDescription("5.7.8 Authentication credentials invalid")
        .build();
    static final HookResult TEMPORARY_FAILURE = HookResult.builder()
        .hookReturnCode(HookReturnCode.denySoft())
        .smtpReturnCode(SMTPRetCode.AUTH_TEMPORARY_ERROR)
        .smtpDescription("4.7.0 Temporary authentication failure")
        .build();

    // James' own replies in its SASL failure dialogue (AuthCmdHandler.failSasl and its line handler): a refused
    // device must not be told apart from an invalid token.
    private static final String SASL_CHALLENGE = "334";
    private static final Response SASL_AUTH_FAILED = new SMTPResponse(SMTPRetCode.AUTH_FAILED, "Authentication Failed").immutable();
    private static final Response SASL_AUTH_ABORTED = new SMTPResponse(SMTPRetCode.SYNTAX_ERROR_ARGUMENTS,
        DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH) + " Authentication aborted").immutable();
    private static final String SASL_CANCEL_LINE = "*\r\n";
    private static final Response SASL_AUTH_FAILED_AND_DISCONNECT = endingSession(SASL_AUTH_FAILED);
    private static final Response SASL_AUTH_ABORTED_AND_DISCONNECT = endingSession(SASL_AUTH_ABORTED);
    private static final String OAUTHBEARER = "OAUTHBEARER";
    private static final String XOAUTH2 = "XOAUTH2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UsersRepositoryAuthHook credentials;
    private final ClientIdPolicyEngine engine;
    private final ClientIdPolicyConfiguration configuration;
    private final Clock clock;

    @Inject
    public ClientIdAuthHook(UsersRepositoryAuthHook credentials, ClientIdPolicyEngine engine,
                            ClientIdPolicyConfiguration configuration, Clock clock) {
        this.credentials = credentials;
        this.engine = engine;
        this.configuration = configuration;
        this.clock = clock;
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        boolean relayingBefore = session.isRelayingAllowed();
        HookResult credentialCheck = credentials.doAuth(session, username, password);
        return applyPolicy(session, username, credentialCheck, relayingBefore);
    }

    /**
     * OAUTHBEARER / XOAUTH2: the token is checked by James; the device policy applies to the account signed in and,
     * when the token's owner acts as another account (James' delegation), to the token's owner too. A refused token
     * is left to James' own SASL failure dialogue; a refused device gets the same dialogue from here.
     */
    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration saslConfiguration, String initialResponse) {
        boolean relayingBefore = session.isRelayingAllowed();
        HookResult credentialCheck = credentials.doSasl(session, saslConfiguration, initialResponse);
        if (!isOk(credentialCheck)) {
            return credentialCheck;
        }
        Username signedIn = session.getUsername();
        Optional<Username> tokenOwner = tokenOwner(saslConfiguration, initialResponse);
        if (tokenOwner.isEmpty()) {
            // Cannot happen once James accepted the token; if it did, the device policy could not be applied.
            LOGGER.error("CLIENTID policy: no '{}' claim in a token James accepted for account {}", saslConfiguration.getClaim(),
                LogText.quoted(signedIn.asString()));
            undoSignIn(session, relayingBefore);
            return refuseSasl(session, saslConfiguration, false);
        }
        List<Username> accounts = tokenOwner.filter(owner -> !owner.equals(signedIn))
            .map(owner -> ImmutableList.of(owner, signedIn))
            .orElse(ImmutableList.of(signedIn));
        String mechanism = mechanism(initialResponse);
        HookResult result = applyDecision(session, accounts.get(accounts.size() - 1), decideForAll(session, accounts, mechanism), true,
            credentialCheck, relayingBefore);
        // Not the 535 of PLAIN and LOGIN: AuthCmdHandler would skip it and let the next hook sign the device in.
        if (result == INVALID_CREDENTIALS || result == INVALID_CREDENTIALS_AND_DISCONNECT) {
            return refuseSasl(session, saslConfiguration, result == INVALID_CREDENTIALS_AND_DISCONNECT);
        }
        return result;
    }

    /**
     * OAUTHBEARER starts with an RFC 5801 GS2 header ({@code n,}, {@code y,} or {@code p=}); XOAUTH2 with
     * {@code user=}. Only recorded (sign-ins without CLIENTID), never trusted for a decision.
     */
    private static String mechanism(String initialResponse) {
        try {
            String decoded = new String(Base64.getDecoder().decode(initialResponse.trim()), StandardCharsets.UTF_8);
            return decoded.startsWith("n,") || decoded.startsWith("y,") || decoded.startsWith("p=") ? OAUTHBEARER : XOAUTH2;
        } catch (IllegalArgumentException e) {
            return XOAUTH2;
        }
    }

    /**
     * The account named by the token's claim. Only called once James verified this very token (signature, and the
     * introspection or userinfo endpoint where configured), so its payload is read without checking it again.
     */
    private static Optional<Username> tokenOwner(OidcSASLConfiguration saslConfiguration, String initialResponse) {
        return OIDCSASLParser.parse(initialResponse)
            .flatMap(response -> claim(response.getToken(), saslConfiguration.getClaim()))
            .map(Username::of);
    }

    private static Optional<String> claim(String jwt, String claimName) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode claim = JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path(claimName);
            return Optional.of(claim).filter(JsonNode::isTextual).map(JsonNode::asText);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Each account's decision in turn, stopping at the first that does not allow: a device refused on the token's
     * own account never reaches the account it would act as.
     */
    private PolicyDecision decideForAll(SMTPSession session, List<Username> accounts, String mechanism) {
        PolicyDecision decision = null;
        for (Username account : accounts) {
            decision = decide(session, account, true, mechanism);
            if (!decision.isAllowed()) {
                return decision;
            }
        }
        return decision;
    }

    /**
     * What AuthCmdHandler.failSasl answers to an invalid token: a 334 carrying the RFC 7628 error, then, whatever the
     * client's next line, 535 (501 when it cancels with "*").
     */
    private static HookResult refuseSasl(SMTPSession session, OidcSASLConfiguration saslConfiguration, boolean disconnect) {
        String error = String.format("{\"status\":\"invalid_token\",\"scope\":\"%s\",\"schemes\":\"%s\"}",
            saslConfiguration.getScope(),
            saslConfiguration.getOidcConfigurationURL().toString());
        session.pushLineHandler((failedSession, line) -> {
            failedSession.popLineHandler();
            boolean cancelled = new String(line, failedSession.getCharset()).equals(SASL_CANCEL_LINE);
            if (disconnect) {
                return cancelled ? SASL_AUTH_ABORTED_AND_DISCONNECT : SASL_AUTH_FAILED_AND_DISCONNECT;
            }
            return cancelled ? SASL_AUTH_ABORTED : SASL_AUTH_FAILED;
        });
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(SASL_CHALLENGE)
            // The platform charset, as failSasl does.
            .smtpDescription(Base64.getEncoder().encodeToString(error.getBytes()))
            .build();
    }

    private static Response endingSession(Response response) {
        SMTPResponse ending = new SMTPResponse(response.getRetCode(), response.getLines().get(0).toString().substring(4));
        ending.setEndSession(true);
        return ending.immutable();
    }

    private HookResult applyPolicy(SMTPSession session, Username username, HookResult credentialCheck, boolean relayingBefore) {
        boolean passwordValid = isOk(credentialCheck);
        return applyDecision(session, username, decide(session, username, passwordValid, AuthAttempt.PASSWORD_MECHANISM), passwordValid,
            credentialCheck, relayingBefore);
    }

    private HookResult applyDecision(SMTPSession session, Username username, PolicyDecision decision, boolean passwordValid,
                                     HookResult credentialCheck, boolean relayingBefore) {
        if (decision.isAllowed() && passwordValid) {
            return credentialCheck;
        }
        if (decision.getOutcome() == PolicyDecision.Outcome.TEMPFAIL) {
            undoSignIn(session, relayingBefore);
            return TEMPORARY_FAILURE;
        }
        FailedAuths afterThis = failedAuths(session).with(ClientIdState.presentedClientId(session), username);
        session.setAttachment(FAILED_AUTHS, afterThis, ProtocolSession.State.Connection);
        if (passwordValid && configuration.getRejectionStage() == RejectionStage.MAIL) {
            session.setAttachment(DENIED_AFTER_AUTH, decision, ProtocolSession.State.Connection);
            return credentialCheck;
        }
        undoSignIn(session, relayingBefore);
        if (afterThis.count() >= configuration.getMaxFailedAuthPerConnection()) {
            return INVALID_CREDENTIALS_AND_DISCONNECT;
        }
        return INVALID_CREDENTIALS;
    }

    private static FailedAuths failedAuths(SMTPSession session) {
        return session.getAttachment(FAILED_AUTHS, ProtocolSession.State.Connection).orElse(FailedAuths.NONE);
    }

    /**
     * The credential check signed the user in: undo it, the device says no.
     */
    private static void undoSignIn(SMTPSession session, boolean relayingBefore) {
        session.setUsername(null);
        session.setRelayingAllowed(relayingBefore);
    }

    private PolicyDecision decide(SMTPSession session, Username username, boolean passwordValid, String mechanism) {
        Optional<ClientId> clientId = ClientIdState.presentedClientId(session);
        AuthAttempt attempt = AuthAttempt.builder()
            .protocol(Protocol.SMTP)
            .mechanism(mechanism)
            .username(username)
            .clientId(clientId)
            .passwordValid(passwordValid)
            .remoteIp(Optional.ofNullable(session.getRemoteAddress()).map(address -> address.getAddress().getHostAddress()))
            .at(clock.instant())
            .clientName(session.getAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection))
            // A client retrying the same credentials with another mechanism (PLAIN, then LOGIN) counts once.
            .failureCountedOnConnection(failedAuths(session).counted(clientId, username))
            .build();
        try {
            return Optional.ofNullable(engine.decide(attempt).block())
                .orElseThrow(() -> new IllegalStateException("The CLIENTID policy engine gave no decision"));
        } catch (RuntimeException e) {
            // Never a stack trace to the client: a transient failure it may retry.
            LOGGER.error("CLIENTID policy failed for account {}", LogText.quoted(username.asString()), e);
            return PolicyDecision.tempfail(PolicyDecision.Reason.STORE_UNAVAILABLE, Optional.empty());
        }
    }

    private static boolean isOk(HookResult result) {
        return result.getResult().getAction() == HookReturnCode.Action.OK;
    }
}
