package org.jamesclientid.webadmin;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.jamesclientid.webadmin.ClientIdDeviceRoutesTest.assertBadRequest;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.ALICE;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.BOB;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.LAPTOP;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.NOW;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.PHONE;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.james.core.Username;
import org.eclipse.jetty.http.HttpStatus;
import org.jamesclientid.device.AccountUse;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.MemoryDeviceUseRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableMap;

import io.restassured.RestAssured;
import reactor.core.publisher.Flux;

class ClientIdDeviceUsersRoutesTest implements PagedListingContract {
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

    private static String users(Object id) {
        return "/clientid/devices/" + id + "/users";
    }

    @Override
    public String listing() {
        return users(webAdmin.id(LAPTOP).asString());
    }

    @Override
    public String elementKey() {
        return "username";
    }

    @Override
    public void saveElements(int count) {
        DeviceId laptop = webAdmin.id(LAPTOP);
        IntStream.range(0, count).forEach(i -> webAdmin.deviceHistory.uses().recordUse(laptop, account(i), NOW).block());
    }

    @Override
    public void serveCountedListing(int count, AtomicInteger read) {
        webAdmin = webAdmin.restartOver(ClientIdWebAdminFixture.historyWithUses(new MemoryDeviceUseRepository(Clock.systemUTC(), Duration.ofDays(1)) {
            @Override
            public Flux<AccountUse> accounts(DeviceId deviceId) {
                return PagedListingContract.countedListing(count, read, i -> AccountUse.of(account(i), deviceId, NOW));
            }
        }));
    }

    private static Username account(int index) {
        return Username.of("user" + index + "@example.com");
    }

    @Test
    void listUsersShouldReturnEveryAccountWithItsLastUseWhenDeviceUsed() {
        DeviceId laptop = webAdmin.id(LAPTOP);
        webAdmin.deviceHistory.uses().recordUse(laptop, ALICE, NOW.minus(Duration.ofHours(2))).block();
        webAdmin.deviceHistory.uses().recordUse(laptop, BOB, NOW.minus(Duration.ofMinutes(5))).block();
        // Accounts James no longer knows stay listed: the device was used with them.
        webAdmin.deviceHistory.uses().recordUse(laptop, Username.of("mallory@example.com"), NOW.minus(Duration.ofDays(3))).block();
        webAdmin.deviceHistory.uses().recordUse(webAdmin.id(PHONE), ALICE, NOW).block();

        // The list comes in the store's order: each account is found by its name.
        when()
            .get(users(laptop.asString()))
        .then()
            .statusCode(HttpStatus.OK_200)
            .body("username", containsInAnyOrder("bob@example.com", "alice@example.com", "mallory@example.com"))
            .body("find { it.username == 'bob@example.com' }", is(ImmutableMap.of("username", "bob@example.com", "lastSeen", "2026-11-27T09:55:00Z")))
            .body("find { it.username == 'alice@example.com' }", is(ImmutableMap.of("username", "alice@example.com", "lastSeen", "2026-11-27T08:00:00Z")))
            .body("find { it.username == 'mallory@example.com' }", is(ImmutableMap.of("username", "mallory@example.com", "lastSeen", "2026-11-24T10:00:00Z")));
    }

    @Test
    void listUsersShouldReturnEmptyListWhenNoAccountUsedDevice() {
        when()
            .get(users(webAdmin.id(LAPTOP).asString()))
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("[]"));
    }

    @Test
    void listUsersShouldFindDeviceWhenIdInUpperCase() {
        DeviceId laptop = webAdmin.id(LAPTOP);
        webAdmin.deviceHistory.uses().recordUse(laptop, ALICE, NOW).block();

        when()
            .get(users(laptop.asString().toUpperCase()))
        .then()
            .body("username", org.hamcrest.Matchers.contains("alice@example.com"));
    }

    @Test
    void listUsersShouldReturnBadRequestWhenIdMalformed() {
        assertBadRequest(when().get(users("23bf83be-5a2b")).then(),
            "Invalid device id '23bf83be-5a2b': a device id is 24 hexadecimal characters");
    }
}
