package org.jamesclientid.webadmin;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.jamesclientid.webadmin.ClientIdDeviceRoutesTest.assertBadRequest;
import static org.jamesclientid.webadmin.ClientIdDeviceRoutesTest.assertNotFound;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.ALICE;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.BOB;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.LAPTOP;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.NOW;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.PHONE;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.UNKNOWN;

import java.time.Duration;
import java.time.Instant;

import org.apache.james.core.Username;
import org.eclipse.jetty.http.HttpStatus;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.limit.Throttle;
import org.jamesclientid.policy.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import io.restassured.RestAssured;

class ClientIdAccountThrottleRoutesTest {
    private static final Instant TEN_MINUTES_AGO = NOW.minus(Duration.ofMinutes(10));
    private static final Instant IN_FIVE_MINUTES = NOW.plus(Duration.ofMinutes(5));
    private static final Instant IN_AN_HOUR = NOW.plus(Duration.ofHours(1));

    private ClientIdWebAdminFixture webAdmin;
    private DeviceId laptop;
    private DeviceId phone;

    @BeforeEach
    void setUp() {
        webAdmin = ClientIdWebAdminFixture.start();
        RestAssured.requestSpecification = webAdmin.requestSpecification();
        laptop = webAdmin.id(LAPTOP);
        phone = webAdmin.id(PHONE);
    }

    @AfterEach
    void tearDown() {
        webAdmin.close();
    }

    private static String throttles(Username username) {
        return "/clientid/users/" + username.asString() + "/throttles";
    }

    private Throttle save(Throttle throttle) {
        webAdmin.limits.save(throttle).block();
        return throttle;
    }

    private void fail(LimitKey key, int times) {
        for (int i = 0; i < times; i++) {
            webAdmin.limits.recordAndCountSince(key, NOW.minusSeconds(i), NOW.minus(Duration.ofHours(1))).block();
        }
    }

    private long failures(LimitKey key) {
        return webAdmin.limits.countSince(key, NOW.minus(Duration.ofHours(1))).block();
    }

    @Test
    void listThrottlesShouldReturnEmptyListWhenNoThrottle() {
        when()
            .get(throttles(ALICE))
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("[]"));
    }

    @Test
    void listThrottlesShouldShowTheAccountFirstThenItsDevicesEndingLastFirst() {
        save(Throttle.of(LimitKey.deviceOnAccount(laptop, ALICE), TEN_MINUTES_AGO, IN_FIVE_MINUTES));
        save(Throttle.of(LimitKey.account(ALICE), TEN_MINUTES_AGO, IN_FIVE_MINUTES));
        save(Throttle.of(LimitKey.deviceOnAccount(phone, ALICE), NOW, IN_AN_HOUR));

        when()
            .get(throttles(ALICE))
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("["
                + "{\"scope\":\"account\",\"device\":null,\"since\":\"2026-11-27T09:50:00Z\",\"until\":\"2026-11-27T10:05:00Z\"},"
                + "{\"scope\":\"device-on-account\",\"device\":\"" + phone.asString() + "\",\"since\":\"2026-11-27T10:00:00Z\",\"until\":\"2026-11-27T11:00:00Z\"},"
                + "{\"scope\":\"device-on-account\",\"device\":\"" + laptop.asString() + "\",\"since\":\"2026-11-27T09:50:00Z\",\"until\":\"2026-11-27T10:05:00Z\"}"
                + "]"));
    }

    @Test
    void listThrottlesShouldLeaveOutEndedThrottles() {
        save(Throttle.of(LimitKey.account(ALICE), NOW.minus(Duration.ofMinutes(30)), NOW));
        save(Throttle.of(LimitKey.deviceOnAccount(laptop, ALICE), NOW.minus(Duration.ofMinutes(30)), NOW.minusSeconds(1)));

        when()
            .get(throttles(ALICE))
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("[]"));
    }

    @Test
    void listThrottlesShouldLeaveOutOtherAccountsAndAddresses() {
        save(Throttle.of(LimitKey.account(BOB), NOW, IN_AN_HOUR));
        save(Throttle.of(LimitKey.deviceOnAccount(laptop, BOB), NOW, IN_AN_HOUR));
        save(Throttle.of(LimitKey.address("192.0.2.1"), NOW, IN_AN_HOUR));

        when()
            .get(throttles(ALICE))
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("[]"));
    }

    @Test
    void listThrottlesShouldReturnNotFoundWhenUnknownUser() {
        assertNotFound(when().get(throttles(UNKNOWN)).then(), "The user 'carol@example.com' does not exist");
    }

    @Test
    void listThrottlesShouldReturnBadRequestWhenInvalidUser() {
        assertBadRequest(when().get("/clientid/users/alice@/throttles").then(), "Invalid user 'alice@': Domain part should not be empty");
    }

    @Test
    void liftThrottlesShouldRemoveTheThrottlesOfTheAccountAndItsDevices() {
        save(Throttle.of(LimitKey.account(ALICE), TEN_MINUTES_AGO, IN_FIVE_MINUTES));
        save(Throttle.of(LimitKey.deviceOnAccount(laptop, ALICE), TEN_MINUTES_AGO, IN_AN_HOUR));

        when()
            .delete(throttles(ALICE))
        .then()
            .statusCode(HttpStatus.NO_CONTENT_204);

        assertThat(webAdmin.limits.ofAccount(ALICE).collectList().block()).isEmpty();
    }

    @Test
    void liftThrottlesShouldResetTheAccountAndEveryThrottledDeviceCount() {
        save(Throttle.of(LimitKey.deviceOnAccount(laptop, ALICE), TEN_MINUTES_AGO, IN_AN_HOUR));
        fail(LimitKey.account(ALICE), 30);
        fail(LimitKey.deviceOnAccount(laptop, ALICE), 10);

        when()
            .delete(throttles(ALICE))
        .then()
            .statusCode(HttpStatus.NO_CONTENT_204);

        assertThat(failures(LimitKey.account(ALICE))).isZero();
        assertThat(failures(LimitKey.deviceOnAccount(laptop, ALICE))).isZero();
    }

    @Test
    void liftThrottlesShouldKeepTheCountOfDevicesWithoutThrottle() {
        save(Throttle.of(LimitKey.deviceOnAccount(laptop, ALICE), TEN_MINUTES_AGO, IN_AN_HOUR));
        fail(LimitKey.deviceOnAccount(phone, ALICE), 3);

        when()
            .delete(throttles(ALICE))
        .then()
            .statusCode(HttpStatus.NO_CONTENT_204);

        assertThat(failures(LimitKey.deviceOnAccount(phone, ALICE))).isEqualTo(3);
    }

    @Test
    void liftThrottlesShouldKeepOtherAccountsAndAddresses() {
        Throttle bob = save(Throttle.of(LimitKey.account(BOB), NOW, IN_AN_HOUR));
        Throttle bobLaptop = save(Throttle.of(LimitKey.deviceOnAccount(laptop, BOB), NOW, IN_AN_HOUR));
        Throttle address = save(Throttle.of(LimitKey.address("192.0.2.1"), NOW, IN_AN_HOUR));
        save(Throttle.of(LimitKey.account(ALICE), NOW, IN_AN_HOUR));
        fail(LimitKey.account(BOB), 2);
        fail(LimitKey.address("192.0.2.1"), 2);

        when()
            .delete(throttles(ALICE))
        .then()
            .statusCode(HttpStatus.NO_CONTENT_204);

        assertThat(webAdmin.limits.list().collectList().block()).containsExactlyInAnyOrder(bob, bobLaptop, address);
        assertThat(failures(LimitKey.account(BOB))).isEqualTo(2);
        assertThat(failures(LimitKey.address("192.0.2.1"))).isEqualTo(2);
    }

    @Test
    void liftThrottlesShouldAnswerNoContentWhenNoThrottle() {
        when()
            .delete(throttles(ALICE))
        .then()
            .statusCode(HttpStatus.NO_CONTENT_204);
    }

    @Test
    void liftThrottlesShouldReturnNotFoundWhenUnknownUser() {
        assertNotFound(when().delete(throttles(UNKNOWN)).then(), "The user 'carol@example.com' does not exist");
    }

    @Test
    void liftThrottlesShouldLogWhoseThrottlesWereLifted() {
        try (LogCapture log = LogCapture.everything()) {
            when()
                .delete(throttles(ALICE))
            .then()
                .statusCode(HttpStatus.NO_CONTENT_204);

            assertThat(log.messages(ClientIdAccountThrottleRoutes.class.getName(), Level.INFO)).containsExactly("CLIENTID throttles of \"alice@example.com\" and its devices lifted through WebAdmin");
        }
    }
}
