package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


/**
 * The device store is unreachable while the server runs in observe: AUTH with the right password passes (fail-open,
 * with a WARN in the log), a wrong password is still refused.
 */
class ClientIdStoreUnavailableObserveTest {
    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .switchableStore()
        .build();

    private PythonSmtpClient smtps;
    private ClientIdTestProbe probe;
    private SwitchableDeviceHistory store;

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server);
        smtps = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server), Mode.IMPLICIT_TLS);
        probe = server.getProbe(ClientIdTestProbe.class);
        store = (SwitchableDeviceHistory) server.getProbe(ClientIdTestProbe.class).deviceHistory();
    }

    @AfterEach
    void tearDown() {
        store.setDown(false);
    }

    private Reply auth(String user, String password, String token) throws Exception {
        return smtps.dialogue("EHLO client.example", "CLIENTID UUID " + token, "AUTH PLAIN " + user + " " + password).get(2);
    }

    @Test
    @DisplayName("Store down in observe: AUTH passes")
    void observeShouldLetAuthThroughWhenStoreDown() throws Exception {
        store.setDown(true);

        assertThat(auth(ClientIdJamesServers.BOB, ClientIdJamesServers.BOB_PASSWORD, "bob-phone").code()).isEqualTo(235);
    }

    @Test
    @DisplayName("Store down in observe: a wrong password is still refused")
    void wrongPasswordShouldBeRefusedWhenStoreDown() throws Exception {
        store.setDown(true);

        assertThat(auth(ClientIdJamesServers.BOB, "wrong", "bob-phone").code()).isEqualTo(535);
    }
}
