package org.jamesclientid.smtp;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;

/**
 * Rejection stage {@code mail} (draft example 7.3): AUTH succeeded, but the device was refused, so every MAIL FROM
 * of the session gets a generic {@code 550 5.7.1}.
 */
public class ClientIdMailHook implements MailHook {
    static final HookResult ACCESS_DENIED = HookResult.builder()
        .hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
        .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH) + " Access denied")
        .build();

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (session.getAttachment(ClientIdAuthHook.DENIED_AFTER_AUTH, ProtocolSession.State.Connection).isPresent()) {
            return ACCESS_DENIED;
        }
        return HookResult.DECLINED;
    }
}
