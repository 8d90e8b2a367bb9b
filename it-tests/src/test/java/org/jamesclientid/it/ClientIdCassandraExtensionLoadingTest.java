package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * The production wiring: James loads ClientIdCassandraModule from extensions.properties into its child injector,
 * on the server's own CqlSession, and the module creates its tables in a keyspace that has none.
 */
class ClientIdCassandraExtensionLoadingTest {
    @RegisterExtension
    @Order(1)
    static CassandraExtension cassandra = new CassandraExtension();

    static JamesCqlSessions sessions = new JamesCqlSessions(cassandra);

    @RegisterExtension
    @Order(2)
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clientIdProperties("clientid.mode=trust-first")
        .cassandraStoreAsExtension(sessions)
        .build();

    @AfterAll
    static void closeSessions() {
        sessions.close();
    }

    @Test
    @DisplayName("Loaded from extensions.properties: tables created, devices recorded in Cassandra, a second device refused")
    void extensionModuleShouldCreateItsTablesAndRecordDevicesInCassandra() throws Exception {
        GuiceJamesServer server = jamesServer.getGuiceJamesServer();
        ClientIdJamesServers.createUsers(server);
        PythonSmtpClient smtps = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server), Mode.IMPLICIT_TLS);

        assertThat(smtps.dialogue("EHLO client.example", "CLIENTID UUID alice-phone",
            "AUTH PLAIN " + ClientIdJamesServers.ALICE + " " + ClientIdJamesServers.ALICE_PASSWORD).get(2).code()).isEqualTo(235);
        assertThat(smtps.dialogue("EHLO client.example", "CLIENTID UUID alice-tablet",
            "AUTH PLAIN " + ClientIdJamesServers.ALICE + " " + ClientIdJamesServers.ALICE_PASSWORD).get(2).code()).isEqualTo(535);

        List<String> statuses = cassandra.getSession().execute(SimpleStatement.newInstance(
                "SELECT status FROM clientid_devices WHERE username = ?", ClientIdJamesServers.ALICE))
            .all().stream().map(row -> row.getString("status")).sorted().collect(Collectors.toList());
        assertThat(statuses).containsExactly("pending", "trusted");
        List<Row> tables = cassandra.getSession().execute(SimpleStatement.newInstance(
            "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", cassandra.getKeyspace())).all();
        assertThat(tables.stream().map(row -> row.getString("table_name")))
            .contains("clientid_devices", "clientid_device_activity", "clientid_policies", "clientid_device_uses",
                "clientid_account_device_uses", "clientid_blocks", "clientid_failures");
    }
}
