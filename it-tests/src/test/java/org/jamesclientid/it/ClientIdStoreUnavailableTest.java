package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The device store is unreachable while the server runs in trust-first: a temporary failure, never an exception text,
 * and service comes back with the store. (Without the store an account's own mode cannot be read: the global mode of
 * clientid.properties applies; ClientIdStoreUnavailableObserveTest covers observe.)
 */
class ClientIdStoreUnavailableTest {
    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clientIdProperties("clientid.mode=trust-first")
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
    @DisplayName("Store down in trust-first: 454 4.7.0, even for a known device; service returns with the store")
    void strictModeShouldAnswerTemporaryFailureWhenStoreDown() throws Exception {
        probe.enroll(ClientIdJamesServers.ALICE, "UUID", "alice-phone", DeviceStatus.TRUSTED);
        store.setDown(true);

        Reply reply = auth(ClientIdJamesServers.ALICE, ClientIdJamesServers.ALICE_PASSWORD, "alice-phone");

        assertThat(reply.code()).isEqualTo(454);
        assertThat(reply.text()).isEqualTo("4.7.0 Temporary authentication failure");

        store.setDown(false);
        assertThat(auth(ClientIdJamesServers.ALICE, ClientIdJamesServers.ALICE_PASSWORD, "alice-phone").code()).isEqualTo(235);
    }

    @Test
    @DisplayName("Store down: a wrong password is still refused")
    void wrongPasswordShouldBeRefusedWhenStoreDown() throws Exception {
        store.setDown(true);

        assertThat(auth(ClientIdJamesServers.BOB, "wrong", "bob-phone").code()).isIn(454, 535);
    }
}
