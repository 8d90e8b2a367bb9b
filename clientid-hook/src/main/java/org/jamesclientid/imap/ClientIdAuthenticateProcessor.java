package org.jamesclientid.imap;

import java.util.Optional;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Preconditions;

/**
 * James' {@code AUTHENTICATE PLAIN} (with or without SASL-IR, with or without an authorization identity), with the
 * device policy of {@link ClientIdSignIn} between the password check and the session. Replaces
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
