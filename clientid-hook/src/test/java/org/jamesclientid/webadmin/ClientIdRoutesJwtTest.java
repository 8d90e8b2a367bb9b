package org.jamesclientid.webadmin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.ALICE;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.BOB;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.LAPTOP;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.NOW;

import java.util.stream.Stream;

import org.apache.james.jwt.JwtTokenVerifier;
import org.apache.james.webadmin.authentication.JwtFilter;
import org.eclipse.jetty.http.HttpStatus;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.limit.Throttle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.common.collect.ImmutableList;

import io.restassured.RestAssured;
import io.restassured.http.Method;

/**
 * The CLIENTID routes behind James WebAdmin's JWT authentication: each route class registers its base path, which is
 * what WebAdmin puts behind the authentication filter.
 */
class ClientIdRoutesJwtTest {
    private static final JwtTokens TOKENS = JwtTokens.generate();
    private static final JwtTokens OTHER_ISSUER = JwtTokens.generate();
    private static final String DEVICE_ID = "0123456789abcdef01234567";

    static Stream<Arguments> oneRoutePerBasePath() {
        return Stream.of(
            Arguments.of(Method.GET, "/clientid/users/" + ALICE.asString() + "/devices", HttpStatus.OK_200),
            Arguments.of(Method.GET, "/clientid/users/" + ALICE.asString() + "/policy", HttpStatus.OK_200),
            Arguments.of(Method.GET, "/clientid/blocked", HttpStatus.OK_200),
            Arguments.of(Method.GET, "/clientid/devices/" + DEVICE_ID + "/users", HttpStatus.OK_200),
            Arguments.of(Method.DELETE, "/clientid/users/" + BOB.asString(), HttpStatus.NO_CONTENT_204),
            Arguments.of(Method.GET, "/clientid/users/" + ALICE.asString() + "/throttles", HttpStatus.OK_200),
            Arguments.of(Method.DELETE, "/clientid/addresses/192.0.2.1/throttle", HttpStatus.NO_CONTENT_204),
            Arguments.of(Method.GET, "/clientid/throttles", HttpStatus.OK_200),
            Arguments.of(Method.GET, "/clientid/users/" + ALICE.asString() + "/password-only-signins", HttpStatus.OK_200));
    }

    private ClientIdWebAdminFixture webAdmin;

    @BeforeEach
    void setUp() {
        JwtFilter jwtFilter = new JwtFilter(() -> new JwtTokenVerifier(() -> ImmutableList.of(TOKENS.publicKey())));
        webAdmin = ClientIdWebAdminFixture.builder()
            .authenticationFilter(jwtFilter)
            .otherRoutes(new JamesUserRoutesStandIn())
            .start();
        RestAssured.requestSpecification = webAdmin.requestSpecification();
    }

    @AfterEach
    void tearDown() {
        webAdmin.close();
    }

    @ParameterizedTest
    @MethodSource("oneRoutePerBasePath")
    void routesShouldReturnUnauthorizedWhenNoToken(Method method, String path, int success) {
        given()
        .when()
            .request(method, path)
        .then()
            .statusCode(HttpStatus.UNAUTHORIZED_401);
    }

    @ParameterizedTest
    @MethodSource("oneRoutePerBasePath")
    void routesShouldReturnUnauthorizedWhenTokenSignedByAnotherKey(Method method, String path, int success) {
        given()
            .header("Authorization", "Bearer " + OTHER_ISSUER.adminToken())
        .when()
            .request(method, path)
        .then()
            .statusCode(HttpStatus.UNAUTHORIZED_401);
    }

    @ParameterizedTest
    @MethodSource("oneRoutePerBasePath")
    void routesShouldReturnUnauthorizedWhenTokenNotAdmin(Method method, String path, int success) {
        given()
            .header("Authorization", "Bearer " + TOKENS.token("alice@example.com", false))
        .when()
            .request(method, path)
        .then()
            .statusCode(HttpStatus.UNAUTHORIZED_401);
    }

    @ParameterizedTest
    @MethodSource("oneRoutePerBasePath")
    void routesShouldAnswerWhenAdminToken(Method method, String path, int success) {
        given()
            .header("Authorization", "Bearer " + TOKENS.adminToken())
        .when()
            .request(method, path)
        .then()
            .statusCode(success);
    }

    @Test
    void enrollDeviceShouldStoreNothingWhenNoToken() {
        given()
            .body("{\"type\":\"UUID\",\"token\":\"" + LAPTOP.getToken() + "\"}")
        .when()
            .post("/clientid/users/" + ALICE.asString() + "/devices")
        .then()
            .statusCode(HttpStatus.UNAUTHORIZED_401);

        assertThat(webAdmin.stored(ALICE, webAdmin.id(LAPTOP))).isEmpty();
    }

    @Test
    void enrollDeviceShouldStoreDeviceWhenAdminToken() {
        given()
            .header("Authorization", "Bearer " + TOKENS.adminToken())
            .body("{\"type\":\"UUID\",\"token\":\"" + LAPTOP.getToken() + "\"}")
        .when()
            .post("/clientid/users/" + ALICE.asString() + "/devices")
        .then()
            .statusCode(HttpStatus.CREATED_201);

        assertThat(webAdmin.stored(ALICE, webAdmin.id(LAPTOP))).isPresent();
    }

    @Test
    void liftAddressThrottleShouldKeepTheThrottleWhenNoToken() {
        Throttle throttle = Throttle.of(LimitKey.address("192.0.2.1"), NOW, NOW.plusSeconds(900));
        webAdmin.limits.save(throttle).block();

        given()
        .when()
            .delete("/clientid/addresses/192.0.2.1/throttle")
        .then()
            .statusCode(HttpStatus.UNAUTHORIZED_401);

        assertThat(webAdmin.limits.find(LimitKey.address("192.0.2.1")).block()).isEqualTo(throttle);
    }

    @Test
    void jamesUserDeletionShouldKeepDeviceHistoryWhenNoToken() {
        webAdmin.save(ALICE, webAdmin.device(LAPTOP, DeviceStatus.TRUSTED, NOW));
        webAdmin.deviceHistory.policies().setPolicy(ALICE, AccountPolicy.of(ClientIdMode.ENFORCE, false)).block();

        given()
        .when()
            .delete("/users/" + ALICE.asString())
        .then()
            .statusCode(HttpStatus.UNAUTHORIZED_401);

        assertThat(webAdmin.stored(ALICE, webAdmin.id(LAPTOP))).isPresent();
    }
}
