package org.jamesclientid.alert;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.MailetContext;
import org.jamesclientid.core.LogText;
import org.jamesclientid.policy.Alert;
import org.jamesclientid.policy.AlertListener;
import org.jamesclientid.reply.DeviceReplies;
import org.jamesclientid.reply.ReplyAddress;
import org.jamesclientid.reply.ReplyAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Puts a sign-in notice in the account owner's INBOX, like large mail providers do: "a new device signed in", "a
 * sign-in from an unknown device was refused".
 *
 * <p>A notice is raised by whoever signs in, with whatever username they type: it is only for an account that exists
 * on this server ({@link UsersRepository}), never for a remote address or an unknown local part, and it is appended
 * to that account's INBOX ({@link NoticeMailbox}) instead of being sent through mail processing, where a rewrite,
 * forward, Sieve rule or relay could carry it anywhere. {@link NoticeLimits} bounds how many an account receives.</p>
 *
 * <p>Written in the background: a slow mailbox never delays an AUTH reply. Only alerts whose type is flagged
 * {@code user-log} reach the user.</p>
 */
public class MailboxNoticeAlertListener implements AlertListener {
    private static final Logger LOGGER = LoggerFactory.getLogger(MailboxNoticeAlertListener.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

    private final UsersRepository usersRepository;
    private final NoticeMailbox noticeMailbox;
    private final NoticeLimits noticeLimits;
    private final MailetContext mailetContext;
    private final DeviceReplies deviceReplies;

    @Inject
    public MailboxNoticeAlertListener(UsersRepository usersRepository, NoticeMailbox noticeMailbox, NoticeLimits noticeLimits,
                                      MailetContext mailetContext, DeviceReplies deviceReplies) {
        this.usersRepository = usersRepository;
        this.noticeMailbox = noticeMailbox;
        this.noticeLimits = noticeLimits;
        this.mailetContext = mailetContext;
        this.deviceReplies = deviceReplies;
    }

    @Override
    public Mono<Void> onAlert(Alert alert) {
        if (!alert.isUserLog() || Notice.about(alert).isEmpty()) {
            return Mono.empty();
        }
        deliver(alert)
            .subscribeOn(Schedulers.boundedElastic())
            .subscribe(ignored -> { },
                error -> LOGGER.warn("Could not write the CLIENTID {} notice for account {}", alert.getKind(), LogText.quoted(alert.getUsername().asString()), error));
        return Mono.empty();
    }

    /**
     * Only accounts of this server, within the limits; completes when the notice is in the INBOX or was not due. The
     * codes of its reply addresses are issued only for a notice that is written.
     */
    Mono<Void> deliver(Alert alert) {
        Username owner = alert.getUsername();
        return Mono.fromCallable(() -> usersRepository.contains(owner))
            .flatMap(exists -> {
                if (!exists) {
                    LOGGER.debug("No CLIENTID notice for {}: not an account of this server", LogText.quoted(owner.asString()));
                    return Mono.empty();
                }
                return noticeLimits.admit(owner, alert.getDeviceId(), alert.getKind(), alert.getAt())
                    .flatMap(verdict -> {
                        switch (verdict) {
                            case SEND:
                                return replyAddresses(alert)
                                    .flatMap(replies -> append(owner, Notice.about(alert, replies).orElseThrow(),
                                        replies.getRevoke().map(ReplyAddress::asString)));
                            case DIGEST:
                                return append(owner, digest(alert), Optional.empty());
                            default:
                                return Mono.empty();
                        }
                    });
            });
    }

    /**
     * A notice without reply addresses rather than none when their codes cannot be stored: the owner still hears of
     * the device.
     */
    private Mono<ReplyAddresses> replyAddresses(Alert alert) {
        return deviceReplies.addressesFor(alert)
            .onErrorResume(error -> {
                LOGGER.warn("Could not store the reply codes of the CLIENTID {} notice for account {}: written without them",
                    alert.getKind(), LogText.quoted(alert.getUsername().asString()), error);
                return Mono.just(ReplyAddresses.NONE);
            });
    }

    static final String DIGEST_SUBJECT = "More sign-in notices for your account were held back today";

    static Notice digest(Alert alert) {
        return Notice.of(DIGEST_SUBJECT, "Hello,\n\n"
            + "Your account " + LogText.escaped(alert.getUsername().asString()) + " received the most sign-in notices it gets in one day ("
            + TIME.format(alert.getAt()).substring(0, 10) + ", UTC). More sign-ins were refused or blocked today; "
            + "no further notice will be written before tomorrow (UTC).\n\n"
            + "So many refusals usually mean that someone is trying to sign in as you. Change your password and ask your "
            + "administrator which devices tried.\n");
    }

    private Mono<Void> append(Username owner, Notice notice, Optional<String> replyTo) {
        return Mono.fromCallable(() -> NoticeMessage.bytes(mailetContext.getPostmaster(), owner, notice, replyTo))
            .flatMap(message -> noticeMailbox.appendToInbox(owner, message));
    }
}
