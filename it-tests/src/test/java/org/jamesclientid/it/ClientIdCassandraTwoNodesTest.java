package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scale-out: two James servers, each with its own CqlSession, share one Cassandra keyspace. What one node learns or
 * decides applies on the other. Real SMTP clients (Python smtplib) over implicit TLS.
 */
class ClientIdCassandraTwoNodesTest {
    private static final String SECRET = "clientid.secret=two-nodes-share-this-secret-0123456789abcdef";
    private static final String PASSWORD_REFUSED = "5.7.8 Authentication credentials invalid";

    @RegisterExtension
    @Order(1)
    static CassandraExtension cassandra = new CassandraExtension();

    static JamesCqlSessions sessions = new JamesCqlSessions(cassandra);

    @RegisterExtension
    @Order(2)
    static JamesServerExtension nodeA = node().build();

    @RegisterExtension
    @Order(3)
    static JamesServerExtension nodeB = node()
        .secondServerInThisJvm("node-b")
        .build();

    private static ClientIdJamesServers.Builder node() {
        return ClientIdJamesServers.builder()
            .clientIdProperties(SECRET, "clientid.mode=trust-first")
            .cassandraStore(sessions);
    }

    @AfterAll
    static void closeSessions() {
        sessions.close();
    }

    private PythonSmtpClient smtpA;
    private PythonSmtpClient smtpB;
    private ClientIdTestProbe probeA;
    private ClientIdTestProbe probeB;

    @BeforeEach
    void setUp() throws Exception {
        GuiceJamesServer a = nodeA.getGuiceJamesServer();
        GuiceJamesServer b = nodeB.getGuiceJamesServer();
        // Each memory server has its own users: the same accounts and passwords on both.
        ClientIdJamesServers.createUsers(a);
        ClientIdJamesServers.createUsers(b);
        smtpA = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(a), Mode.IMPLICIT_TLS);
        smtpB = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(b), Mode.IMPLICIT_TLS);
        probeA = a.getProbe(ClientIdTestProbe.class);
        probeB = b.getProbe(ClientIdTestProbe.class);
    }

    private static Reply auth(PythonSmtpClient smtp, String user, String password, String token) throws Exception {
        return smtp.dialogue("EHLO client.example", "CLIENTID UUID " + token, "AUTH PLAIN " + user + " " + password).get(2);
    }

    @Test
    @DisplayName("Both nodes derive the same device id from the same secret")
    void deviceIdShouldBeTheSameOnBothNodesWhenTheSecretIsShared() {
        assertThat(probeA.deviceId("UUID", "same-token")).isEqualTo(probeB.deviceId("UUID", "same-token"));
    }

    @Test
    @DisplayName("A first device trusted at A is known at B; a second device of the account is refused at B until approved at A")
    void deviceApprovedOnNodeAShouldBeHonouredOnNodeB() throws Exception {
        String alice = ClientIdJamesServers.ALICE;
        assertThat(auth(smtpA, alice, ClientIdJamesServers.ALICE_PASSWORD, "alice-phone").code()).isEqualTo(235);
        assertThat(auth(smtpB, alice, ClientIdJamesServers.ALICE_PASSWORD, "alice-phone").code())
            .as("first device, learnt by A").isEqualTo(235);

        Reply unknown = auth(smtpB, alice, ClientIdJamesServers.ALICE_PASSWORD, "alice-laptop");
        assertThat(unknown.code()).as("second device, trust-first").isEqualTo(535);
        DeviceId laptop = probeA.deviceId("UUID", "alice-laptop");
        assertThat(probeA.device(alice, laptop)).as("recorded by B, seen by A").get()
            .extracting(device -> device.getStatus()).isEqualTo(DeviceStatus.PENDING);

        probeA.save(alice, probeA.device(alice, laptop).get().withStatus(StatusChange.trusted(Actor.ADMINISTRATOR, Instant.now())));

        assertThat(auth(smtpB, alice, ClientIdJamesServers.ALICE_PASSWORD, "alice-laptop").code()).isEqualTo(235);
    }

    @Test
    @DisplayName("A block set on B stops the device on A, for every account")
    void blockSetOnNodeBShouldStopTheDeviceOnNodeA() throws Exception {
        String bob = ClientIdJamesServers.BOB;
        assertThat(auth(smtpA, bob, ClientIdJamesServers.BOB_PASSWORD, "bob-stolen-phone").code()).isEqualTo(235);
        DeviceId stolen = probeB.deviceId("UUID", "bob-stolen-phone");

        probeB.deviceHistory().blocks().block(Block.of(stolen, Actor.ADMINISTRATOR, Instant.now(), Optional.empty(), Optional.of("stolen"))).block();

        Reply refused = auth(smtpA, bob, ClientIdJamesServers.BOB_PASSWORD, "bob-stolen-phone");
        assertThat(refused.code()).isEqualTo(535);
        assertThat(refused.text()).isEqualTo(PASSWORD_REFUSED);

        probeA.deviceHistory().blocks().unblock(stolen).block();
        assertThat(auth(smtpB, bob, ClientIdJamesServers.BOB_PASSWORD, "bob-stolen-phone").code()).as("unblocked on A").isEqualTo(235);
    }

    @Test
    @DisplayName("5 wrong passwords at A + 5 at B reach the limit of 10 for the device on that account: refused there on both nodes")
    void failuresOnBothNodesShouldAddUpToTheLimit() throws Exception {
        // One failure counts per connection: one connection per guess.
        for (int i = 0; i < 5; i++) {
            assertThat(auth(smtpA, ClientIdJamesServers.ALICE, "guess-a-" + i, "password-guesser").code()).isEqualTo(535);
            assertThat(auth(smtpB, ClientIdJamesServers.ALICE, "guess-b-" + i, "password-guesser").code()).isEqualTo(535);
        }
        probeA.enroll(ClientIdJamesServers.ALICE, "UUID", "password-guesser", DeviceStatus.TRUSTED);

        assertThat(auth(smtpA, ClientIdJamesServers.ALICE, ClientIdJamesServers.ALICE_PASSWORD, "password-guesser").code())
            .as("right password, a trusted device throttled on the account, node A").isEqualTo(535);
        assertThat(auth(smtpB, ClientIdJamesServers.ALICE, ClientIdJamesServers.ALICE_PASSWORD, "password-guesser").code())
            .as("right password, a trusted device throttled on the account, node B").isEqualTo(535);
        probeA.enroll(ClientIdJamesServers.BOB, "UUID", "password-guesser", DeviceStatus.TRUSTED);
        assertThat(auth(smtpB, ClientIdJamesServers.BOB, ClientIdJamesServers.BOB_PASSWORD, "password-guesser").code())
            .as("the same device on another account").isEqualTo(235);
    }
}
