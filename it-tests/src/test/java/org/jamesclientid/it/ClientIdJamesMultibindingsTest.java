package org.jamesclientid.it;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.policy.LogCapture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;

/**
 * CLIENTID bound in James' own injector with ClientIdJamesMultibindingsModule (a custom server assembly): James' user
 * rename task runs the device history step itself, and WebAdmin logs CLIENTID requests without their body.
 */
class ClientIdJamesMultibindingsTest {
    private static final String OLD_USER = "before-rename@example.com";
    private static final String NEW_USER = "after-rename@example.com";

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .withJamesMultibindings()
        .build();

    private ClientIdTestProbe probe;

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server, OLD_USER, NEW_USER);
        probe = server.getProbe(ClientIdTestProbe.class);
        RestAssured.requestSpecification = new RequestSpecBuilder()
            .setContentType(ContentType.JSON)
            .setPort(ClientIdJamesServers.webAdminPort(server))
            .build();
    }

    @Test
    void jamesRenameTaskShouldMoveDeviceHistoryWhenStepBoundInJamesInjector() {
        probe.enroll(OLD_USER, "UUID", "moved-by-james-task", DeviceStatus.TRUSTED);

        String taskId = given()
            .post("/users/" + OLD_USER + "/rename/" + NEW_USER + "?action=rename")
        .then()
            .statusCode(201)
            .extract().path("taskId");

        when()
            .get("/tasks/" + taskId + "/await")
        .then()
            .body("status", is("completed"))
            .body("additionalInformation.status.ClientIdDeviceHistoryUsernameChangeTaskStep", is("DONE"))
            .body("additionalInformation.status.ClientIdPasswordOnlySignInsUsernameChangeTaskStep", is("DONE"));
        assertThat(probe.devices(OLD_USER)).isEmpty();
        assertThat(probe.device(NEW_USER, probe.deviceId("UUID", "moved-by-james-task"))).isPresent();
    }

    @Test
    void webAdminShouldLogClientIdRequestsWithoutBodyWhenRequestLoggerBound() {
        String token = "logged-nowhere-token-0123456789";
        try (LogCapture logs = LogCapture.everything()) {
            given()
                .body("{\"type\":\"UUID\",\"token\":\"" + token + "\"}")
                .post("/clientid/users/" + ClientIdJamesServers.ALICE + "/devices")
            .then()
                .statusCode(201);

            assertThat(logs.everythingWrittenBy(logger -> !logger.startsWith("org.apache.http.")))
                .contains("WebAdmin request received: CLIENTID request, body not logged")
                .doesNotContain(token);
        }
        assertThat(probe.deviceHistory().devices().devices(Username.of(ClientIdJamesServers.ALICE)).collectList().block()).isNotEmpty();
    }
}
