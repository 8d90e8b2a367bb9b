package org.jamesclientid.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import com.google.common.collect.ImmutableList;

/**
 * First mailet of the root processor in tests that must see every mail entering James' mail processing: it records
 * the recipients and lets the mail go on.
 */
public class RecordingMailet extends GenericMailet {
    private static final List<MailAddress> RECIPIENTS = new CopyOnWriteArrayList<>();

    /**
     * Edits the shipped mailetcontainer.xml to put this mailet first in the root processor.
     */
    public static String first(String mailetContainerXml) {
        String root = "<processor state=\"root\" enableJmx=\"false\">";
        if (!mailetContainerXml.contains(root)) {
            throw new IllegalStateException("The root processor of mailetcontainer.xml was not found");
        }
        return mailetContainerXml.replace(root, root + "\n<mailet match=\"All\" class=\"" + RecordingMailet.class.getName() + "\"/>");
    }

    public static List<MailAddress> recipients() {
        return ImmutableList.copyOf(RECIPIENTS);
    }

    @Override
    public void service(Mail mail) {
        RECIPIENTS.addAll(mail.getRecipients());
    }
}
