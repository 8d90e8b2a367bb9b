package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceBlocks;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.policy.ClientIdPolicyEngine;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rotation of {@code clientid.secret} on a real cluster: one James still on the old secret and one restarted with the
 * new secret and the old one as {@code clientid.secret.previous}, sharing one Cassandra keyspace (as during a rolling
 * restart). Real SMTP clients (Python smtplib) over implicit TLS, in trust-first, where losing an approval would
 * refuse the device.
 */
class ClientIdCassandraSecretRotationTest {
    private static final String OLD_SECRET = "the-old-secret-of-this-cluster-0123456789abcdef";
    private static final String NEW_SECRET = "the-new-secret-of-this-cluster-fedcba9876543210";

    @RegisterExtension
    @Order(1)
    static CassandraExtension cassandra = new CassandraExtension();

    static JamesCqlSessions sessions = new JamesCqlSessions(cassandra);

    @RegisterExtension
    @Order(2)
    static JamesServerExtension oldNode = ClientIdJamesServers.builder()
        .clientIdProperties("clientid.secret=" + OLD_SECRET, "clientid.mode=trust-first")
        .cassandraStore(sessions)
        .build();

    @RegisterExtension
    @Order(3)
    static JamesServerExtension rotatedNode = ClientIdJamesServers.builder()
        .clientIdProperties("clientid.secret=" + NEW_SECRET, "clientid.secret.previous=" + OLD_SECRET, "clientid.mode=trust-first")
        .cassandraStore(sessions)
        .secondServerInThisJvm("rotated")
        .build();

    @AfterAll
    static void closeSessions() {
        sessions.close();
    }

    private PythonSmtpClient smtpOld;
    private PythonSmtpClient smtpRotated;
    private ClientIdTestProbe probeOld;
    private ClientIdTestProbe probeRotated;

    @BeforeEach
    void setUp() throws Exception {
        GuiceJamesServer old = oldNode.getGuiceJamesServer();
        GuiceJamesServer rotated = rotatedNode.getGuiceJamesServer();
        ClientIdJamesServers.createUsers(old);
        ClientIdJamesServers.createUsers(rotated);
        smtpOld = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(old), Mode.IMPLICIT_TLS);
        smtpRotated = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(rotated), Mode.IMPLICIT_TLS);
        probeOld = old.getProbe(ClientIdTestProbe.class);
        probeRotated = rotated.getProbe(ClientIdTestProbe.class);
    }

    private static int auth(PythonSmtpClient smtp, String user, String token) throws Exception {
        return smtp.dialogue("EHLO client.example", "CLIENTID UUID " + token,
            "AUTH PLAIN " + user + " " + ClientIdJamesServers.passwordOf(user)).get(2).code();
    }

    @Test
    @DisplayName("A device approved under the old secret signs in after the rotation, moved to its new id; a pending one stays pending; a random token gets nothing")
    void approvalShouldSurviveTheRotation() throws Exception {
        String alice = ClientIdJamesServers.ALICE;
        assertThat(auth(smtpOld, alice, "alice-laptop")).as("first device, trust-first").isEqualTo(235);
        assertThat(auth(smtpOld, alice, "alice-tablet")).as("second device: pending").isEqualTo(535);
        DeviceId laptopOldId = probeOld.deviceId("UUID", "alice-laptop");
        DeviceId laptopNewId = probeRotated.deviceId("UUID", "alice-laptop");
        assertThat(laptopNewId).isNotEqualTo(laptopOldId);
        long rekeyedBefore = probeRotated.counter(ClientIdPolicyEngine.REKEYED_COUNTER);

        assertThat(auth(smtpRotated, alice, "alice-laptop")).as("approved under the old secret").isEqualTo(235);
        assertThat(auth(smtpRotated, alice, "alice-laptop")).as("again, under its new id").isEqualTo(235);
        assertThat(auth(smtpRotated, alice, "alice-tablet")).as("still pending").isEqualTo(535);
        assertThat(auth(smtpRotated, alice, "alice-random-token")).as("never known").isEqualTo(535);

        Device laptop = probeRotated.device(alice, laptopNewId).orElseThrow();
        assertThat(laptop.getStatus()).isEqualTo(DeviceStatus.TRUSTED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(probeRotated.activity(alice, laptopNewId).orElseThrow().getSuccesses()).isGreaterThanOrEqualTo(1));
        assertThat(probeRotated.device(alice, laptopOldId)).as("nothing left under the old id").isEmpty();
        assertThat(probeRotated.device(alice, probeRotated.deviceId("UUID", "alice-tablet")).orElseThrow().getStatus())
            .isEqualTo(DeviceStatus.PENDING);
        assertThat(probeRotated.devices(alice)).as("laptop, tablet and the random token's pending record, no duplicate").hasSize(3);
        assertThat(probeOld.device(alice, probeOld.deviceId("UUID", "alice-random-token")))
            .as("nothing recorded under the random token's old id").isEmpty();
        assertThat(probeRotated.counter(ClientIdPolicyEngine.REKEYED_COUNTER) - rekeyedBefore).as("laptop and tablet moved once each")
            .isEqualTo(2);
    }

    @Test
    @DisplayName("A device blocked under the old secret stays blocked after the rotation, its block under its new id")
    void blockShouldFollowTheDevice() throws Exception {
        String bob = ClientIdJamesServers.BOB;
        assertThat(auth(smtpOld, bob, "bob-stolen-phone")).isEqualTo(235);
        DeviceId oldId = probeOld.deviceId("UUID", "bob-stolen-phone");
        probeOld.deviceHistory().blocks().block(Block.of(oldId, Actor.ADMINISTRATOR, Instant.now(), Optional.empty(), Optional.of("stolen"))).block();

        assertThat(auth(smtpRotated, bob, "bob-stolen-phone")).isEqualTo(535);

        DeviceId newId = probeRotated.deviceId("UUID", "bob-stolen-phone");
        assertThat(probeRotated.isBlocked(newId)).isTrue();
        assertThat(probeRotated.deviceHistory().blocks().blocks(oldId).block()).isEqualTo(DeviceBlocks.NONE);
        assertThat(probeRotated.device(bob, newId).orElseThrow().getStatus()).isEqualTo(DeviceStatus.TRUSTED);
    }
}
