package org.jamesclientid.alert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.MailetContext;
import org.jamesclientid.core.LogText;
import org.jamesclientid.policy.Alert;
import org.jamesclientid.policy.AlertListener;
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

    @Inject
    public MailboxNoticeAlertListener(UsersRepository usersRepository, NoticeMailbox noticeMailbox, NoticeLimits noticeLimits,
                                      MailetContext mailetContext) {
        this.usersRepository = usersRepository;
        this.noticeMailbox = noticeMailbox;
        this.noticeLimits = noticeLimits;
        this.mailetContext = mailetContext;
    }

    @Override
    public Mono<Void> onAlert(Alert alert) {
        Optional<Notice> notice = Notice.about(alert);
        if (!alert.isUserLog() || notice.isEmpty()) {
            return Mono.empty();
        }
        deliver(alert, notice.get())
            .subscribeOn(Schedulers.boundedElastic())
            .subscribe(ignored -> { },
                error -> LOGGER.warn("Could not write the CLIENTID {} notice for account {}", alert.getKind(), LogText.quoted(alert.getUsername().asString()), error));
        return Mono.empty();
    }

    /**
     * Only accounts of this server, within the limits; completes when the notice is in the INBOX or was not due.
     */
    Mono<Void> deliver(Alert alert, Notice notice) {
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
                                return append(owner, notice);
                            case DIGEST:
                                return append(owner, digest(alert));
                            default:
                                return Mono.empty();
                        }
                    });
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

    private Mono<Void> append(Username owner, Notice notice) {
        return Mono.fromCallable(() -> message(owner, notice.getSubject(), notice.getBody()))
            .flatMap(message -> noticeMailbox.appendToInbox(owner, message));
    }

    private byte[] message(Username owner, String subject, String body) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(mailetContext.getPostmaster().asString()));
        // A header only: the notice is appended to this account's INBOX, never sent to this address.
        message.setHeader("To", owner.asString());
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new Date());
        message.setText(body, "UTF-8");
        message.saveChanges();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return bytes.toByteArray();
    }
}
