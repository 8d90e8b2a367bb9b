package org.jamesclientid.smtp;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableList;

class AuthHookOrderCheckTest {
    static class RequiredFirstHook extends DecliningHook {
    }

    static class OtherHook extends DecliningHook {
    }

    abstract static class DecliningHook implements AuthHook {
        @Override
        public HookResult doAuth(SMTPSession session, Username username, String password) {
            return HookResult.DECLINED;
        }

        @Override
        public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
            return HookResult.DECLINED;
        }
    }

    private final AuthHookOrderCheck check = AuthHookOrderCheck.of(RequiredFirstHook.class);

    @Test
    void checkShouldPassWhenTheHookIsFirst() {
        assertThatCode(() -> check.check(ImmutableList.of(new RequiredFirstHook(), new OtherHook()))).doesNotThrowAnyException();
    }

    @Test
    void checkShouldPassWhenTheHookIsAbsent() {
        assertThatCode(() -> check.check(ImmutableList.of(new OtherHook()))).doesNotThrowAnyException();
        assertThatCode(() -> check.check(ImmutableList.of())).doesNotThrowAnyException();
    }

    @Test
    void checkShouldFailNamingBothHooksAndTheFixWhenAnotherHookComesFirst() {
        assertThatThrownBy(() -> check.check(ImmutableList.of(new OtherHook(), new RequiredFirstHook())))
            .isInstanceOf(WiringException.class)
            .hasMessageContaining("smtpserver.xml")
            .hasMessageContaining(RequiredFirstHook.class.getName() + " must be the first AUTH hook")
            .hasMessageContaining("move <handler class=\"" + RequiredFirstHook.class.getName() + "\"/> above <handler class=\""
                + OtherHook.class.getName() + "\"/>");
    }
}
