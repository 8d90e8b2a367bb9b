package org.jamesclientid.it;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.utils.DataProbeImpl;
import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;

/**
 * An administrator manages devices through James WebAdmin on a real James started from the shipped conf: the CLIENTID
 * module comes from extensions.properties and the routes from webadmin.properties, as in production. SMTP through
 * Python's smtplib over implicit TLS. Each test uses its own accounts and tokens.
 */
class ClientIdWebAdminTest {
    private static final List<String> USERS = IntStream.rangeClosed(1, 12)
        .mapToObj(i -> "admin" + i + "@example.com")
        .collect(Collectors.toList());

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.memoryServer();

    private PythonSmtpClient smtps;

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server, USERS.toArray(String[]::new));
        smtps = new PythonSmtpClient(ClientIdJamesServers.smtpsPort(server), Mode.IMPLICIT_TLS);
        RestAssured.requestSpecification = new RequestSpecBuilder()
            .setContentType(ContentType.JSON)
            .setAccept(ContentType.JSON)
            .setPort(ClientIdJamesServers.webAdminPort(server))
            .build();
    }

    private static String user(int i) {
        return USERS.get(i - 1);
    }

    private int auth(String user, String type, String token) throws Exception {
        List<Reply> replies = smtps.dialogue("EHLO client.example", "CLIENTID " + type + " " + token,
            "AUTH PLAIN " + user + " " + ClientIdJamesServers.passwordOf(user));
        assertThat(replies.get(1).code()).as("CLIENTID reply").isEqualTo(250);
        return replies.get(2).code();
    }

    private int auth(String user, String token) throws Exception {
        return auth(user, "UUID", token);
    }

    private static void setPolicy(String user, String mode, boolean requireClientId) {
        given()
            .body("{\"mode\":\"" + mode + "\",\"requireClientId\":" + requireClientId + "}")
        .when()
            .put("/clientid/users/" + user + "/policy")
        .then()
            .statusCode(204);
    }

    private static List<Map<String, Object>> devices(String user) {
        return when()
            .get("/clientid/users/" + user + "/devices")
        .then()
            .statusCode(200)
            .extract().jsonPath().getList("");
    }

    private static String idOfDeviceWithStatus(String user, String status) {
        return devices(user).stream()
            .filter(device -> status.equals(device.get("status")))
            .map(device -> (String) device.get("id"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + status + " device for " + user + ": " + devices(user)));
    }

    @Test
    @DisplayName("trust-first: a pending device approved through WebAdmin passes at the next AUTH")
    void approvedPendingDeviceShouldAuthenticateWhenTrustFirst() throws Exception {
        String user = user(1);
        setPolicy(user, "trust-first", false);
        assertThat(auth(user, "approval-laptop")).isEqualTo(235);
        assertThat(auth(user, "approval-new-phone")).isEqualTo(535);
        String pending = idOfDeviceWithStatus(user, "pending");

        given()
            .body("{\"status\":\"trusted\",\"label\":\"new phone\"}")
        .when()
            .put("/clientid/users/" + user + "/devices/" + pending)
        .then()
            .statusCode(204);

        assertThat(auth(user, "approval-new-phone")).isEqualTo(235);
        assertThat(devices(user)).extracting(device -> device.get("label")).contains("new phone");
    }

    @Test
    @DisplayName("enforce: a pending device approved through WebAdmin passes at the next AUTH")
    void approvedPendingDeviceShouldAuthenticateWhenEnforced() throws Exception {
        String user = user(2);
        setPolicy(user, "enforce", true);
        assertThat(auth(user, "enforced-tablet")).isEqualTo(535);

        given()
            .body("{\"status\":\"trusted\"}")
        .when()
            .put("/clientid/users/" + user + "/devices/" + idOfDeviceWithStatus(user, "pending"))
        .then()
            .statusCode(204);

        assertThat(auth(user, "enforced-tablet")).isEqualTo(235);
    }

    @Test
    @DisplayName("a device enrolled out of band through WebAdmin is the one presented over SMTP")
    void enrolledDeviceShouldAuthenticateWhenPresentedOverSmtp() throws Exception {
        String user = user(3);
        setPolicy(user, "enforce", true);

        given()
            .body("{\"type\":\"LICENSE\",\"token\":\"LK-2026-WEBADMIN-0001\",\"label\":\"accounting PC\"}")
        .when()
            .post("/clientid/users/" + user + "/devices")
        .then()
            .statusCode(201)
            .body("status", is("trusted"));

        assertThat(auth(user, "license", "LK-2026-WEBADMIN-0001")).isEqualTo(235);
        assertThat(auth(user, "LICENSE", "LK-2026-WEBADMIN-0002")).isEqualTo(535);
        assertThat(devices(user)).extracting(device -> device.get("successes")).contains(1);
    }

    @Test
    @DisplayName("a device revoked through WebAdmin is refused, and passes once trusted again")
    void authShouldBeRefusedWhenDeviceRevokedThroughWebAdmin() throws Exception {
        String user = user(4);
        assertThat(auth(user, "revoked-laptop")).isEqualTo(235);
        String id = idOfDeviceWithStatus(user, "trusted");

        given().body("{\"status\":\"revoked\",\"until\":\"2100-01-01T00:00:00Z\"}").put("/clientid/users/" + user + "/devices/" + id)
            .then().statusCode(204);
        assertThat(auth(user, "revoked-laptop")).isEqualTo(535);

        given().body("{\"status\":\"trusted\"}").put("/clientid/users/" + user + "/devices/" + id).then().statusCode(204);
        assertThat(auth(user, "revoked-laptop")).isEqualTo(235);
    }

    @Test
    @DisplayName("a device blocked through WebAdmin is refused on every account until unblocked")
    void authShouldBeRefusedOnEveryAccountWhenDeviceBlockedThroughWebAdmin() throws Exception {
        String id = given()
            .body("{\"type\":\"UUID\",\"token\":\"blocked-everywhere\",\"reason\":\"stolen\"}")
        .when()
            .post("/clientid/blocked")
        .then()
            .statusCode(201)
            .extract().path("id");

        assertThat(auth(user(5), "blocked-everywhere")).isEqualTo(535);
        assertThat(auth(user(6), "blocked-everywhere")).isEqualTo(535);
        when().get("/clientid/blocked").then().body("find { it.id == '" + id + "' }.reason", is("stolen"));

        when().delete("/clientid/blocked/" + id).then().statusCode(204);
        assertThat(auth(user(5), "blocked-everywhere")).isEqualTo(235);
    }

    @Test
    @DisplayName("the accounts a device was used with are listed by device id")
    void listUsersShouldReturnAccountsWhenDeviceUsedOverSmtp() throws Exception {
        assertThat(auth(user(7), "shared-by-two")).isEqualTo(235);
        assertThat(auth(user(8), "shared-by-two")).isEqualTo(235);

        when()
            .get("/clientid/devices/" + idOfDeviceWithStatus(user(7), "trusted") + "/users")
        .then()
            .statusCode(200)
            .body("username", containsInAnyOrder(user(8), user(7)));
    }

    @Test
    @DisplayName("James' own DELETE /users/{user} deletes the user's device history")
    void jamesUserDeletionShouldDeleteDeviceHistoryWhenDeletedThroughWebAdmin(GuiceJamesServer server) throws Exception {
        String user = user(9);
        setPolicy(user, "enforce", false);
        given().body("{\"type\":\"UUID\",\"token\":\"deleted-with-user\"}").post("/clientid/users/" + user + "/devices").then().statusCode(201);

        when().delete("/users/" + user).then().statusCode(204);
        when().get("/clientid/users/" + user + "/devices").then().statusCode(404);

        // A new account of the same name starts without the old one's devices and policy.
        server.getProbe(DataProbeImpl.class).addUser(user, ClientIdJamesServers.passwordOf(user));
        assertThat(devices(user)).isEmpty();
        when().get("/clientid/users/" + user + "/policy").then().body(equalTo("{\"mode\":\"observe\",\"requireClientId\":true,\"modeSource\":\"global\",\"requireClientIdSource\":\"global\","
            + "\"requireClientIdByProtocol\":{\"smtp\":true,\"imap\":true,\"pop3\":true,\"jmap\":true}}"));
    }

    @Test
    @DisplayName("James' own user rename moves the device history, and the devices keep passing")
    void jamesUserRenameShouldMoveDeviceHistoryWhenRenamedThroughWebAdmin() throws Exception {
        String oldUser = user(10);
        String newUser = user(11);
        assertThat(auth(oldUser, "renamed-laptop")).isEqualTo(235);
        setPolicy(oldUser, "enforce", true);

        String taskId = given()
        .when()
            .post("/users/" + oldUser + "/rename/" + newUser + "?action=rename")
        .then()
            .statusCode(201)
            .extract().path("taskId");
        when().get("/tasks/" + taskId + "/await").then().body("status", is("completed"));

        assertThat(devices(oldUser)).isEmpty();
        assertThat(devices(newUser)).extracting(device -> device.get("status")).containsExactly("trusted");
        when().get("/clientid/users/" + newUser + "/policy").then().body(equalTo("{\"mode\":\"enforce\",\"requireClientId\":true,\"modeSource\":\"account\",\"requireClientIdSource\":\"account\","
            + "\"requireClientIdByProtocol\":{\"smtp\":true,\"imap\":true,\"pop3\":true,\"jmap\":true}}"));
        assertThat(auth(newUser, "renamed-laptop")).isEqualTo(235);
        assertThat(auth(newUser, "unknown-laptop")).isEqualTo(535);
    }

    @Test
    @DisplayName("the extension's own rename route moves the history of a user renamed another way")
    void renameUserShouldMoveDeviceHistoryWhenUserRenamedOutsideWebAdmin(GuiceJamesServer server) throws Exception {
        String oldUser = user(12);
        assertThat(auth(oldUser, "cli-renamed-laptop")).isEqualTo(235);
        server.getProbe(DataProbeImpl.class).addUser("renamed12@example.com", "renamed12-secret");

        when().post("/clientid/users/" + oldUser + "/rename/renamed12@example.com").then().statusCode(204);

        assertThat(devices(oldUser)).isEmpty();
        assertThat(devices("renamed12@example.com")).hasSize(1);
    }

    @Test
    @DisplayName("a body sent as a form (curl -d without Content-Type) gets a 400 naming the Content-Type, not the token")
    void enrollDeviceShouldReturnBadRequestNamingContentTypeWhenBodySentAsForm() {
        String answer = given()
            .contentType("application/x-www-form-urlencoded")
            .body("{\"type\":\"UUID\",\"token\":\"sent-as-a-form-0123\"}")
        .when()
            .post("/clientid/users/" + user(1) + "/devices")
        .then()
            .statusCode(400)
            .body("message", is("The request body is empty: expecting a JSON object sent with 'Content-Type: application/json'"))
            .extract().asString();

        assertThat(answer).doesNotContain("sent-as-a-form-0123");
    }

    @Test
    @DisplayName("unknown users get a 404 naming them")
    void routesShouldAnswerNotFoundWhenUserUnknown() {
        when()
            .get("/clientid/users/nobody@example.com/devices")
        .then()
            .statusCode(404)
            .body("type", is("notFound"))
            .body("message", is("The user 'nobody@example.com' does not exist"));
    }

    @Test
    @DisplayName("the throttle and sign-in routes of webadmin.properties answer on a real James")
    void throttleAndSignInRoutesShouldAnswerWhenLoadedFromTheShippedConf() {
        String user = ClientIdJamesServers.ALICE;

        when().get("/clientid/throttles?limit=10").then().statusCode(200).body(equalTo("[]"));
        when().get("/clientid/users/" + user + "/throttles").then().statusCode(200).body(equalTo("[]"));
        when().delete("/clientid/users/" + user + "/throttles").then().statusCode(204);
        when().get("/clientid/addresses/2001:db8::1/throttle").then().statusCode(404);
        when().delete("/clientid/addresses/192.0.2.1/throttle").then().statusCode(204);
        when().get("/clientid/users/" + user + "/password-only-signins").then().statusCode(200);
        when().get("/clientid/users/nobody@example.com/password-only-signins").then().statusCode(404);
    }
}
