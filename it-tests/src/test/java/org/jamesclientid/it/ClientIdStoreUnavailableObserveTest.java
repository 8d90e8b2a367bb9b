package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.core.Username;
import org.apache.james.utils.DataProbeImpl;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The device store is unreachable while the server runs in observe: AUTH with the right password passes (fail-open,
 * with a WARN in the log), a wrong password is still refused, and an account whose own policy is strict gets 454.
 */
class ClientIdStoreUnavailableObserveTest {
    private static final String TEMPORARY_FAILURE = "4.7.0 Temporary authentication failure";

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
    @DisplayName("issue 12: an enforce account read by this node before the outage stays strict, under a global observe")
    void strictAccountShouldGetTemporaryFailureWhenStoreDownEvenInObserve() throws Exception {
        String alice = ClientIdJamesServers.ALICE;
        probe.deviceHistory().policies().setPolicy(Username.of(alice), AccountPolicy.of(ClientIdMode.ENFORCE)).block();
        probe.enroll(alice, "UUID", "alice-laptop", DeviceStatus.TRUSTED);
        assertThat(auth(alice, ClientIdJamesServers.ALICE_PASSWORD, "alice-laptop").code()).isEqualTo(235);

        store.setDown(true);

        assertThat(auth(alice, ClientIdJamesServers.ALICE_PASSWORD, "alice-laptop").text()).isEqualTo(TEMPORARY_FAILURE);
        assertThat(auth(alice, ClientIdJamesServers.ALICE_PASSWORD, "another-device").text()).isEqualTo(TEMPORARY_FAILURE);
        assertThat(smtps.dialogue("EHLO client.example", "AUTH PLAIN " + alice + " " + ClientIdJamesServers.ALICE_PASSWORD).get(1).text())
            .as("without CLIENTID").isEqualTo(TEMPORARY_FAILURE);
    }

    @Test
    @DisplayName("issue 12: an account made strict through this node's WebAdmin stays strict if the store fails right after")
    void accountMadeStrictThroughWebAdminShouldGetTemporaryFailureWhenStoreDown(GuiceJamesServer server) throws Exception {
        String user = "carol@example.com";
        server.getProbe(DataProbeImpl.class).addUser(user, "carol-secret");
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ClientIdJamesServers.webAdminPort(server) + "/clientid/users/" + user + "/policy"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"trust-first\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(204);

        store.setDown(true);

        assertThat(auth(user, "carol-secret", "carol-phone").text()).isEqualTo(TEMPORARY_FAILURE);
    }

    @Test
    @DisplayName("Store down in observe: a wrong password is still refused")
    void wrongPasswordShouldBeRefusedWhenStoreDown() throws Exception {
        store.setDown(true);

        assertThat(auth(ClientIdJamesServers.BOB, "wrong", "bob-phone").code()).isEqualTo(535);
    }
}
