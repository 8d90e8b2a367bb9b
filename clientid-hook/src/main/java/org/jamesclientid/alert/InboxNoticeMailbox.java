package org.jamesclientid.alert;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxPath;

import reactor.core.publisher.Mono;

/**
 * Appends a notice to the owner's INBOX through James' {@link MailboxManager} with a system session, as James' own
 * local delivery does (MailboxAppenderImpl), but without the mailet container: no recipient rewrite, forward, Sieve
 * rule or relay sees the notice, so it cannot be carried to another address.
 */
public class InboxNoticeMailbox implements NoticeMailbox {
    private final MailboxManager mailboxManager;

    @Inject
    public InboxNoticeMailbox(MailboxManager mailboxManager) {
        this.mailboxManager = mailboxManager;
    }

    @Override
    public Mono<Void> appendToInbox(Username owner, byte[] message) {
        return Mono.using(
            () -> {
                MailboxSession session = mailboxManager.createSystemSession(owner);
                mailboxManager.startProcessingRequest(session);
                return session;
            },
            session -> inbox(session)
                .flatMap(inbox -> Mono.from(inbox.appendMessageReactive(MessageManager.AppendCommand.builder()
                    .recent()
                    .delivery()
                    .build(message), session)))
                .then(),
            mailboxManager::endProcessingRequest);
    }

    private Mono<MessageManager> inbox(MailboxSession session) {
        MailboxPath inbox = MailboxPath.inbox(session);
        return Mono.from(mailboxManager.getMailboxReactive(inbox, session))
            .onErrorResume(MailboxNotFoundException.class, notFound ->
                Mono.from(mailboxManager.createMailboxReactive(inbox, MailboxManager.CreateOption.CREATE_SUBSCRIPTION, session))
                    .then(Mono.from(mailboxManager.getMailboxReactive(inbox, session)))
                    .onErrorResume(MailboxExistsException.class, createdConcurrently -> Mono.from(mailboxManager.getMailboxReactive(inbox, session))));
    }
}
