package org.jamesclientid.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.jamesclientid.webadmin.ClientIdDeviceRoutesTest.assertBadRequest;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.ALICE;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.BOB;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.LAPTOP;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.NOW;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.eclipse.jetty.http.HttpStatus;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.limit.Throttle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableList;

import io.restassured.RestAssured;

class ClientIdThrottleRoutesTest {
    private static final String THROTTLES = "/clientid/throttles";
    private static final Instant TEN_MINUTES_AGO = NOW.minus(Duration.ofMinutes(10));
    private static final Instant IN_FIVE_MINUTES = NOW.plus(Duration.ofMinutes(5));

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

    private void save(Throttle throttle) {
        webAdmin.limits.save(throttle).block();
    }

    private void saveAddressThrottles(int count) {
        IntStream.range(0, count).forEach(i -> save(Throttle.of(LimitKey.address("10.0." + (i / 250) + "." + (i % 250)), NOW, IN_FIVE_MINUTES)));
    }

    private List<String> subjects(String query) {
        return given()
            .get(THROTTLES + query)
        .then()
            .statusCode(HttpStatus.OK_200)
            .extract().jsonPath().getList("subject", String.class);
    }

    @Test
    void listThrottlesShouldReturnEmptyListWhenNoThrottle() {
        when()
            .get(THROTTLES)
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("[]"));
    }

    @Test
    void listThrottlesShouldShowEveryScopeWithItsFields() {
        DeviceId laptop = webAdmin.id(LAPTOP);
        save(Throttle.of(LimitKey.deviceOnAccount(laptop, ALICE), TEN_MINUTES_AGO, IN_FIVE_MINUTES));

        when()
            .get(THROTTLES)
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("[{\"scope\":\"device-on-account\",\"subject\":\"alice@example.com\",\"device\":\"" + laptop.asString()
                + "\",\"since\":\"2026-11-27T09:50:00Z\",\"until\":\"2026-11-27T10:05:00Z\"}]"));
    }

    @Test
    void listThrottlesShouldListAccountsAndAddresses() {
        save(Throttle.of(LimitKey.account(BOB), TEN_MINUTES_AGO, IN_FIVE_MINUTES));
        save(Throttle.of(LimitKey.address("2001:db8:1:2::1"), TEN_MINUTES_AGO, IN_FIVE_MINUTES));

        assertThat(given().get(THROTTLES).then().statusCode(HttpStatus.OK_200).extract().jsonPath().getList("", Map.class))
            .containsExactlyInAnyOrder(
                throttle("account", "bob@example.com"),
                throttle("address", "2001:db8:1:2::/64"));
    }

    private static Map<String, String> throttle(String scope, String subject) {
        Map<String, String> throttle = new HashMap<>();
        throttle.put("scope", scope);
        throttle.put("subject", subject);
        throttle.put("device", null);
        throttle.put("since", "2026-11-27T09:50:00Z");
        throttle.put("until", "2026-11-27T10:05:00Z");
        return throttle;
    }

    @Test
    void listThrottlesShouldLeaveOutEndedThrottles() {
        save(Throttle.of(LimitKey.account(BOB), NOW.minus(Duration.ofHours(1)), NOW));

        when()
            .get(THROTTLES)
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("[]"));
    }

    @Test
    void listThrottlesShouldReturnAPageWhenLimitAndOffset() {
        saveAddressThrottles(10);
        List<String> all = subjects("");

        assertThat(subjects("?limit=3&offset=2")).isEqualTo(all.subList(2, 5));
        assertThat(subjects("?offset=8")).isEqualTo(all.subList(8, 10));
        assertThat(subjects("?offset=10")).isEmpty();
    }

    @Test
    void listThrottlesShouldPageThroughEveryThrottleOnce() {
        saveAddressThrottles(25);

        ImmutableList.Builder<String> paged = ImmutableList.builder();
        for (int offset = 0; offset < 30; offset += 7) {
            paged.addAll(subjects("?limit=7&offset=" + offset));
        }

        assertThat(paged.build()).hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    void listThrottlesShouldReturnAtMostTheCapWhenNoLimit() {
        saveAddressThrottles(ClientIdThrottleRoutes.MAX_LIMIT + 1);

        assertThat(subjects("")).hasSize(ClientIdThrottleRoutes.MAX_LIMIT);
        assertThat(subjects("?offset=" + ClientIdThrottleRoutes.MAX_LIMIT)).hasSize(1);
    }

    @Test
    void listThrottlesShouldAcceptTheCapAsLimit() {
        saveAddressThrottles(3);

        assertThat(subjects("?limit=" + ClientIdThrottleRoutes.MAX_LIMIT)).hasSize(3);
    }

    @Test
    void listThrottlesShouldReturnBadRequestWhenLimitAboveTheCap() {
        assertBadRequest(when().get(THROTTLES + "?limit=501").then(), "Invalid 'limit' 501: at most 500");
    }

    @Test
    void listThrottlesShouldReturnBadRequestWhenLimitIsZero() {
        assertBadRequest(when().get(THROTTLES + "?limit=0").then(), "limit can not be equal to zero");
    }

    @Test
    void listThrottlesShouldReturnBadRequestWhenLimitIsNegative() {
        assertBadRequest(when().get(THROTTLES + "?limit=-1").then(), "limit can not be negative");
    }

    @Test
    void listThrottlesShouldReturnBadRequestWhenOffsetIsNegative() {
        assertBadRequest(when().get(THROTTLES + "?offset=-1").then(), "offset can not be negative");
    }

    @Test
    void listThrottlesShouldReturnBadRequestWhenLimitIsNotANumber() {
        assertBadRequest(when().get(THROTTLES + "?limit=ten").then(), "Can not parse limit");
    }
}
