package org.jamesclientid.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.LoginRequest;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Preconditions;

/**
 * James' {@code LOGIN}, with the device policy of {@link ClientIdSignIn} between the password check and the session.
 * Replaces {@link LoginProcessor} in {@link ClientIdImapPackage}: James allows one processor per request type.
 */
public class ClientIdLoginProcessor extends LoginProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdLoginProcessor.class);

    private final ClientIdSignIn signIn;
    private final ClientIdSignIn.JamesSteps jamesSteps = new ClientIdSignIn.JamesSteps() {
        @Override
        public void provisionInbox(ImapSession session, MailboxSession mailboxSession) throws MailboxException {
            ClientIdLoginProcessor.this.provisionInbox(session, getMailboxManager(), mailboxSession);
        }

        @Override
        public void countFailure(ImapSession session, ImapRequest request, Responder responder, HumanReadableText failed) {
            manageFailureCount(session, request, responder, failed);
        }

        @Override
        public void signInWithDelegation(ClientIdSignIn.DelegatedSession delegatedSession, ImapSession session, ImapRequest request, Responder responder) {
            doAuthWithDelegation(delegatedSession::get, session, request, responder);
        }
    };

    @Inject
    public ClientIdLoginProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                  ClientIdSignIn signIn) {
        super(mailboxManager, factory, metricFactory);
        this.signIn = signIn;
    }

    @Override
    protected void processRequest(LoginRequest request, ImapSession session, Responder responder) {
        ImapClientIdState.recordAuthenticationAttempt(session, ClientIdSignIn.clientAddressOfCurrentCommand());
        super.processRequest(request, session, responder);
    }

    @Override
    protected void doAuth(AuthenticationAttempt authenticationAttempt, ImapSession session, ImapRequest request,
                          Responder responder, HumanReadableText failed) {
        Preconditions.checkArgument(!authenticationAttempt.isDelegation());
        try {
            signIn.signIn(authenticationAttempt.getAuthenticationId(), authenticationAttempt.getPassword(), Optional.empty(),
                session, request, responder, failed, jamesSteps);
        } catch (MailboxException e) {
            // As AbstractAuthProcessor.doAuth.
            LOGGER.error("Error encountered while login", e);
            no(request, responder, HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING);
            responder.flush();
        }
    }
}
