package org.jamesclientid.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesclientid.webadmin.JwtTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;

/**
 * The shipped conf with WebAdmin's JWT authentication turned on, as production should run it: the CLIENTID routes,
 * loaded from extensions.routes, are behind it like James' own.
 */
class ClientIdWebAdminJwtTest {
    private static final JwtTokens TOKENS = JwtTokens.generate();
    private static final String USER = "jwt-user@example.com";

    @RegisterExtension
    static JamesServerExtension jamesServer = ClientIdJamesServers.builder()
        .editConf("jwt_publickey", any -> TOKENS.publicKeyPem())
        .editConf("webadmin.properties", content -> content.replace("jwt.enabled=false",
            "jwt.enabled=true\njwt.publickeypem.url=file://conf/jwt_publickey"))
        .build();

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        ClientIdJamesServers.createUsers(server, USER);
        RestAssured.requestSpecification = new RequestSpecBuilder()
            .setContentType(ContentType.JSON)
            .setPort(ClientIdJamesServers.webAdminPort(server))
            .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/clientid/users/" + USER + "/devices", "/clientid/users/" + USER + "/policy", "/clientid/blocked",
        "/clientid/devices/0123456789abcdef01234567/users"})
    void routesShouldReturnUnauthorizedWhenNoToken(String path) {
        given().get(path).then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/clientid/users/" + USER + "/devices", "/clientid/users/" + USER + "/policy", "/clientid/blocked",
        "/clientid/devices/0123456789abcdef01234567/users"})
    void routesShouldReturnUnauthorizedWhenTokenNotAdmin(String path) {
        given().header("Authorization", "Bearer " + TOKENS.token(USER, false)).get(path).then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/clientid/users/" + USER + "/devices", "/clientid/users/" + USER + "/policy", "/clientid/blocked",
        "/clientid/devices/0123456789abcdef01234567/users"})
    void routesShouldAnswerWhenAdminToken(String path) {
        given().header("Authorization", "Bearer " + TOKENS.adminToken()).get(path).then().statusCode(200);
    }

    @Test
    void enrollDeviceShouldStoreDeviceOnlyWhenAdminToken() {
        String body = "{\"type\":\"UUID\",\"token\":\"jwt-enrolled-device\"}";
        given().body(body).post("/clientid/users/" + USER + "/devices").then().statusCode(401);
        assertThat(given().header("Authorization", "Bearer " + TOKENS.adminToken()).get("/clientid/users/" + USER + "/devices")
            .then().extract().jsonPath().getList("")).isEmpty();

        given().header("Authorization", "Bearer " + TOKENS.adminToken()).body(body).post("/clientid/users/" + USER + "/devices")
            .then().statusCode(201);
    }

    @Test
    void userLifecycleRoutesShouldReturnUnauthorizedWhenNoToken() {
        given().delete("/clientid/users/" + USER).then().statusCode(401);
        given().post("/clientid/users/" + USER + "/rename/alice@example.com").then().statusCode(401);
    }
}
