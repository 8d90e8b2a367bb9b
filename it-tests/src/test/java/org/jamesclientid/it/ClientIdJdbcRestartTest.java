package org.jamesclientid.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.james.GuiceJamesServer;
import org.awaitility.Awaitility;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * What the JDBC store is for: a single James whose devices outlive a restart. A James memory server loads
 * ClientIdJdbcModule from extensions.properties, on the embedded Derby database of a james-database.properties in its
 * conf (as James' JPA server has), is stopped and started again on the same working directory and database: what the
 * JDBC store holds is still in force (smtplib, AUTH PLAIN after CLIENTID; WebAdmin): a device an administrator approved
 * over WebAdmin is still trusted, another still refused; a device throttled is still throttled.
 */
class ClientIdJdbcRestartTest {
    private static final String ALICE = ClientIdJamesServers.ALICE;
    // Device ids are an HMAC of the token with it: a persistent store needs the same secret at every start.
    private static final String FIXED_SECRET = "clientid.secret=0123456789abcdef0123456789abcdef-restart-test";
    // Embedded Derby compiles each statement at its first use: on a loaded test machine the first sign-in after a start
    // can take longer than the shipped 2s, and would be decided as a store outage. Latency is not under test here.
    private static final String PATIENT_STORE = "clientid.store.timeout=30s";

    @RegisterExtension
    final ClientIdWarnings warnings = new ClientIdWarnings();

    private static RequestSpecification webAdmin(GuiceJamesServer server) {
        return new RequestSpecBuilder()
            .setContentType(ContentType.JSON)
            .setAccept(ContentType.JSON)
            .setPort(ClientIdJamesServers.webAdminPort(server))
            .build();
    }

    private int auth(GuiceJamesServer server, String token) throws Exception {
        return authWithPassword(server, token, ClientIdJamesServers.ALICE_PASSWORD);
    }

    private static List<Map<String, Object>> devices(GuiceJamesServer server) {
        return given(webAdmin(server))
            .get("/clientid/users/" + ALICE + "/devices")
        .then()
            .statusCode(200)
            .extract().jsonPath().getList("");
    }


    @Test
    void deviceApprovedOverWebAdminShouldStayTrustedWhenJamesRestarts(@TempDir File workingDirectory, @TempDir Path databases) throws Exception {
        ClientIdJamesServers.Builder builder = ClientIdJamesServers.builder()
            .clientIdProperties(FIXED_SECRET, PATIENT_STORE, "clientid.mode=enforce")
            .jdbcStoreAsExtension(databases.resolve("derby"));

        GuiceJamesServer first = builder.server(workingDirectory);
        try {
            first.start();
            ClientIdJamesServers.createUsers(first);
            assertThat(auth(first, "restart-laptop")).as("unknown device, enforce").isEqualTo(535);
            String pending = (String) devices(first).get(0).get("id");
            given(webAdmin(first))
                .body("{\"status\":\"trusted\",\"label\":\"laptop\"}")
            .when()
                .put("/clientid/users/" + ALICE + "/devices/" + pending)
            .then()
                .statusCode(204);
            assertThat(auth(first, "restart-laptop")).isEqualTo(235);
        } finally {
            first.stop();
        }
        awaitNoSweepThread();

        GuiceJamesServer second = builder.server(workingDirectory);
        try {
            second.start();
            // The memory server keeps its users in memory: created again, with the same password.
            ClientIdJamesServers.createUsers(second);

            assertThat(devices(second)).singleElement()
                .satisfies(device -> assertThat(device).containsEntry("status", "trusted").containsEntry("label", "laptop"));
            assertThat(auth(second, "restart-laptop")).isEqualTo(235);
            assertThat(auth(second, "restart-other-laptop")).as("still enforced").isEqualTo(535);
        } finally {
            second.stop();
        }
        awaitNoSweepThread();
    }

    /**
     * The AUTH reply's code; a 454 (the store did not answer) fails here with what the extension logged.
     */
    private int authWithPassword(GuiceJamesServer server, String token, String password) throws Exception {
        List<PythonSmtpClient.Reply> replies = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server), Mode.IMPLICIT_TLS)
            .dialogue("EHLO client.example", "CLIENTID UUID " + token, "AUTH PLAIN " + ALICE + " " + password);
        assertThat(replies.get(1).code()).as("CLIENTID reply").isEqualTo(250);
        assertThat(replies.get(2).code()).as(() -> "AUTH answered as a store outage; logged:\n" + warnings.text()).isNotEqualTo(454);
        return replies.get(2).code();
    }

    private static List<Map<String, Object>> throttles(GuiceJamesServer server) {
        return given(webAdmin(server))
            .get("/clientid/users/" + ALICE + "/throttles")
        .then()
            .statusCode(200)
            .extract().jsonPath().getList("");
    }

    @Test
    void deviceThrottledBeforeARestartShouldStayThrottledAfterIt(@TempDir File workingDirectory, @TempDir Path databases) throws Exception {
        ClientIdJamesServers.Builder builder = ClientIdJamesServers.builder()
            .clientIdProperties(FIXED_SECRET, PATIENT_STORE, "clientid.failures.limit=2")
            .jdbcStoreAsExtension(databases.resolve("derby"));

        GuiceJamesServer first = builder.server(workingDirectory);
        try {
            first.start();
            ClientIdJamesServers.createUsers(first);
            assertThat(authWithPassword(first, "guessing-laptop", "wrong-1")).isEqualTo(535);
            assertThat(authWithPassword(first, "guessing-laptop", "wrong-2")).isEqualTo(535);
            assertThat(throttles(first)).singleElement()
                .satisfies(throttle -> assertThat(throttle).containsEntry("scope", "device-on-account"));
        } finally {
            first.stop();
        }
        // James closed the store with the server: no sweep of the stopped server runs on.
        awaitNoSweepThread();

        GuiceJamesServer second = builder.server(workingDirectory);
        try {
            second.start();
            // The memory server keeps its users in memory: created again, with the same password.
            ClientIdJamesServers.createUsers(second);

            assertThat(throttles(second)).singleElement()
                .satisfies(throttle -> assertThat(throttle).containsEntry("scope", "device-on-account"));
            assertThat(authWithPassword(second, "guessing-laptop", ClientIdJamesServers.ALICE_PASSWORD)).as("throttled device").isEqualTo(535);
            assertThat(authWithPassword(second, "other-laptop", ClientIdJamesServers.ALICE_PASSWORD)).isEqualTo(235);
        } finally {
            second.stop();
        }
        awaitNoSweepThread();
    }

    private static void awaitNoSweepThread() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
            .noneMatch(thread -> thread.getName().startsWith("clientid-jdbc-sweep")));
    }
}
