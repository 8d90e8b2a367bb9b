package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Properties;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPSSLStore;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.DeviceStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.URLName;

/**
 * Angus Mail (Jakarta Mail) as an IMAP client over implicit TLS: its store's pre-login hook, meant for commands of
 * the NOT AUTHENTICATED state, sends CLIENTID when the server advertises it, then Angus signs in as it always does
 * (AUTHENTICATE PLAIN here).
 */
class ClientIdAngusMailImapTest {
    private static final String IVAN = "ivan@example.com";

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .inspectable()
        .build();

    /**
     * An IMAPS store sending {@code CLIENTID UUID <token>} before signing in.
     */
    static class ClientIdImapStore extends IMAPSSLStore {
        private final String token;

        ClientIdImapStore(Session session, int port, String token) {
            super(session, new URLName("imaps", "127.0.0.1", port, null, null, null));
            this.token = token;
        }

        @Override
        protected void preLogin(IMAPProtocol protocol) throws ProtocolException {
            if (protocol.hasCapability("CLIENTID")) {
                protocol.simpleCommand("CLIENTID UUID " + token, null);
            }
        }
    }

    private int imapsPort;

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server, IVAN);
        imapsPort = ClientIdJamesServers.imapsPort(server);
        ClientIdTestProbe probe = server.getProbe(ClientIdTestProbe.class);
        probe.setPolicy(IVAN, ClientIdMode.ENFORCE, false);
        probe.enroll(IVAN, "UUID", "ivan-phone", DeviceStatus.TRUSTED);
    }

    private ClientIdImapStore store(String token) {
        Properties properties = new Properties();
        // The test server's self-signed certificate.
        properties.setProperty("mail.imaps.ssl.trust", "*");
        properties.setProperty("mail.imaps.ssl.checkserveridentity", "false");
        return new ClientIdImapStore(Session.getInstance(properties), imapsPort, token);
    }

    @Test
    @DisplayName("I11 I14 Angus Mail: CLIENTID before sign-in, an enrolled device reads the INBOX")
    void enrolledDeviceShouldReadInboxWhenAngusMailSendsClientId() throws Exception {
        ClientIdImapStore store = store("ivan-phone");
        store.connect("127.0.0.1", imapsPort, IVAN, ClientIdJamesServers.passwordOf(IVAN));
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.isOpen()).isTrue();
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    @Test
    @DisplayName("I15 Angus Mail: an unknown device with the right password fails exactly as a wrong password does")
    void unknownDeviceShouldFailAsWrongPasswordWhenAngusMail() {
        AuthenticationFailedException refused = catchThrowableOfType(
            () -> store("ivan-stolen").connect("127.0.0.1", imapsPort, IVAN, ClientIdJamesServers.passwordOf(IVAN)),
            AuthenticationFailedException.class);
        AuthenticationFailedException wrongPassword = catchThrowableOfType(
            () -> store("ivan-phone").connect("127.0.0.1", imapsPort, IVAN, "wrong-password"),
            AuthenticationFailedException.class);

        assertThat(refused).isNotNull();
        assertThat(wrongPassword).isNotNull();
        assertThat(refused.getMessage()).isEqualTo(wrongPassword.getMessage());
    }
}
