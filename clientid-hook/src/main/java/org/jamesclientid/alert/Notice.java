package org.jamesclientid.alert;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.core.LogText;
import org.jamesclientid.device.Device;
import org.jamesclientid.policy.Alert;
import org.jamesclientid.reply.ReplyAction;
import org.jamesclientid.reply.ReplyAddresses;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * The text of a sign-in notice, one per alert kind an owner hears of: what happened, when, from which address, which
 * device in words the owner can match to their mail program, what happens next and what to do. Everything the
 * client chose (username, type, hint, EHLO name) is escaped so that it cannot add lines.
 */
public final class Notice {
    /** Where the user's guide is, in the distribution; operators publish it with their own help pages. */
    static final String GUIDE = "the CLIENTID user's guide (docs/users.md, ask your administrator where it is published)";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm 'UTC'", Locale.US)
        .withZone(ZoneOffset.UTC);

    public static Notice of(String subject, String body) {
        Preconditions.checkNotNull(subject, "'subject' is mandatory");
        Preconditions.checkNotNull(body, "'body' is mandatory");
        return new Notice(subject, body);
    }

    /**
     * Empty for alert kinds that owners do not hear of ({@code AUTH_FAILED}, {@code AUTH_SUCCEEDED}).
     */
    public static Optional<Notice> about(Alert alert) {
        return about(alert, ReplyAddresses.NONE);
    }

    /**
     * With the reply addresses the notice offers ({@link ReplyAddresses#NONE} for none): what they do and how to use
     * them is part of the text.
     */
    public static Optional<Notice> about(Alert alert, ReplyAddresses replies) {
        switch (alert.getKind()) {
            case NEW_DEVICE:
                return Optional.of(of("New device signed in to your account",
                    body(alert, "A device your account had not used before signed in with your password.",
                        "The device is now trusted: it can sign in to your account from now on.",
                        "If you recognise the device (where and when it signed in, the program below), nothing needs to be done. "
                            + "If you do not, someone else knows your password: change it now and "
                            + replies.getRevoke().map(revoke -> "revoke this device (below).").orElse("ask your administrator to revoke this device."),
                        replies)));
            case DEVICE_DENIED:
                return Optional.of(of("Sign-in from an unrecognised device was refused",
                    body(alert, "Someone signed in with your correct password from a device your account does not know. "
                            + "The sign-in was refused.",
                        "The device is recorded as waiting for approval. It is refused every time until "
                            + (replies.getApprove().isPresent() ? "you or an administrator approve" : "an administrator approves") + " it.",
                        ifYoursApprove(replies) + notYours(), replies)));
            case DEVICE_PENDING:
                return Optional.of(of("Sign-in from a device waiting for approval was refused",
                    body(alert, "Someone signed in with your correct password from a device that is waiting for approval on your "
                            + "account. The sign-in was refused.",
                        "The device stays refused until "
                            + (replies.getApprove().isPresent() ? "you or an administrator approve" : "an administrator approves") + " it.",
                        ifYoursApprove(replies) + notYours(), replies)));
            case DEVICE_REVOKED:
                return Optional.of(of("Sign-in from a revoked device was refused",
                    body(alert, "Someone signed in with your correct password from a device that was revoked on your account. "
                            + "The sign-in was refused.",
                        alert.getUntil()
                            .map(until -> "The revocation lasts until " + readable(until) + "; the device is refused until then.")
                            .orElse("The revocation has no end: the device is refused until an administrator trusts it again."),
                        "If it is your device and you want to use it again, ask your administrator to trust it again, giving them "
                            + "the device id below. Choose Cancel in your mail program's password prompt, not \"Enter New "
                            + "Password\": your password is right.\n" + notYours())));
            case DEVICE_BLOCKED:
                return Optional.of(of("A device was blocked from your account",
                    body(alert, "A device failed to sign in to your account too many times (wrong password or refused device), "
                            + "so it was blocked.",
                        alert.getUntil()
                            .map(until -> "The block ends on " + readable(until) + ". Until then every sign-in from this device is "
                                + "refused, even with the right password. Your other devices are not affected.")
                            .orElse("Every sign-in from this device is refused, even with the right password, until an "
                                + "administrator lifts the block. Your other devices are not affected."),
                        "If it is your device: its saved password is probably wrong or out of date. Close its password prompt "
                            + "(Cancel), wait until the block ends, then enter your current password once. "
                            + "If you do not recognise the device, someone is guessing your password: make sure it is long and "
                            + "unique, and tell your administrator. You do not need to change it because of this notice alone.")));
            case BLOCKED_DEVICE_REFUSED:
                return Optional.of(of("Sign-in from a blocked device was refused",
                    body(alert, "Someone signed in with your correct password from a device that is blocked. The sign-in was refused.",
                        alert.getUntil()
                            .map(until -> "The block ends on " + readable(until) + "; the device is refused until then.")
                            .orElse("The block has no end: the device is refused until an administrator lifts it."),
                        "If it is your device: choose Cancel in your mail program's password prompt, not \"Enter New Password\" "
                            + "(your password is right), and "
                            + alert.getUntil().map(until -> "try again after the block ends, or ").orElse("")
                            + "ask your administrator to lift the block, giving them the device id below.\n" + notYours())));
            case CLIENTID_REQUIRED:
                return Optional.of(of("Sign-in without a device identity was refused",
                    body(alert, "Someone signed in with your correct password from a mail program that did not identify its "
                            + "device (it sent no CLIENTID). Your account requires one, so the sign-in was refused.",
                        "Every sign-in to your account without a device identity is refused.",
                        "If it was you: turn CLIENTID on in that mail program, as " + GUIDE + " explains, then ask your "
                            + "administrator to approve the device if it is refused again. Choose Cancel in the password prompt, "
                            + "not \"Enter New Password\": your password is right.\n" + notYours())));
            default:
                return Optional.empty();
        }
    }

    private static String ifYoursApprove(ReplyAddresses replies) {
        String whoApproves = replies.getApprove().isPresent()
            ? "you can approve it yourself (below), or an administrator can: give them the device id below. "
            : "only an administrator can approve a device. Give them the device id below. ";
        return "If it was you (a new phone, computer or mail program): " + whoApproves + "Choose Cancel in your mail program's password prompt, not \"Enter New Password\": your "
            + "password is right, and entering it again changes nothing. Approve only a device you recognise: check where and "
            + "when it signed in.\n";
    }

    private static String notYours() {
        return "If it was not you, someone else knows your password: change it now and tell your administrator.";
    }

    private static String body(Alert alert, String whatHappened, String whatHappensNext, String whatToDo) {
        return body(alert, whatHappened, whatHappensNext, whatToDo, ReplyAddresses.NONE);
    }

    private static String body(Alert alert, String whatHappened, String whatHappensNext, String whatToDo, ReplyAddresses replies) {
        StringBuilder body = new StringBuilder()
            .append("Hello,\n\n")
            .append(whatHappened).append("\n\n")
            .append("  Account:    ").append(LogText.escaped(alert.getUsername().asString())).append("\n")
            .append("  When:       ").append(UTC.format(alert.getAt())).append(" (").append(READABLE.format(alert.getAt())).append(")\n")
            .append("  From:       ").append(alert.getIp().map(ip -> "address " + ip).orElse("an unknown address")).append("\n");
        alert.getDeviceId().ifPresent(id -> body
            .append("  Device:     ").append(deviceInWords(alert)).append("\n")
            .append("  Device id:  ").append(id.asString()).append(" (give it to your administrator)\n"));
        alert.getFirstSeen().ifPresent(firstSeen -> body
            .append("  First seen: ").append(UTC.format(firstSeen)).append("\n"));
        alert.getClientName().filter(name -> !name.isBlank()).ifPresent(name -> body
            .append("  Program:    introduced itself as \"").append(LogText.escaped(name)).append("\" (its SMTP EHLO name)\n"));
        return body.append("\n")
            .append("What happens next: ").append(whatHappensNext).append("\n\n")
            .append("What to do: ").append(whatToDo).append("\n\n")
            .append(byReply(alert, replies))
            .append("How to find which device this is, and how to turn CLIENTID on in Thunderbird: see ").append(GUIDE).append(".\n")
            .toString();
    }

    /**
     * What the reply addresses do and how to use them; approval with the warning not to approve by habit.
     */
    private static String byReply(Alert alert, ReplyAddresses replies) {
        if (replies.getApprove().isEmpty() && replies.getRevoke().isEmpty()) {
            return "";
        }
        String account = LogText.escaped(alert.getUsername().asString());
        StringBuilder text = new StringBuilder("Resolving it yourself: send a message (any subject and text) to one of the addresses "
            + "below from a mail program your account already trusts, signed in as " + account + " with its device identity "
            + "(CLIENTID) turned on. Who the message says it is from does not matter, the sign-in does. Each address works once, "
            + "until " + replies.getValidUntil().map(Notice::readable).orElse("") + ".\n");
        replies.getApprove().ifPresent(approve -> text
            .append("  To approve this device: ").append(approve.asString()).append("\n")
            .append("    Approve only a device you recognise: check where and when it signed in above. If you are not sure, "
                + "do not approve it: a notice like this one is also what someone who stole your password causes.\n"));
        replies.getRevoke().ifPresent(revoke -> text
            .append("  To revoke this device (it is refused from then on): ").append(revoke.asString()).append("\n")
            .append("    Replying to this notice sends to this address.\n"));
        return text.append("You get a confirmation in your INBOX; the message itself is not delivered anywhere. How this works: ")
            .append(GUIDE).append(".\n\n").toString();
    }

    /**
     * The confirmation of a change the owner made by replying to a notice.
     */
    public static Notice replyConfirmation(Username owner, Device device, ReplyAction action, Instant at) {
        String done = action == ReplyAction.APPROVE ? "approved" : "revoked";
        String hint = LogText.escaped(device.getType()) + " " + LogText.escaped(device.getHint());
        return of("You " + done + " a device of your account",
            "Hello,\n\n"
                + "As you asked by replying to a notice, the device below is now " + done + " on your account.\n\n"
                + "  Account:    " + LogText.escaped(owner.asString()) + "\n"
                + "  When:       " + UTC.format(at) + "\n"
                + "  Device:     " + hint + "\n"
                + "  Device id:  " + device.getId().asString() + "\n\n"
                + (action == ReplyAction.APPROVE
                    ? "It can sign in to your account from now on. If you did not mean to approve it, ask your administrator to revoke it.\n"
                    : "Every sign-in from it to your account is refused from now on. To use it again, ask your administrator to trust it again.\n")
                + "\nIf you did not send that reply, someone can send mail as you from a device your account trusts: change your "
                + "password now and tell your administrator.\n");
    }

    /**
     * "a UUID device identity beginning 23bf and ending d1a3": what the owner finds in Thunderbird's Config Editor
     * (mail.smtpserver.*.clientid).
     */
    private static String deviceInWords(Alert alert) {
        String type = alert.getType().map(LogText::escaped).orElse("?");
        String hint = alert.getHint().map(LogText::escaped).orElse("");
        int dots = hint.indexOf("...");
        if (dots > 0) {
            String end = hint.substring(dots + 3);
            return "a " + type + " device identity beginning " + hint.substring(0, dots) + (end.isEmpty() ? "" : " and ending " + end)
                + " (" + type + " " + hint + ")";
        }
        return "the " + type + " device identity " + hint;
    }

    static String readable(Instant instant) {
        return READABLE.format(instant) + " (" + UTC.format(instant) + ")";
    }

    private final String subject;
    private final String body;

    private Notice(String subject, String body) {
        this.subject = subject;
        this.body = body;
    }

    public String getSubject() {
        return subject;
    }

    public String getBody() {
        return body;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof Notice) {
            Notice that = (Notice) o;
            return Objects.equals(this.subject, that.subject) && Objects.equals(this.body, that.body);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(subject, body);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("subject", subject)
            .toString();
    }
}
