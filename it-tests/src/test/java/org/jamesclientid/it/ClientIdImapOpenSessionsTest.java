package org.jamesclientid.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.core.Username;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.StatusChange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;

/**
 * Issue 14, part 5: a device an administrator revokes or blocks loses its open IMAP connections, IDLE included, not
 * only its next sign-in. Python's imaplib waits in IDLE on a real James (implicit TLS); the administrator acts through
 * WebAdmin, or, as a change made on another node looks to this one, directly in the device store.
 */
class ClientIdImapOpenSessionsTest {
    private static final String ANNA = "anna@example.com";
    private static final String BRUNO = "bruno@example.com";
    private static final String CLARA = "clara@example.com";
    private static final String DIEGO = "diego@example.com";
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);
    private static final Duration AT_ONCE = Duration.ofSeconds(1);
    private static final Duration QUIET = Duration.ofSeconds(1);
    private static final String BYE = "* BYE Session ended by the server.";

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .clientIdProperties("clientid.mode=trust-first", "clientid.imap.openSessions.checkInterval=" + CHECK_INTERVAL.toSeconds() + "s")
        .inspectable()
        .build();

    private ClientIdTestProbe probe;
    private int imapsPort;

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server, ANNA, BRUNO, CLARA, DIEGO);
        probe = server.getProbe(ClientIdTestProbe.class);
        imapsPort = ClientIdJamesServers.imapsPort(server);
        RestAssured.requestSpecification = new RequestSpecBuilder()
            .setContentType(ContentType.JSON)
            .setAccept(ContentType.JSON)
            .setPort(ClientIdJamesServers.webAdminPort(server))
            .build();
    }

    private PythonImapIdle idle(String user, String token) throws Exception {
        return PythonImapIdle.start(imapsPort, user, ClientIdJamesServers.passwordOf(user), token);
    }

    private static void assertEndedWithin(PythonImapIdle session, Duration bound) throws InterruptedException {
        JsonNode first = session.next(bound)
            .orElseThrow(() -> new AssertionError("the IDLE connection was still open " + bound + " after the change"));
        assertThat(first.path("line").asText()).as("first thing the server sent: %s", first).isEqualTo(BYE);
        JsonNode second = session.next(AT_ONCE)
            .orElseThrow(() -> new AssertionError("the connection stayed open after the BYE"));
        assertThat(second.path("event").asText()).as("%s", second).isEqualTo("closed");
    }

    private static void assertStillIdling(PythonImapIdle session) throws Exception {
        assertThat(session.next(QUIET)).as("nothing for an unaffected session").isEmpty();
        session.done();
        JsonNode reply = session.next(Duration.ofSeconds(10))
            .orElseThrow(() -> new AssertionError("no reply to DONE"));
        assertThat(reply.path("line").asText()).isEqualTo("TAG OK IDLE completed.");
    }

    @Test
    @DisplayName("Revoked through WebAdmin: the device's IDLE connection gets * BYE and is closed at once; another device of the account stays")
    void revokedDeviceShouldLoseItsIdleConnectionAtOnce() throws Exception {
        DeviceId laptop = probe.enroll(ANNA, "UUID", "anna-laptop", DeviceStatus.TRUSTED);
        probe.enroll(ANNA, "UUID", "anna-phone", DeviceStatus.TRUSTED);

        try (PythonImapIdle revoked = idle(ANNA, "anna-laptop");
             PythonImapIdle other = idle(ANNA, "anna-phone")) {
            given()
                .body("{\"status\":\"revoked\"}")
                .put("/clientid/users/" + ANNA + "/devices/" + laptop.asString())
            .then()
                .statusCode(204);

            assertEndedWithin(revoked, AT_ONCE);
            assertStillIdling(other);
        }
    }

    @Test
    @DisplayName("Blocked through WebAdmin: the device's IDLE connections on every account get * BYE at once")
    void blockedDeviceShouldLoseItsIdleConnectionsOnEveryAccount() throws Exception {
        probe.enroll(BRUNO, "UUID", "shared-kiosk", DeviceStatus.TRUSTED);
        probe.enroll(CLARA, "UUID", "shared-kiosk", DeviceStatus.TRUSTED);
        probe.enroll(CLARA, "UUID", "clara-phone", DeviceStatus.TRUSTED);

        try (PythonImapIdle bruno = idle(BRUNO, "shared-kiosk");
             PythonImapIdle clara = idle(CLARA, "shared-kiosk");
             PythonImapIdle claraPhone = idle(CLARA, "clara-phone")) {
            given()
                .body("{\"type\":\"UUID\",\"token\":\"shared-kiosk\",\"reason\":\"stolen\"}")
                .post("/clientid/blocked")
            .then()
                .statusCode(201);

            assertEndedWithin(bruno, AT_ONCE);
            assertEndedWithin(clara, AT_ONCE);
            assertStillIdling(claraPhone);
        }
    }

    @Test
    @DisplayName("Revoked in the store by another node: the IDLE connection ends within clientid.imap.openSessions.checkInterval")
    void deviceRevokedElsewhereShouldLoseItsIdleConnectionWithinTheCheckInterval() throws Exception {
        DeviceId tablet = probe.enroll(DIEGO, "UUID", "diego-tablet", DeviceStatus.TRUSTED);

        try (PythonImapIdle session = idle(DIEGO, "diego-tablet")) {
            // What a revocation through another node's WebAdmin leaves here: the store changed, no listener called.
            probe.deviceHistory().devices().changeStatus(Username.of(DIEGO), tablet,
                StatusChange.revoked(Optional.empty(), Actor.ADMINISTRATOR, Instant.now())).block();

            assertEndedWithin(session, CHECK_INTERVAL.plus(CHECK_INTERVAL));
        }
    }
}
