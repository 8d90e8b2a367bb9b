package org.jamesclientid.alert;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Properties;

import javax.inject.Inject;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.jamesclientid.policy.Alert;
import org.jamesclientid.policy.AlertListener;
import org.jamesclientid.core.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Mails the account owner a sign-in notice, like large mail providers do: "a new device signed in", "a sign-in
 * from an unknown device was refused". The notice goes through James' own mail processing to the user's mailbox.
 *
 * <p>Sent in the background: a slow spool never delays an AUTH reply. Only alerts whose type is flagged
 * {@code user-log} reach the user.</p>
 */
public class MailboxNoticeAlertListener implements AlertListener {
    private static final Logger LOGGER = LoggerFactory.getLogger(MailboxNoticeAlertListener.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

    private final MailetContext mailetContext;

    @Inject
    public MailboxNoticeAlertListener(MailetContext mailetContext) {
        this.mailetContext = mailetContext;
    }

    @Override
    public Mono<Void> onAlert(Alert alert) {
        Optional<String> subject = subject(alert.getKind());
        if (!alert.isUserLog() || subject.isEmpty()) {
            return Mono.empty();
        }
        Optional<MailAddress> owner = mailAddressOf(alert);
        if (owner.isEmpty()) {
            return Mono.empty();
        }
        Mono.fromRunnable(() -> send(owner.get(), subject.get(), alert))
            .subscribeOn(Schedulers.boundedElastic())
            .subscribe(ignored -> { },
                error -> LOGGER.warn("Could not mail the CLIENTID {} notice for account {}", alert.getKind(), LogText.quoted(alert.getUsername().asString()), error));
        return Mono.empty();
    }

    private static Optional<MailAddress> mailAddressOf(Alert alert) {
        if (alert.getUsername().getDomainPart().isEmpty()) {
            LOGGER.debug("Account {} has no mail address: no CLIENTID notice mailed", LogText.quoted(alert.getUsername().asString()));
            return Optional.empty();
        }
        try {
            return Optional.of(alert.getUsername().asMailAddress());
        } catch (AddressException e) {
            LOGGER.debug("Account {} has no mail address: no CLIENTID notice mailed", LogText.quoted(alert.getUsername().asString()));
            return Optional.empty();
        }
    }

    static Optional<String> subject(Alert.Kind kind) {
        switch (kind) {
            case NEW_DEVICE:
                return Optional.of("New device signed in to your account");
            case DEVICE_DENIED:
                return Optional.of("Sign-in from an unrecognised device was refused");
            case DEVICE_BLOCKED:
                return Optional.of("A device was blocked from your account");
            default:
                return Optional.empty();
        }
    }

    static String body(Alert alert) {
        return "Hello,\n\n"
            + describe(alert.getKind()) + "\n\n"
            // Type, hint and username are the client's text: escaped so that none can add lines to the notice.
            + "  Account:   " + LogText.escaped(alert.getUsername().asString()) + "\n"
            + "  Device:    " + LogText.escaped(alert.getType()) + " " + LogText.escaped(alert.getHint()) + " (id " + alert.getDeviceId().asString() + ")\n"
            + "  Address:   " + alert.getIp().orElse("unknown") + "\n"
            + "  Time:      " + TIME.format(alert.getAt()) + "\n\n"
            + "If this was you, nothing needs to be done.\n"
            + "If it was not, change your password now and ask your administrator to revoke this device.\n";
    }

    private static String describe(Alert.Kind kind) {
        switch (kind) {
            case NEW_DEVICE:
                return "A device your account had not used before signed in to send mail.";
            case DEVICE_DENIED:
                return "Someone with your password tried to sign in from a device your account does not know. "
                    + "The sign-in was refused. An administrator can approve the device if it is yours.";
            case DEVICE_BLOCKED:
                return "A device was blocked after suspicious sign-in attempts on your account.";
            default:
                return kind.name();
        }
    }

    private void send(MailAddress owner, String subject, Alert alert) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress(mailetContext.getPostmaster().asString()));
            message.setRecipient(Message.RecipientType.TO, owner.toInternetAddress().orElseThrow());
            message.setSubject(subject, "UTF-8");
            message.setText(body(alert), "UTF-8");
            message.saveChanges();
            mailetContext.sendMail(mailetContext.getPostmaster(), ImmutableList.of(owner), message);
        } catch (MessagingException e) {
            throw new IllegalStateException("Could not build or spool the notice", e);
        }
    }
}
