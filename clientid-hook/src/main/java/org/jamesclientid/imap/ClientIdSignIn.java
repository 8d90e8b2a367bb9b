package org.jamesclientid.imap;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.BadCredentialsException;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.util.MDCBuilder;
import org.jamesclientid.core.LogText;
import org.jamesclientid.core.Protocol;
import org.jamesclientid.policy.AuthAttempt;
import org.jamesclientid.policy.ClientIdPolicyEngine;
import org.jamesclientid.policy.PolicyDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

/**
 * IMAP sign-in with the device as a second factor: James' own password check, then the CLIENTID policy whatever the
 * password outcome (the same engine, store and device ids as SMTP AUTH), then James' own success or failure steps.
 *
 * <p>A refused device gets exactly James' wrong-password reply and counts toward James' failure limit (I15); a
 * store that cannot answer in a strict mode gives {@code NO [UNAVAILABLE]} (RFC 5530), which counts as no failure.
 * This is the only IMAP class that asks the policy engine.</p>
 */
public class ClientIdSignIn {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdSignIn.class);

    /**
     * The steps of James' sign-in that only a subclass of its processors may take.
     */
    interface JamesSteps {
        void provisionInbox(ImapSession session, MailboxSession mailboxSession) throws MailboxException;

        /** James' failure count: its own NO, or BYE and logout at the limit. */
        void countFailure(ImapSession session, ImapRequest request, Responder responder, HumanReadableText failed);

        /** James' delegated sign-in, with its own replies for a forbidden or unknown delegate. */
        void signInWithDelegation(DelegatedSession delegatedSession, ImapSession session, ImapRequest request, Responder responder);
    }

    @FunctionalInterface
    interface DelegatedSession {
        MailboxSession get() throws MailboxException;
    }

    private final MailboxManager mailboxManager;
    private final StatusResponseFactory factory;
    private final ClientIdPolicyEngine engine;
    private final OpenImapSessions openSessions;
    private final Clock clock;

    @Inject
    public ClientIdSignIn(MailboxManager mailboxManager, StatusResponseFactory factory, ClientIdPolicyEngine engine,
                          OpenImapSessions openSessions, Clock clock) {
        this.mailboxManager = mailboxManager;
        this.factory = factory;
        this.engine = engine;
        this.openSessions = openSessions;
        this.clock = clock;
    }

    /**
     * @param authenticationId whose password is given, and whose device is judged; null when the client's
     *                         credentials could not be read (James counts a failure)
     * @param authorizationId the account to act as, when another than {@code authenticationId} (SASL PLAIN
     *                        authorization identity)
     */
    void signIn(Username authenticationId, String password, Optional<Username> authorizationId,
                ImapSession session, ImapRequest request, Responder responder, HumanReadableText failed,
                JamesSteps james) throws MailboxException {
        if (authenticationId == null) {
            james.countFailure(session, request, responder, failed);
            return;
        }
        Optional<MailboxSession> ownSession = checkPassword(authenticationId, password);
        PolicyDecision decision = decide(session, authenticationId, ownSession.isPresent(), AuthAttempt.PASSWORD_MECHANISM);
        if (decision.getOutcome() == PolicyDecision.Outcome.TEMPFAIL) {
            responder.respond(UnavailableResponse.of(request.getTag(), request.getCommand()));
            responder.flush();
            return;
        }
        if (ownSession.isEmpty() || !decision.isAllowed()) {
            james.countFailure(session, request, responder, failed);
            return;
        }
        if (authorizationId.isPresent()) {
            // The password is proven: James' delegation step without checking it again.
            james.signInWithDelegation(() -> mailboxManager.authenticate(authenticationId).as(authorizationId.get()),
                session, request, responder);
            trackIfSignedIn(session, ImmutableList.of(authenticationId, authorizationId.get()), decision);
            return;
        }
        // AbstractAuthProcessor.doAuth's success steps.
        MailboxSession mailboxSession = ownSession.get();
        session.authenticated();
        session.setMailboxSession(mailboxSession);
        james.provisionInbox(session, mailboxSession);
        responder.respond(factory.taggedOk(request.getTag(), request.getCommand(), HumanReadableText.COMPLETED));
        responder.flush();
        session.stopDetectingCommandInjection();
        trackIfSignedIn(session, ImmutableList.of(authenticationId), decision);
    }

    /**
     * OAUTHBEARER / XOAUTH2, once James has verified the token and, when the token's owner acts as another account,
     * the delegation (as on the SMTP side): the device policy on each account in turn, the token's owner first, so a
     * device refused on its own account never reaches the account it would act as. A refusal gets what James answers
     * to an invalid token and counts toward its failure limit; {@code jamesSuccess} is James' own success step.
     *
     * @param accounts the token's owner, then the account acted as when it is another one
     */
    void signInWithToken(List<Username> accounts, String mechanism, ImapSession session, ImapRequest request, Responder responder,
                         JamesSteps james, Runnable jamesSuccess) {
        Preconditions.checkArgument(!accounts.isEmpty(), "'accounts' must name the token's owner");
        PolicyDecision decision = null;
        for (Username account : accounts) {
            decision = decide(session, account, true, mechanism);
            if (!decision.isAllowed()) {
                break;
            }
        }
        if (decision.getOutcome() == PolicyDecision.Outcome.TEMPFAIL) {
            responder.respond(UnavailableResponse.of(request.getTag(), request.getCommand()));
            responder.flush();
            return;
        }
        if (!decision.isAllowed()) {
            james.countFailure(session, request, responder, HumanReadableText.AUTHENTICATION_FAILED);
            return;
        }
        jamesSuccess.run();
        trackIfSignedIn(session, accounts, decision);
    }

    /**
     * A session signed in with a device ends when an administrator revokes or blocks that device (OpenImapSessions).
     * James' delegation may still have refused the sign-in: only a session now authenticated is tracked.
     */
    private void trackIfSignedIn(ImapSession session, List<Username> accounts, PolicyDecision decision) {
        if (session.getState() == ImapSessionState.AUTHENTICATED) {
            decision.getDeviceId().ifPresent(deviceId -> openSessions.signedIn(session, accounts, deviceId));
        }
    }

    /**
     * The client's address while James processes an IMAP command: its {@code ImapSession} does not expose it, but
     * James puts it in the logging context of every command (IMAPMDCContext), not of continuation lines.
     */
    static Optional<String> clientAddressOfCurrentCommand() {
        return Optional.ofNullable(MDC.get(MDCBuilder.IP));
    }

    private Optional<MailboxSession> checkPassword(Username authenticationId, String password) throws MailboxException {
        try {
            return Optional.of(mailboxManager.authenticate(authenticationId, password).withoutDelegation());
        } catch (BadCredentialsException e) {
            return Optional.empty();
        }
    }

    private PolicyDecision decide(ImapSession session, Username username, boolean passwordValid, String mechanism) {
        AuthAttempt attempt = AuthAttempt.builder()
            .protocol(Protocol.IMAP)
            .mechanism(mechanism)
            .username(username)
            .clientId(ImapClientIdState.presentedClientId(session))
            .passwordValid(passwordValid)
            .remoteIp(ImapClientIdState.current(session).getClientAddress())
            .at(clock.instant())
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
}
