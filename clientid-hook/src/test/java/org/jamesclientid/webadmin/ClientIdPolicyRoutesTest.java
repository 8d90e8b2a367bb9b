package org.jamesclientid.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.jamesclientid.webadmin.ClientIdDeviceRoutesTest.assertBadRequest;
import static org.jamesclientid.webadmin.ClientIdDeviceRoutesTest.assertNotFound;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.ALICE;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.BOB;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.UNKNOWN;

import org.eclipse.jetty.http.HttpStatus;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.policy.PolicyConfigurations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.restassured.RestAssured;

class ClientIdPolicyRoutesTest {
    private static final String UNKNOWN_USER = "The user 'carol@example.com' does not exist";

    private ClientIdWebAdminFixture webAdmin;

    @BeforeEach
    void setUp() {
        // A global default other than the product's, to tell it from built-in values.
        webAdmin = ClientIdWebAdminFixture.builder()
            .configuration(PolicyConfigurations.policy("clientid.mode=trust-first", "clientid.requireClientId=true",
                "clientid.requireClientId.imap=false"))
            .start();
        RestAssured.requestSpecification = webAdmin.requestSpecification();
    }

    @AfterEach
    void tearDown() {
        webAdmin.close();
    }

    private static String policy(Object user) {
        return "/clientid/users/" + user + "/policy";
    }

    private AccountPolicy storedPolicy() {
        return webAdmin.deviceHistory.policies().policy(ALICE).block();
    }

    @Test
    void getPolicyShouldReturnGlobalDefaultWhenNoOverride() {
        when()
            .get(policy(ALICE.asString()))
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("{\"mode\":\"trust-first\",\"requireClientId\":true,\"modeSource\":\"global\",\"requireClientIdSource\":\"global\",\"requireClientIdByProtocol\":{\"smtp\":true,\"imap\":false}}"));
    }

    @Test
    void getPolicyShouldReturnOverrideWhenSet() {
        webAdmin.deviceHistory.policies().setPolicy(ALICE, AccountPolicy.of(ClientIdMode.OFF, false)).block();

        when()
            .get(policy(ALICE.asString()))
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("{\"mode\":\"off\",\"requireClientId\":false,\"modeSource\":\"account\",\"requireClientIdSource\":\"account\","
                + "\"requireClientIdByProtocol\":{\"smtp\":false,\"imap\":false}}"));
    }

    @ParameterizedTest
    @CsvSource({"off, OFF", "observe, OBSERVE", "trust-first, TRUST_FIRST", "enforce, ENFORCE", "Enforce, ENFORCE"})
    void setPolicyShouldStoreOverrideWhenModeValid(String mode, ClientIdMode expected) {
        given()
            .body("{\"mode\":\"" + mode + "\",\"requireClientId\":false}")
        .when()
            .put(policy(ALICE.asString()))
        .then()
            .statusCode(HttpStatus.NO_CONTENT_204);

        assertThat(storedPolicy()).isEqualTo(AccountPolicy.of(expected, false));
    }

    @Test
    void getPolicyShouldReturnPolicyWhenSetThroughPut() {
        given().body("{\"mode\":\"enforce\",\"requireClientId\":true}").put(policy(ALICE.asString()));

        when()
            .get(policy(ALICE.asString()))
        .then()
            .body(equalTo("{\"mode\":\"enforce\",\"requireClientId\":true,\"modeSource\":\"account\",\"requireClientIdSource\":\"account\","
                + "\"requireClientIdByProtocol\":{\"smtp\":true,\"imap\":true}}"));
    }

    @Test
    void setPolicyShouldLeaveOtherUsersWhenSet() {
        given().body("{\"mode\":\"off\",\"requireClientId\":false}").put(policy(ALICE.asString()));

        assertThat(webAdmin.deviceHistory.policies().policy(BOB).blockOptional()).isEmpty();
    }

    @Test
    void clearPolicyShouldRevertToGlobalDefaultWhenOverrideSet() {
        webAdmin.deviceHistory.policies().setPolicy(ALICE, AccountPolicy.of(ClientIdMode.OFF, false)).block();

        when()
            .delete(policy(ALICE.asString()))
        .then()
            .statusCode(HttpStatus.NO_CONTENT_204);

        assertThat(webAdmin.deviceHistory.policies().policy(ALICE).blockOptional()).isEmpty();
        when()
            .get(policy(ALICE.asString()))
        .then()
            .body(equalTo("{\"mode\":\"trust-first\",\"requireClientId\":true,\"modeSource\":\"global\",\"requireClientIdSource\":\"global\",\"requireClientIdByProtocol\":{\"smtp\":true,\"imap\":false}}"));
    }

    @Test
    void clearPolicyShouldSucceedWhenNoOverride() {
        when()
            .delete(policy(ALICE.asString()))
        .then()
            .statusCode(HttpStatus.NO_CONTENT_204);
    }

    @Test
    void getPolicyShouldReturnNotFoundWhenUserUnknown() {
        assertNotFound(when().get(policy(UNKNOWN.asString())).then(), UNKNOWN_USER);
    }

    @Test
    void setPolicyShouldReturnNotFoundWhenUserUnknown() {
        assertNotFound(given().body("{\"mode\":\"enforce\",\"requireClientId\":true}").put(policy(UNKNOWN.asString())).then(), UNKNOWN_USER);
    }

    @Test
    void clearPolicyShouldReturnNotFoundWhenUserUnknown() {
        assertNotFound(when().delete(policy(UNKNOWN.asString())).then(), UNKNOWN_USER);
    }

    @Test
    void setPolicyShouldReturnBadRequestWhenModeUnknown() {
        assertBadRequest(given().body("{\"mode\":\"strict\",\"requireClientId\":true}").put(policy(ALICE.asString())).then(),
            "Invalid 'mode': Unknown CLIENTID mode 'strict', expecting one of off, observe, trust-first, enforce");
        assertThat(webAdmin.deviceHistory.policies().policy(ALICE).blockOptional()).isEmpty();
    }

    @Test
    void setPolicyShouldReturnBadRequestWhenModeMissing() {
        assertBadRequest(given().body("{\"requireClientId\":true}").put(policy(ALICE.asString())).then(), "'mode' is mandatory");
    }

    @Test
    void setPolicyShouldLetTheGlobalValueApplyWhenRequireClientIdMissing() {
        given().body("{\"mode\":\"enforce\"}").put(policy(ALICE.asString())).then().statusCode(HttpStatus.NO_CONTENT_204);

        assertThat(storedPolicy()).isEqualTo(AccountPolicy.of(ClientIdMode.ENFORCE));
        when()
            .get(policy(ALICE.asString()))
        .then()
            .body(equalTo("{\"mode\":\"enforce\",\"requireClientId\":true,\"modeSource\":\"account\",\"requireClientIdSource\":\"global\","
                + "\"requireClientIdByProtocol\":{\"smtp\":true,\"imap\":false}}"));
    }

    @Test
    void setPolicyShouldTellThisNodeAtOnceWhenSet() {
        given().body("{\"mode\":\"enforce\"}").put(policy(ALICE.asString()));

        assertThat(webAdmin.lastKnownPolicies.lastKnown(ALICE)).contains(AccountPolicy.of(ClientIdMode.ENFORCE));
    }

    @Test
    void setPolicyShouldReturnBadRequestWhenRequireClientIdNotBoolean() {
        assertBadRequest(given().body("{\"mode\":\"enforce\",\"requireClientId\":\"yes\"}").put(policy(ALICE.asString())).then(),
            "Invalid 'requireClientId': expecting true or false");
    }

    @Test
    void setPolicyShouldReturnBadRequestWhenBodyNotJson() {
        assertBadRequest(given().body("mode=enforce").put(policy(ALICE.asString())).then(),
            "The request body is not valid JSON (line 1, column 5)");
    }

    @Test
    void setPolicyShouldReturnBadRequestWhenFieldUnknown() {
        assertBadRequest(given().body("{\"mode\":\"enforce\",\"requireClientId\":true,\"requireClientID\":true}").put(policy(ALICE.asString())).then(),
            "Unknown field 'requireClientID' in the request body, expecting some of: mode, requireClientId");
    }
}
