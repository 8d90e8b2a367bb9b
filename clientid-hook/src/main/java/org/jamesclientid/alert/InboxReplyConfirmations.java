package org.jamesclientid.alert;

import java.time.Instant;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.mailet.MailetContext;
import org.jamesclientid.device.Device;
import org.jamesclientid.reply.ReplyAction;
import org.jamesclientid.reply.ReplyConfirmations;

import reactor.core.publisher.Mono;

/**
 * The confirmation of a reply, appended to the owner's INBOX as the notices are: from the postmaster, no reply
 * address of its own.
 */
public class InboxReplyConfirmations implements ReplyConfirmations {
    private final NoticeMailbox noticeMailbox;
    private final MailetContext mailetContext;

    @Inject
    public InboxReplyConfirmations(NoticeMailbox noticeMailbox, MailetContext mailetContext) {
        this.noticeMailbox = noticeMailbox;
        this.mailetContext = mailetContext;
    }

    @Override
    public Mono<Void> confirm(Username owner, Device device, ReplyAction action, Instant at) {
        Notice confirmation = Notice.replyConfirmation(owner, device, action, at);
        return Mono.fromCallable(() -> NoticeMessage.bytes(mailetContext.getPostmaster(), owner, confirmation, Optional.empty()))
            .flatMap(message -> noticeMailbox.appendToInbox(owner, message));
    }
}
