package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In observe, CLIENTID never stands between a user and the mail: a frozen Cassandra does not refuse AUTH.
 */
class ClientIdCassandraOutageObserveTest {
    @RegisterExtension
    @Order(1)
    static CassandraExtension cassandra = new CassandraExtension();

    static JamesCqlSessions sessions = new JamesCqlSessions(cassandra);

    @RegisterExtension
    @Order(2)
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clientIdProperties("clientid.mode=observe")
        .cassandraStore(sessions)
        .build();

    @AfterAll
    static void closeSessions() {
        sessions.close();
    }

    @Test
    @DisplayName("Cassandra frozen in observe: AUTH passes on the password alone, and a wrong one is still refused")
    void authShouldPassWhileCassandraIsFrozenWhenObserve() throws Exception {
        GuiceJamesServer server = jamesServer.getGuiceJamesServer();
        ClientIdJamesServers.createUsers(server);
        PythonSmtpClient smtps = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server), Mode.IMPLICIT_TLS);
        assertThat(smtps.dialogue("EHLO client.example", "CLIENTID UUID alice-phone",
            "AUTH PLAIN " + ClientIdJamesServers.ALICE + " " + ClientIdJamesServers.ALICE_PASSWORD).get(2).code()).isEqualTo(235);

        cassandra.pause();
        try {
            Reply reply = smtps.dialogue("EHLO client.example", "CLIENTID UUID alice-phone",
                "AUTH PLAIN " + ClientIdJamesServers.ALICE + " " + ClientIdJamesServers.ALICE_PASSWORD).get(2);
            Reply wrong = smtps.dialogue("EHLO client.example", "CLIENTID UUID alice-phone",
                "AUTH PLAIN " + ClientIdJamesServers.ALICE + " wrong").get(2);

            assertThat(reply.code()).isEqualTo(235);
            assertThat(wrong.code()).isEqualTo(535);
        } finally {
            cassandra.resume();
        }
    }
}
