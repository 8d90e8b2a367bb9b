package org.jamesclientid.imap;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.AuthenticateRequest;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.metrics.api.MetricFactory;
import org.jamesclientid.policy.AuthAttempt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

/**
 * James' {@code AUTHENTICATE PLAIN} (with or without SASL-IR, with or without an authorization identity), with the
 * device policy of {@link ClientIdSignIn} between the password check and the session; and James' {@code OAUTHBEARER}
 * and {@code XOAUTH2} (where imapserver.xml has {@code <auth><oidc>}), with the device policy between James' token
 * check and the session. Replaces
 * {@link AuthenticateProcessor} in {@link ClientIdImapPackage}: James allows one processor per request type.
 *
 * <p>Not a Guice singleton, unlike James' own: each {@code <imapserver>} gets its own instance.</p>
 */
public class ClientIdAuthenticateProcessor extends AuthenticateProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdAuthenticateProcessor.class);

    private final ClientIdSignIn signIn;
    private final ClientIdSignIn.JamesSteps jamesSteps = new ClientIdSignIn.JamesSteps() {
        @Override
        public void provisionInbox(ImapSession session, MailboxSession mailboxSession) throws MailboxException {
            ClientIdAuthenticateProcessor.this.provisionInbox(session, getMailboxManager(), mailboxSession);
        }

        @Override
        public void countFailure(ImapSession session, ImapRequest request, Responder responder, HumanReadableText failed) {
            manageFailureCount(session, request, responder, failed);
        }

        @Override
        public void signInWithDelegation(ClientIdSignIn.DelegatedSession delegatedSession, ImapSession session, ImapRequest request, Responder responder) {
            ClientIdAuthenticateProcessor.super.doAuthWithDelegation(delegatedSession::get, session, request, responder);
        }
    };

    @Inject
    public ClientIdAuthenticateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                         ClientIdSignIn signIn) {
        super(mailboxManager, factory, metricFactory);
        this.signIn = signIn;
    }

    @Override
    protected void processRequest(AuthenticateRequest request, ImapSession session, Responder responder) {
        ImapClientIdState.recordAuthenticationAttempt(session, ClientIdSignIn.clientAddressOfCurrentCommand());
        super.processRequest(request, session, responder);
    }

    @Override
    protected void doAuth(AuthenticationAttempt authenticationAttempt, ImapSession session, ImapRequest request,
                          Responder responder, HumanReadableText failed) {
        Preconditions.checkArgument(!authenticationAttempt.isDelegation());
        signIn(authenticationAttempt.getAuthenticationId(), authenticationAttempt.getPassword(), Optional.empty(),
            session, request, responder, failed);
    }

    /**
     * PLAIN with an authorization identity: the device of the authentication identity (whose password it is) is
     * judged before James looks at the delegation, so a refused device learns nothing about the other account.
     */
    @Override
    protected void doAuthWithDelegation(AuthenticationAttempt authenticationAttempt, ImapSession session, ImapRequest request,
                                        Responder responder) {
        Preconditions.checkArgument(authenticationAttempt.isDelegation());
        signIn(authenticationAttempt.getAuthenticationId(), authenticationAttempt.getPassword(), authenticationAttempt.getDelegateUserName(),
            session, request, responder, HumanReadableText.AUTHENTICATION_FAILED);
    }

    /**
     * OAUTHBEARER / XOAUTH2 without delegation: James calls this once it has verified the token (its {@code doOAuth}
     * is the only caller), and it signs the token's owner in. The device policy decides first.
     */
    @Override
    protected void authSuccess(Username username, ImapSession session, ImapRequest request, Responder responder) {
        signIn.signInWithToken(ImmutableList.of(username), mechanism(request), session, request, responder, jamesSteps,
            () -> super.authSuccess(username, session, request, responder));
    }

    /**
     * OAUTHBEARER / XOAUTH2 with a token acting as another account: James' {@code doOAuth} is the only caller (PLAIN's
     * delegation goes through {@link ClientIdSignIn} and James' own method). James' delegation check runs first, with
     * its own replies, as on the SMTP side; then the device policy on the token's owner and on the account acted as.
     */
    @Override
    protected void doAuthWithDelegation(MailboxSessionAuthWithDelegationSupplier mailboxSessionSupplier, ImapSession session,
                                        ImapRequest request, Responder responder) {
        MailboxSession delegated;
        try {
            delegated = mailboxSessionSupplier.get();
        } catch (MailboxException e) {
            super.doAuthWithDelegation(() -> {
                throw e;
            }, session, request, responder);
            return;
        }
        ImmutableList<Username> accounts = Stream.concat(delegated.getLoggedInUser().stream(), Stream.of(delegated.getUser()))
            .distinct()
            .collect(ImmutableList.toImmutableList());
        signIn.signInWithToken(accounts, mechanism(request), session, request, responder, jamesSteps,
            () -> super.doAuthWithDelegation(() -> delegated, session, request, responder));
    }

    private static String mechanism(ImapRequest request) {
        if (request instanceof AuthenticateRequest) {
            return ((AuthenticateRequest) request).getAuthType().toUpperCase(Locale.US);
        }
        return AuthAttempt.PASSWORD_MECHANISM;
    }

    private void signIn(Username authenticationId, String password, Optional<Username> authorizationId,
                        ImapSession session, ImapRequest request, Responder responder, HumanReadableText failed) {
        try {
            signIn.signIn(authenticationId, password, authorizationId, session, request, responder, failed, jamesSteps);
        } catch (MailboxException e) {
            // As AbstractAuthProcessor.doAuth.
            LOGGER.error("Error encountered while login", e);
            no(request, responder, HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING);
            responder.flush();
        }
    }
}
