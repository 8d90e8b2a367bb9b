package org.jamesclientid.alert;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Username;

import reactor.core.publisher.Mono;

/**
 * Keeps what would be appended to each INBOX, parsed back as a mail client would read it.
 */
public class RecordingNoticeMailbox implements NoticeMailbox {
    public static final class Appended {
        public final Username owner;
        public final MimeMessage message;

        Appended(Username owner, MimeMessage message) {
            this.owner = owner;
            this.message = message;
        }

        public String subject() throws MessagingException {
            return message.getSubject();
        }

        public String body() throws Exception {
            return message.getContent().toString();
        }
    }

    private final List<Appended> appended = new CopyOnWriteArrayList<>();

    @Override
    public Mono<Void> appendToInbox(Username owner, byte[] message) {
        return Mono.fromRunnable(() -> {
            try {
                appended.add(new Appended(owner, new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message))));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public List<Appended> appended() {
        return appended;
    }
}
