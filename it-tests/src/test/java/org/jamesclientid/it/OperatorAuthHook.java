package org.jamesclientid.it;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;

/**
 * An AUTH hook of the operator's own, listed in smtpserver.xml by name (e.g. a second credential source). This one
 * always declines: only its place in the chain matters to the tests.
 */
public class OperatorAuthHook implements AuthHook {
    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        return HookResult.DECLINED;
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        return HookResult.DECLINED;
    }
}
