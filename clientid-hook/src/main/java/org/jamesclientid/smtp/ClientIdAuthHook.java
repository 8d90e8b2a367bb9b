package org.jamesclientid.smtp;

import java.time.Clock;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.UsersRepositoryAuthHook;
import org.jamesclientid.core.Protocol;
import org.jamesclientid.policy.AuthAttempt;
import org.jamesclientid.policy.ClientIdPolicyConfiguration;
import org.jamesclientid.policy.ClientIdPolicyEngine;
import org.jamesclientid.policy.PolicyDecision;
import org.jamesclientid.policy.RejectionStage;
import org.jamesclientid.core.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AUTH with the device as a second factor: James' own credential check, then the CLIENTID policy, whatever the
 * password outcome (so neither the reply nor the store round trips tell an attacker which part failed).
 *
 * <p>Listed before James' core handlers, it answers every AUTH it sees: a wrong password and a refused device get
 * the same {@code 535 5.7.8} line (draft section 6.1: generic rejections). With {@code clientid.rejection.stage=mail}
 * a refused device with a valid password is let through AUTH and refused at MAIL FROM by {@link ClientIdMailHook}
 * (the draft's example 7.3).</p>
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
     * OAUTHBEARER / XOAUTH2: the token is checked by James; the device policy applies to the user it names. A
     * refused token is left to James' own SASL failure dialog.
     */
    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration saslConfiguration, String initialResponse) {
        boolean relayingBefore = session.isRelayingAllowed();
        HookResult credentialCheck = credentials.doSasl(session, saslConfiguration, initialResponse);
        if (!isOk(credentialCheck)) {
            return credentialCheck;
        }
        return applyPolicy(session, session.getUsername(), credentialCheck, relayingBefore);
    }

    private HookResult applyPolicy(SMTPSession session, Username username, HookResult credentialCheck, boolean relayingBefore) {
        boolean passwordValid = isOk(credentialCheck);
        FailedAuths failedAuths = session.getAttachment(FAILED_AUTHS, ProtocolSession.State.Connection).orElse(FailedAuths.NONE);
        Optional<ClientId> clientId = ClientIdState.presentedClientId(session);
        PolicyDecision decision = decide(session, username, passwordValid, clientId, failedAuths.counted(clientId, username));
        if (decision.isAllowed() && passwordValid) {
            return credentialCheck;
        }
        if (decision.getOutcome() == PolicyDecision.Outcome.TEMPFAIL) {
            undoSignIn(session, relayingBefore);
            return TEMPORARY_FAILURE;
        }
        FailedAuths afterThis = failedAuths.with(clientId, username);
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

    /**
     * The credential check signed the user in: undo it, the device says no.
     */
    private static void undoSignIn(SMTPSession session, boolean relayingBefore) {
        session.setUsername(null);
        session.setRelayingAllowed(relayingBefore);
    }

    private PolicyDecision decide(SMTPSession session, Username username, boolean passwordValid, Optional<ClientId> clientId,
                                  boolean failureCountedOnConnection) {
        AuthAttempt attempt = AuthAttempt.builder()
            .protocol(Protocol.SMTP)
            .username(username)
            .clientId(clientId)
            .passwordValid(passwordValid)
            .remoteIp(Optional.ofNullable(session.getRemoteAddress()).map(address -> address.getAddress().getHostAddress()))
            .at(clock.instant())
            .failureCountedOnConnection(failureCountedOnConnection)
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
