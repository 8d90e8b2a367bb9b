package org.jamesclientid.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.imap.decode.parser.AuthenticateCommandParser;
import org.apache.james.imap.decode.parser.LoginCommandParser;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;
import org.junit.jupiter.api.Test;

class ClientIdImapPackageTest {
    private static ClassName name(Class<?> clazz) {
        return new ClassName(clazz.getCanonicalName());
    }

    private final ClientIdImapPackage imapPackage = new ClientIdImapPackage();

    @Test
    void packageShouldHoldJamesCommandsWithoutSignInPlusClientId() {
        assertThat(imapPackage.processors())
            .containsAll(new ImapPackage.DefaultNoAuth().processors())
            .contains(name(ClientIdProcessor.class), name(ClientIdLoginProcessor.class), name(ClientIdAuthenticateProcessor.class))
            .doesNotContain(name(LoginProcessor.class), name(AuthenticateProcessor.class))
            .doesNotHaveDuplicates();
        assertThat(imapPackage.decoders())
            .containsAll(new ImapPackage.DefaultNoAuth().decoders())
            .contains(name(ClientIdImapCommandParser.class), name(LoginCommandParser.class), name(AuthenticateCommandParser.class))
            .doesNotHaveDuplicates();
        assertThat(imapPackage.encoders())
            .containsAll(new ImapPackage.DefaultNoAuth().encoders())
            .contains(name(UnavailableResponseEncoder.class))
            .doesNotHaveDuplicates();
    }
}
