package org.jamesclientid.smtp;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.jamesclientid.core.LogText;
import org.jamesclientid.reply.DeviceReplies;
import org.jamesclientid.reply.ReplyAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

/**
 * Consumes a reply to a notice ({@link ReplyAddress}) on the submission path, before any mail processing.
 *
 * <p>At RCPT the change is made by {@link DeviceReplies} when the session may make it, and the recipient is accepted
 * (this hook's {@code OK} skips the later recipient checks: the address is no account). At the end of DATA, as a
 * {@link MessageHook} (James runs them before its {@code JamesMessageHook}s, of which SendMailHandler queues the
 * mail), an {@code OK} answers 250 and stops there: the message is never queued. A reply address goes alone in its
 * transaction, so that no other recipient's mail is dropped with it.</p>
 */
public class ClientIdReplyHook implements RcptHook, MessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClientIdReplyHook.class);

    static final ProtocolSession.AttachmentKey<ReplyAddress> REPLY =
        ProtocolSession.AttachmentKey.of("CLIENTID_REPLY", ReplyAddress.class);

    // The same text whatever the reason: it never tells whether a code exists.
    static final HookResult REFUSED = HookResult.builder()
        .hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
        .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH)
            + " Reply not accepted: send it signed in as the account, from a device it trusts (CLIENTID), to an unused and unexpired address of a notice")
        .build();
    static final HookResult ALONE = HookResult.builder()
        .hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
        .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.DELIVERY_TOO_MANY_REC)
            + " A reply to a CLIENTID notice is sent on its own, to one address only")
        .build();
    static final HookResult TEMPORARY_FAILURE = HookResult.builder()
        .hookReturnCode(HookReturnCode.denySoft())
        .smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
        .smtpDescription(DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.UNDEFINED_STATUS) + " Temporary failure, try again later")
        .build();
    static final HookResult CONSUMED = HookResult.builder()
        .hookReturnCode(HookReturnCode.ok())
        .smtpReturnCode(SMTPRetCode.MAIL_OK)
        .smtpDescription(DSNStatus.getStatus(DSNStatus.SUCCESS, DSNStatus.UNDEFINED_STATUS)
            + " Done: your reply to the notice was carried out, a confirmation is in your INBOX (this message is not delivered)")
        .build();

    private final DeviceReplies deviceReplies;

    @Inject
    public ClientIdReplyHook(DeviceReplies deviceReplies) {
        this.deviceReplies = deviceReplies;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        Optional<ReplyAddress> reply = ReplyAddress.parse(rcpt);
        boolean replyInTransaction = session.getAttachment(REPLY, ProtocolSession.State.Transaction).isPresent();
        if (reply.isEmpty()) {
            return replyInTransaction ? ALONE : HookResult.DECLINED;
        }
        if (replyInTransaction || !recipients(session).isEmpty()) {
            return ALONE;
        }
        Optional<Username> signedIn = Optional.ofNullable(session.getUsername());
        try {
            boolean done = Optional.ofNullable(deviceReplies.resolve(signedIn, ClientIdAuthHook.signedInDevice(session), reply.get()).block())
                .orElse(false);
            if (!done) {
                return REFUSED;
            }
        } catch (RuntimeException e) {
            LOGGER.error("CLIENTID reply to a notice failed for account {}",
                signedIn.map(username -> LogText.quoted(username.asString())).orElse("-"), e);
            return TEMPORARY_FAILURE;
        }
        session.setAttachment(REPLY, reply.get(), ProtocolSession.State.Transaction);
        return HookResult.OK;
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
        if (session.getAttachment(REPLY, ProtocolSession.State.Transaction).isPresent()) {
            return CONSUMED;
        }
        return HookResult.DECLINED;
    }

    private static List<MailAddress> recipients(SMTPSession session) {
        return session.getAttachment(SMTPSession.RCPT_LIST, ProtocolSession.State.Transaction).orElse(ImmutableList.of());
    }
}
