package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A James server on the Cassandra store, in trust-first, while Cassandra freezes (SIGSTOP) and comes back.
 */
class ClientIdCassandraOutageTest {
    private static final String TEMPORARY_FAILURE = "4.7.0 Temporary authentication failure";

    @RegisterExtension
    @Order(1)
    static CassandraExtension cassandra = new CassandraExtension();

    static JamesCqlSessions sessions = new JamesCqlSessions(cassandra);

    @RegisterExtension
    @Order(2)
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clientIdProperties("clientid.mode=trust-first")
        .cassandraStore(sessions)
        .build();

    @AfterAll
    static void closeSessions() {
        sessions.close();
    }

    private PythonSmtpClient smtps;
    private ClientIdTestProbe probe;

    @BeforeEach
    void setUp() throws Exception {
        GuiceJamesServer server = jamesServer.getGuiceJamesServer();
        ClientIdJamesServers.createUsers(server);
        smtps = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server), Mode.IMPLICIT_TLS);
        probe = server.getProbe(ClientIdTestProbe.class);
    }

    @AfterEach
    void tearDown() {
        cassandra.resume();
    }

    private Reply auth(String user, String password, String token) throws Exception {
        return smtps.dialogue("EHLO client.example", "CLIENTID UUID " + token, "AUTH PLAIN " + user + " " + password).get(2);
    }

    @Test
    @DisplayName("Real SMTP on the Cassandra store: the first device is trusted and stored in Cassandra")
    void authShouldRecordTheFirstDeviceInCassandraWhenTrustFirst() throws Exception {
        assertThat(auth(ClientIdJamesServers.ALICE, ClientIdJamesServers.ALICE_PASSWORD, "alice-phone").code()).isEqualTo(235);

        long rows = cassandra.getSession().execute("SELECT device_id FROM clientid_devices").all().size();
        assertThat(rows).isEqualTo(1);
        assertThat(auth(ClientIdJamesServers.ALICE, ClientIdJamesServers.ALICE_PASSWORD, "alice-tablet").code())
            .as("second device, trust-first").isEqualTo(535);
    }

    @Test
    @DisplayName("Hot path: a device signing in again writes its activity only, never the row administrators own")
    void authShouldWriteOnlyTheActivityWhenTheDeviceSignsInAgain() throws Exception {
        assertThat(auth(ClientIdJamesServers.BOB, ClientIdJamesServers.BOB_PASSWORD, "bob-phone").code()).isEqualTo(235);
        long writtenAt = statusWriteTime(ClientIdJamesServers.BOB);

        assertThat(auth(ClientIdJamesServers.BOB, ClientIdJamesServers.BOB_PASSWORD, "bob-phone").code()).isEqualTo(235);
        assertThat(auth(ClientIdJamesServers.BOB, ClientIdJamesServers.BOB_PASSWORD, "bob-phone").code()).isEqualTo(235);

        assertThat(statusWriteTime(ClientIdJamesServers.BOB)).isEqualTo(writtenAt);
        DeviceId phone = probe.deviceId("UUID", "bob-phone");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(probe.activity(ClientIdJamesServers.BOB, phone).orElseThrow().getSuccesses()).isEqualTo(3));
    }

    private long statusWriteTime(String user) {
        return cassandra.getSession().execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
            "SELECT WRITETIME(status) FROM clientid_devices WHERE username = ?", user)).one().getLong(0);
    }

    @Test
    @DisplayName("Cassandra frozen: 454 4.7.0 without exception text, even for a trusted device; service returns by itself")
    void authShouldAnswerTemporaryFailureWhileCassandraIsFrozenAndRecoverAfter() throws Exception {
        assertThat(auth(ClientIdJamesServers.ALICE, ClientIdJamesServers.ALICE_PASSWORD, "alice-phone").code()).isEqualTo(235);
        DeviceId phone = probe.deviceId("UUID", "alice-phone");
        Device before = probe.device(ClientIdJamesServers.ALICE, phone).orElseThrow();

        cassandra.pause();
        Instant start = Instant.now();
        Reply reply = auth(ClientIdJamesServers.ALICE, ClientIdJamesServers.ALICE_PASSWORD, "alice-phone");
        Duration waited = Duration.between(start, Instant.now());
        Reply wrongPassword = auth(ClientIdJamesServers.BOB, "wrong", "bob-phone");
        cassandra.resume();

        assertThat(reply.code()).isEqualTo(454);
        assertThat(reply.text()).isEqualTo(TEMPORARY_FAILURE);
        assertThat(waited).as("bounded by clientid.store.timeout").isLessThan(Duration.ofSeconds(10));
        assertThat(wrongPassword.code()).isIn(454, 535);
        assertThat(wrongPassword.text()).doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("timeout");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
            assertThat(auth(ClientIdJamesServers.ALICE, ClientIdJamesServers.ALICE_PASSWORD, "alice-phone").code()).isEqualTo(235));
        Device after = probe.device(ClientIdJamesServers.ALICE, phone).orElseThrow();
        assertThat(after.getStatus()).isEqualTo(DeviceStatus.TRUSTED);
        assertThat(after.getFirstSeen()).isEqualTo(before.getFirstSeen());
    }

    @Test
    @DisplayName("Cassandra frozen: failures, blocks and devices recorded before are all there after")
    void outageShouldLoseNothingRecordedBefore() throws Exception {
        probe.enroll(ClientIdJamesServers.BOB, "UUID", "bob-laptop", DeviceStatus.TRUSTED);
        for (int i = 0; i < 3; i++) {
            assertThat(auth(ClientIdJamesServers.BOB, "guess-" + i, "bob-laptop").code()).isEqualTo(535);
        }
        DeviceId laptop = probe.deviceId("UUID", "bob-laptop");

        cassandra.pause();
        assertThat(auth(ClientIdJamesServers.BOB, ClientIdJamesServers.BOB_PASSWORD, "bob-laptop").code()).isEqualTo(454);
        cassandra.resume();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
            assertThat(probe.deviceFailuresSince(laptop, Instant.EPOCH)).isGreaterThanOrEqualTo(3));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(probe.activity(ClientIdJamesServers.BOB, laptop).orElseThrow().getFailures()).isEqualTo(3));
        assertThat(auth(ClientIdJamesServers.BOB, ClientIdJamesServers.BOB_PASSWORD, "bob-laptop").code()).isEqualTo(235);
    }
}
