package org.jamesclientid.webadmin;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;
import static org.jamesclientid.webadmin.ClientIdDeviceRoutesTest.assertBadRequest;
import static org.jamesclientid.webadmin.ClientIdDeviceRoutesTest.assertNotFound;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.ALICE;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.BOB;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.NOW;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.UNKNOWN;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.eclipse.jetty.http.HttpStatus;
import org.jamesclientid.core.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

class ClientIdPasswordOnlySignInRoutesTest {
    private static final Optional<String> WEBMAIL = Optional.of("192.0.2.10");
    private static final Optional<String> HOME = Optional.of("2001:db8::7");

    private ClientIdWebAdminFixture webAdmin;

    @BeforeEach
    void setUp() {
        webAdmin = ClientIdWebAdminFixture.start();
        RestAssured.requestSpecification = webAdmin.requestSpecification();
    }

    @AfterEach
    void tearDown() {
        webAdmin.close();
    }

    private static String signIns(Username username) {
        return "/clientid/users/" + username.asString() + "/password-only-signins";
    }

    private void record(Username username, String mechanism, Instant at, Optional<String> ip) {
        webAdmin.passwordOnlySignIns.record(username, Protocol.SMTP, mechanism, at, ip).block();
    }

    @Test
    void listSignInsShouldReturnEmptyListWhenNone() {
        when()
            .get(signIns(ALICE))
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("[]"));
    }

    @Test
    void listSignInsShouldGroupPerMechanismLatestFirst() {
        record(ALICE, "PLAIN", NOW.minus(Duration.ofDays(3)), HOME);
        record(ALICE, "PLAIN", NOW.minus(Duration.ofHours(2)), WEBMAIL);
        record(ALICE, "LOGIN", NOW.minus(Duration.ofMinutes(5)), Optional.empty());

        when()
            .get(signIns(ALICE))
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("["
                + "{\"protocol\":\"smtp\",\"mechanism\":\"LOGIN\",\"count\":1,\"lastSeen\":\"2026-11-27T09:55:00Z\",\"lastIp\":null},"
                + "{\"protocol\":\"smtp\",\"mechanism\":\"PLAIN\",\"count\":2,\"lastSeen\":\"2026-11-27T08:00:00Z\",\"lastIp\":\"192.0.2.10\"}"
                + "]"));
    }

    @Test
    void listSignInsShouldShowTheLastThirtyDaysOnly() {
        // The 30 UTC days ending today: 2026-10-29 to 2026-11-27.
        record(ALICE, "PLAIN", Instant.parse("2026-10-28T23:59:59Z"), HOME);
        record(ALICE, "PLAIN", Instant.parse("2026-10-29T00:00:00Z"), WEBMAIL);

        when()
            .get(signIns(ALICE))
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("[{\"protocol\":\"smtp\",\"mechanism\":\"PLAIN\",\"count\":1,\"lastSeen\":\"2026-10-29T00:00:00Z\",\"lastIp\":\"192.0.2.10\"}]"));
    }

    @Test
    void listSignInsShouldLeaveOutOtherAccounts() {
        record(BOB, "PLAIN", NOW, WEBMAIL);

        when()
            .get(signIns(ALICE))
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("[]"));
    }

    @Test
    void listSignInsShouldReturnNotFoundWhenUnknownUser() {
        assertNotFound(when().get(signIns(UNKNOWN)).then(), "The user 'carol@example.com' does not exist");
    }

    @Test
    void listSignInsShouldReturnBadRequestWhenInvalidUser() {
        assertBadRequest(when().get("/clientid/users/alice@/password-only-signins").then(),
            "Invalid user 'alice@': Domain part should not be empty");
    }
}
