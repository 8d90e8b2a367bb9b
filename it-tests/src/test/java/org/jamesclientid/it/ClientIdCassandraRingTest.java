package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.core.Username;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.jamesclientid.testing.cassandra.CassandraRingExtension;
import org.jamesclientid.testing.cassandra.ForkedCassandraRing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;

/**
 * A real Cassandra cluster: three nodes on 127.0.0.1-127.0.0.3, the keyspace replicated on all three, and James
 * servers on it, each with its own CqlSession configured as James 3.8.1 configures its own (QUORUM). Nodes are
 * stopped cleanly and started again on their data, as an operator restarting them would. Real SMTP clients
 * (Python smtplib) over implicit TLS.
 * <p>
 * James nodes A and B are strict ({@code trust-first}); O runs in {@code observe}, the shipped mode; W reads and
 * writes at ONE, the driver's level when nothing configures it, to show what QUORUM buys.
 */
class ClientIdCassandraRingTest {
    private static final String SECRET = "clientid.secret=ring-nodes-share-this-secret-0123456789abcdef";
    private static final String TEMPORARY_FAILURE = "4.7.0 Temporary authentication failure";
    private static final Duration RECONNECTION_TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    @Order(1)
    static CassandraRingExtension cassandra = new CassandraRingExtension();

    static JamesRingCqlSessions quorumSessions = JamesRingCqlSessions.asJamesConfiguresThem(cassandra);
    static JamesRingCqlSessions oneSessions = JamesRingCqlSessions.withRegularConsistency(cassandra, DefaultConsistencyLevel.ONE);

    @RegisterExtension
    @Order(2)
    static JamesServerExtension nodeA = node("trust-first", quorumSessions).build();

    @RegisterExtension
    @Order(3)
    static JamesServerExtension nodeB = node("trust-first", quorumSessions).secondServerInThisJvm("node-b").build();

    @RegisterExtension
    @Order(4)
    static JamesServerExtension nodeO = node("observe", quorumSessions).secondServerInThisJvm("node-o").build();

    @RegisterExtension
    @Order(5)
    static JamesServerExtension nodeW = node("trust-first", oneSessions).secondServerInThisJvm("node-w").build();

    private static ClientIdJamesServers.Builder node(String mode, JamesRingCqlSessions sessions) {
        return ClientIdJamesServers.builder()
            .clientIdProperties(SECRET, "clientid.mode=" + mode)
            .cassandraStore(sessions);
    }

    @AfterAll
    static void closeSessions() {
        quorumSessions.close();
        oneSessions.close();
    }

    private ForkedCassandraRing ring;
    private PythonSmtpClient smtpA;
    private PythonSmtpClient smtpB;
    private PythonSmtpClient smtpO;
    private PythonSmtpClient smtpW;
    private ClientIdTestProbe probeA;
    private ClientIdTestProbe probeB;

    @BeforeEach
    void setUp() throws Exception {
        ring = cassandra.getRing();
        // After a test, the ring starts its stopped nodes again: the James nodes must be back on them too.
        awaitJamesNodesConnected();
        smtpA = smtp(nodeA);
        smtpB = smtp(nodeB);
        smtpO = smtp(nodeO);
        smtpW = smtp(nodeW);
        probeA = nodeA.getGuiceJamesServer().getProbe(ClientIdTestProbe.class);
        probeB = nodeB.getGuiceJamesServer().getProbe(ClientIdTestProbe.class);
    }

    /**
     * Starts a Cassandra node again, as an operator would, and waits until the James nodes use it again, as they
     * would before an operator stops another one.
     */
    private void startAgain(int node) {
        ring.startAgain(node);
        awaitJamesNodesConnected();
    }

    private static void awaitJamesNodesConnected() {
        quorumSessions.awaitConnectedToRunningNodes(RECONNECTION_TIMEOUT);
        oneSessions.awaitConnectedToRunningNodes(RECONNECTION_TIMEOUT);
    }

    private static PythonSmtpClient smtp(JamesServerExtension node) throws Exception {
        GuiceJamesServer server = node.getGuiceJamesServer();
        // Each memory server has its own users: the same accounts and passwords on every node.
        ClientIdJamesServers.createUsers(server);
        return new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server), Mode.IMPLICIT_TLS);
    }

    private static Reply auth(PythonSmtpClient smtp, String user, String password, String token) throws Exception {
        return smtp.dialogue("EHLO client.example", "CLIENTID UUID " + token, "AUTH PLAIN " + user + " " + password).get(2);
    }

    private static int alice(PythonSmtpClient smtp, String token) throws Exception {
        return auth(smtp, ClientIdJamesServers.ALICE, ClientIdJamesServers.ALICE_PASSWORD, token).code();
    }

    private static int bob(PythonSmtpClient smtp, String token) throws Exception {
        return auth(smtp, ClientIdJamesServers.BOB, ClientIdJamesServers.BOB_PASSWORD, token).code();
    }

    private void block(ClientIdTestProbe probe, String token, String reason) {
        probe.deviceHistory().blocks().block(Block.of(probe.deviceId("UUID", token), Actor.ADMINISTRATOR, Instant.now(), Optional.empty(),
            Optional.of(reason))).block();
    }

    private void revoke(ClientIdTestProbe probe, String user, String token) {
        DeviceId id = probe.deviceId("UUID", token);
        probe.administration().revoke(Username.of(user), id, Optional.empty()).block();
    }

    private void approve(ClientIdTestProbe probe, String user, String token) {
        DeviceId id = probe.deviceId("UUID", token);
        assertThat(probe.device(user, id)).as("%s recorded pending", token).get()
            .extracting(device -> device.getStatus()).isEqualTo(DeviceStatus.PENDING);
        probe.administration().approve(Username.of(user), id).block();
    }

    @Test
    @DisplayName("One Cassandra node down: sign-ins go on, approvals, blocks and revocations made before and during the outage hold on both "
        + "James nodes, and none is lost when the node comes back; two down: 454 for strict accounts, the password alone in observe")
    void decisionsShouldHoldOnBothJamesNodesWhenOneCassandraNodeIsDown() throws Exception {
        // Before the outage.
        assertThat(alice(smtpA, "alice-phone")).as("first device, trust-first").isEqualTo(235);
        assertThat(alice(smtpB, "alice-laptop")).as("second device, pending").isEqualTo(535);
        approve(probeA, ClientIdJamesServers.ALICE, "alice-laptop");
        probeA.enroll(ClientIdJamesServers.BOB, "UUID", "bob-phone", DeviceStatus.TRUSTED);
        probeA.enroll(ClientIdJamesServers.BOB, "UUID", "bob-stolen-phone", DeviceStatus.TRUSTED);
        probeA.enroll(ClientIdJamesServers.BOB, "UUID", "bob-old-laptop", DeviceStatus.TRUSTED);
        block(probeB, "bob-stolen-phone", "stolen");
        revoke(probeA, ClientIdJamesServers.BOB, "bob-old-laptop");

        ring.shutDown(3);

        for (PythonSmtpClient smtp : new PythonSmtpClient[] {smtpA, smtpB}) {
            assertThat(alice(smtp, "alice-phone")).as("trusted before").isEqualTo(235);
            assertThat(alice(smtp, "alice-laptop")).as("approved before").isEqualTo(235);
            assertThat(bob(smtp, "bob-phone")).as("trusted before").isEqualTo(235);
            assertThat(bob(smtp, "bob-stolen-phone")).as("blocked before").isEqualTo(535);
            assertThat(bob(smtp, "bob-old-laptop")).as("revoked before").isEqualTo(535);
        }
        // During the outage, from either James node.
        assertThat(alice(smtpA, "alice-tablet")).as("a new device, pending").isEqualTo(535);
        approve(probeB, ClientIdJamesServers.ALICE, "alice-tablet");
        block(probeA, "bob-phone", "lost");
        revoke(probeB, ClientIdJamesServers.ALICE, "alice-laptop");
        for (PythonSmtpClient smtp : new PythonSmtpClient[] {smtpA, smtpB}) {
            assertThat(alice(smtp, "alice-tablet")).as("approved during the outage").isEqualTo(235);
            assertThat(bob(smtp, "bob-phone")).as("blocked during the outage").isEqualTo(535);
            assertThat(alice(smtp, "alice-laptop")).as("revoked during the outage").isEqualTo(535);
        }

        // Node 3 back, without what was written while it was down; node 1 stopped: every read now has node 3 in its quorum.
        startAgain(3);
        ring.shutDown(1);

        for (PythonSmtpClient smtp : new PythonSmtpClient[] {smtpA, smtpB}) {
            assertThat(alice(smtp, "alice-phone")).as("trusted before").isEqualTo(235);
            assertThat(alice(smtp, "alice-tablet")).as("approved during the outage").isEqualTo(235);
            assertThat(alice(smtp, "alice-laptop")).as("approved before, revoked during the outage").isEqualTo(535);
            assertThat(bob(smtp, "bob-phone")).as("blocked during the outage").isEqualTo(535);
            assertThat(bob(smtp, "bob-stolen-phone")).as("blocked before").isEqualTo(535);
            assertThat(bob(smtp, "bob-old-laptop")).as("revoked before").isEqualTo(535);
        }

        // Two nodes down: no quorum.
        ring.shutDown(2);

        for (PythonSmtpClient smtp : new PythonSmtpClient[] {smtpA, smtpB}) {
            Reply trusted = auth(smtp, ClientIdJamesServers.ALICE, ClientIdJamesServers.ALICE_PASSWORD, "alice-phone");
            assertThat(trusted.code()).as("a trusted device of a strict account").isEqualTo(454);
            assertThat(trusted.text()).isEqualTo(TEMPORARY_FAILURE);
            assertThat(bob(smtp, "bob-phone")).as("a blocked device of a strict account").isEqualTo(454);
        }
        assertThat(alice(smtpO, "alice-phone")).as("observe: the password decides").isEqualTo(235);
        assertThat(auth(smtpO, ClientIdJamesServers.ALICE, "wrong", "alice-phone").code()).as("observe, wrong password").isEqualTo(535);
    }

    @Test
    @DisplayName("At ONE (the driver's default level), a James node lets in a device blocked and one revoked while the only node it "
        + "reaches was down; at QUORUM, the same sign-ins get 454")
    void aJamesNodeAtOneShouldMissWritesMadeWhileItsOnlyReachableNodeWasDown() throws Exception {
        probeA.enroll(ClientIdJamesServers.BOB, "UUID", "bob-tablet", DeviceStatus.TRUSTED);
        probeA.enroll(ClientIdJamesServers.BOB, "UUID", "bob-watch", DeviceStatus.TRUSTED);
        assertThat(bob(smtpW, "bob-tablet")).isEqualTo(235);
        assertThat(bob(smtpW, "bob-watch")).isEqualTo(235);

        ring.shutDown(3);
        block(probeA, "bob-tablet", "stolen");
        revoke(probeA, ClientIdJamesServers.BOB, "bob-watch");
        assertThat(bob(smtpW, "bob-tablet")).as("at ONE, with the nodes that have the block").isEqualTo(535);

        startAgain(3);
        ring.shutDown(1);
        ring.shutDown(2);

        assertThat(bob(smtpW, "bob-tablet")).as("at ONE: the block is not on node 3, the device is let in").isEqualTo(235);
        assertThat(bob(smtpW, "bob-watch")).as("at ONE: node 3 has the device trusted, as before its outage").isEqualTo(235);
        assertThat(bob(smtpA, "bob-tablet")).as("at QUORUM: no decision without a quorum").isEqualTo(454);
        assertThat(bob(smtpA, "bob-watch")).as("at QUORUM: no decision without a quorum").isEqualTo(454);
    }
}
