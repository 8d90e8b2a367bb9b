package org.jamesclientid.webadmin;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.jamesclientid.webadmin.ClientIdDeviceRoutesTest.assertBadRequest;
import static org.jamesclientid.webadmin.ClientIdDeviceRoutesTest.assertNotFound;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.ALICE;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.NOW;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.jetty.http.HttpStatus;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.limit.Throttle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

class ClientIdAddressThrottleRoutesTest {
    private static final Instant TEN_MINUTES_AGO = NOW.minus(Duration.ofMinutes(10));
    private static final Instant IN_FIVE_MINUTES = NOW.plus(Duration.ofMinutes(5));
    private static final LimitKey IPV4 = LimitKey.address("192.0.2.1");
    private static final LimitKey IPV6 = LimitKey.address("2001:db8:1:2::1");

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

    private static String throttle(String address) {
        return "/clientid/addresses/" + address + "/throttle";
    }

    private Throttle save(Throttle throttle) {
        webAdmin.limits.save(throttle).block();
        return throttle;
    }

    private long failures(LimitKey key) {
        return webAdmin.limits.countSince(key, NOW.minus(Duration.ofHours(1))).block();
    }

    @Test
    void getThrottleShouldReturnTheActiveThrottleOfAnIpv4Address() {
        save(Throttle.of(IPV4, TEN_MINUTES_AGO, IN_FIVE_MINUTES));

        when()
            .get(throttle("192.0.2.1"))
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("{\"address\":\"192.0.2.1\",\"since\":\"2026-11-27T09:50:00Z\",\"until\":\"2026-11-27T10:05:00Z\"}"));
    }

    @Test
    void getThrottleShouldReturnTheThrottleOfTheSlash64OfAnyIpv6AddressInIt() {
        save(Throttle.of(IPV6, TEN_MINUTES_AGO, IN_FIVE_MINUTES));

        when()
            .get(throttle("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("{\"address\":\"2001:db8:1:2::/64\",\"since\":\"2026-11-27T09:50:00Z\",\"until\":\"2026-11-27T10:05:00Z\"}"));
    }

    @Test
    void getThrottleShouldReturnNotFoundWhenNone() {
        assertNotFound(when().get(throttle("192.0.2.1")).then(), "The address '192.0.2.1' is not throttled");
    }

    @Test
    void getThrottleShouldReturnNotFoundWhenEnded() {
        save(Throttle.of(IPV6, NOW.minus(Duration.ofHours(1)), NOW));

        assertNotFound(when().get(throttle("2001:db8:1:2::7")).then(), "The address '2001:db8:1:2::/64' is not throttled");
    }

    @Test
    void getThrottleShouldReturnNotFoundWhenOnlyAnotherAddressIsThrottled() {
        save(Throttle.of(IPV4, NOW, IN_FIVE_MINUTES));
        save(Throttle.of(LimitKey.account(ALICE), NOW, IN_FIVE_MINUTES));

        assertNotFound(when().get(throttle("192.0.2.2")).then(), "The address '192.0.2.2' is not throttled");
    }

    @Test
    void getThrottleShouldReturnBadRequestWhenNotAnAddress() {
        assertBadRequest(when().get(throttle("192.0.2.300")).then(),
            "Invalid address '192.0.2.300': expecting an IPv4 or IPv6 address, e.g. 192.0.2.1 or 2001:db8:1:2::1");
    }

    @Test
    void getThrottleShouldReturnBadRequestWhenAHostName() {
        assertBadRequest(when().get(throttle("mail.example.com")).then(),
            "Invalid address 'mail.example.com': expecting an IPv4 or IPv6 address, e.g. 192.0.2.1 or 2001:db8:1:2::1");
    }

    @Test
    void liftThrottleShouldRemoveTheThrottleAndResetTheCount() {
        save(Throttle.of(IPV6, TEN_MINUTES_AGO, IN_FIVE_MINUTES));
        webAdmin.limits.recordAndCountSince(IPV6, TEN_MINUTES_AGO, TEN_MINUTES_AGO).block();

        when()
            .delete(throttle("2001:db8:1:2::ffff"))
        .then()
            .statusCode(HttpStatus.NO_CONTENT_204);

        assertThat(webAdmin.limits.find(IPV6).blockOptional()).isEmpty();
        assertThat(failures(IPV6)).isZero();
    }

    @Test
    void liftThrottleShouldKeepOtherAddresses() {
        Throttle other = save(Throttle.of(LimitKey.address("2001:db8:1:3::1"), NOW, IN_FIVE_MINUTES));
        save(Throttle.of(IPV6, NOW, IN_FIVE_MINUTES));
        webAdmin.limits.recordAndCountSince(other.getKey(), NOW, NOW).block();

        when()
            .delete(throttle("2001:db8:1:2::1"))
        .then()
            .statusCode(HttpStatus.NO_CONTENT_204);

        assertThat(webAdmin.limits.list().collectList().block()).containsExactly(other);
        assertThat(failures(other.getKey())).isEqualTo(1);
    }

    @Test
    void liftThrottleShouldAnswerNoContentWhenNone() {
        when()
            .delete(throttle("192.0.2.1"))
        .then()
            .statusCode(HttpStatus.NO_CONTENT_204);
    }

    @Test
    void liftThrottleShouldReturnBadRequestWhenNotAnAddress() {
        assertBadRequest(when().delete(throttle("nope")).then(),
            "Invalid address 'nope': expecting an IPv4 or IPv6 address, e.g. 192.0.2.1 or 2001:db8:1:2::1");
    }
}
