package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.apache.derby.jdbc.EmbeddedDriver;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

/**
 * The JDBC store as a JPA-server operator installs it (docs/jdbc.md): a stock James 3.8.1 in its own JVM, the drop-in
 * jar in extensions-jars/, the shipped conf with {@code ClientIdJdbcModule} in extensions.properties and a
 * {@code james-database.properties} naming embedded Derby, the Derby jar on James' classpath as the JPA server has it
 * in lib/. James is stopped and started again on the same installation: a device approved over WebAdmin before the
 * restart is still trusted after it (smtplib, AUTH after CLIENTID), another still refused.
 */
class DropInJdbcStockJamesIT {
    private static final String DOMAIN = "example.com";
    private static final String ALICE = "alice@example.com";
    private static final String ALICE_PASSWORD = "alice-secret";
    private static final String LAPTOP = "5f0c6d1e-3a47-4b8e-9c2d-7e1f0a9b8c6d";
    private static final String OTHER_LAPTOP = "8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f4a";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path derbyJar() throws URISyntaxException {
        return Paths.get(EmbeddedDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        Preconditions.checkState(value != null, "System property %s is not set (set by it-tests/pom.xml)", name);
        return value;
    }

    private static int auth(StockJamesServer server, String token) throws Exception {
        List<PythonSmtpClient.Reply> replies = new PythonSmtpClient(server.smtpsPort(), Mode.IMPLICIT_TLS)
            .dialogue("EHLO client.example", "CLIENTID UUID " + token, "AUTH PLAIN " + ALICE + " " + ALICE_PASSWORD);
        assertThat(replies.get(1).code()).as("CLIENTID reply").isEqualTo(250);
        return replies.get(2).code();
    }

    private static void createAlice(StockJamesServer server) throws Exception {
        server.webAdmin("PUT", "/domains/" + DOMAIN, "");
        server.webAdmin("PUT", "/users/" + ALICE, "{\"password\":\"" + ALICE_PASSWORD + "\"}");
    }

    @Test
    void deviceApprovedOverWebAdminShouldStayTrustedWhenTheStockJamesRestarts(@TempDir Path databases) throws Exception {
        List<Path> jamesClasspath = ImmutableList.<Path>builder()
            .addAll(StockJamesServer.readClasspathFile(Paths.get(requiredProperty("clientid.stock.james.classpath"))))
            .add(derbyJar())
            .build();
        String derbyUrl = "jdbc:derby:" + databases.resolve("james").toAbsolutePath() + ";create=true";
        StockJamesServer first = StockJamesServer.start(Paths.get("target", "drop-in-jdbc-stock-james"),
            ImmutableList.of(Paths.get(requiredProperty("clientid.dropin.jar"))), jamesClasspath,
            ImmutableMap.of(
                "extensions.properties", properties -> properties.replaceAll("(?m)^guice\\.extension\\.module=.*$",
                    "guice.extension.module=org.jamesclientid.jdbc.ClientIdJdbcModule"),
                // As James' JPA server ships it, on a database of its own.
                "james-database.properties", any -> String.join("\n",
                    "database.driverClassName=org.apache.derby.jdbc.EmbeddedDriver",
                    "database.url=" + derbyUrl,
                    "database.username=app",
                    "database.password=app",
                    "vendorAdapter.database=DERBY",
                    ""),
                // A persistent store needs the same device-id secret at every start; enforce: unknown devices refused.
                "clientid.properties", properties -> properties.replaceAll("(?m)^clientid\\.mode=.*$", "clientid.mode=enforce")
                    + "\nclientid.secret=drop-in-jdbc-restart-0123456789abcdef0123456789abcdef\n"),
            StockJamesServer.TEST_JVM_OPTIONS);
        StockJamesServer second = null;
        try {
            assertThat(first.jamesLog()).contains("CLIENTID: stores on " + derbyUrl);
            createAlice(first);
            assertThat(auth(first, LAPTOP)).as("unknown device, enforce").isEqualTo(535);
            JsonNode devices = JSON.readTree(first.webAdmin("GET", "/clientid/users/" + ALICE + "/devices", ""));
            assertThat(devices).hasSize(1);
            first.webAdmin("PUT", "/clientid/users/" + ALICE + "/devices/" + devices.get(0).get("id").asText(),
                "{\"status\":\"trusted\",\"label\":\"laptop\"}");
            assertThat(auth(first, LAPTOP)).isEqualTo(235);
            first.close();

            second = first.startAgain();
            // The memory server under the JPA-like setup keeps its users in memory: created again, same password.
            createAlice(second);
            JsonNode after = JSON.readTree(second.webAdmin("GET", "/clientid/users/" + ALICE + "/devices", ""));
            assertThat(after).hasSize(1);
            assertThat(after.get(0).get("status").asText()).isEqualTo("trusted");
            assertThat(after.get(0).get("label").asText()).isEqualTo("laptop");
            assertThat(auth(second, LAPTOP)).isEqualTo(235);
            assertThat(auth(second, OTHER_LAPTOP)).as("still enforced").isEqualTo(535);
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }
}
