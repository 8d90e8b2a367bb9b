package org.jamesclientid.alert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;

/**
 * The RFC 5322 bytes of a notice, as appended to the owner's INBOX.
 */
public final class NoticeMessage {
    /**
     * @param replyTo where a plain reply goes: a reply address of the notice, when it offers one
     */
    public static byte[] bytes(MailAddress from, Username owner, Notice notice, Optional<String> replyTo) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from.asString()));
        // A header only: the notice is appended to this account's INBOX, never sent to this address.
        message.setHeader("To", owner.asString());
        if (replyTo.isPresent()) {
            message.setReplyTo(new InternetAddress[] {new InternetAddress(replyTo.get())});
        }
        message.setSubject(notice.getSubject(), "UTF-8");
        message.setSentDate(new Date());
        message.setText(notice.getBody(), "UTF-8");
        message.saveChanges();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return bytes.toByteArray();
    }

    private NoticeMessage() {
    }
}
