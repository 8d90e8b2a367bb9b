package org.jamesclientid.webadmin;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.webadmin.ClientIdDeviceRoutesTest.assertBadRequest;
import static org.jamesclientid.webadmin.ClientIdDeviceRoutesTest.assertNotFound;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.ALICE;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.BOB;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.LAPTOP;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.NOW;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.PHONE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.Username;
import org.eclipse.jetty.http.HttpStatus;
import org.jamesclientid.activity.PasswordOnlySignIn;
import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.core.ClientIdMode;
import org.jamesclientid.core.Protocol;
import org.jamesclientid.device.AccountUse;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceHistoryUsernameChangeTaskStep;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.MemoryDeviceHistories;
import org.jamesclientid.device.MemoryDeviceRepository;
import org.jamesclientid.device.PendingDeviceLimits;
import org.jamesclientid.policy.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableSet;

import io.restassured.RestAssured;
import reactor.core.publisher.Mono;

class ClientIdUserLifecycleRoutesTest {
    private static final Instant LAST_WEEK = NOW.minus(Duration.ofDays(7));
    private static final Username DELETED = Username.of("dave@example.com");

    private ClientIdWebAdminFixture webAdmin;

    private void start(ClientIdWebAdminFixture.Builder builder) {
        webAdmin = builder.otherRoutes(new JamesUserRoutesStandIn()).start();
        RestAssured.requestSpecification = webAdmin.requestSpecification();
    }

    @AfterEach
    void tearDown() {
        webAdmin.close();
    }

    /**
     * A device, a policy override and a device use for {@code username}.
     */
    private Device history(Username username) {
        Device laptop = webAdmin.save(username, webAdmin.device(LAPTOP, DeviceStatus.TRUSTED, LAST_WEEK));
        webAdmin.deviceHistory.policies().setPolicy(username, AccountPolicy.of(ClientIdMode.ENFORCE, true)).block();
        webAdmin.deviceHistory.uses().recordUse(laptop.getId(), username, NOW).block();
        return laptop;
    }

    private void signInWithoutClientId(Username username) {
        webAdmin.passwordOnlySignIns.record(username, Protocol.SMTP, "PLAIN", NOW, Optional.of("192.0.2.10")).block();
    }

    private List<PasswordOnlySignIn> signInsWithoutClientId(Username username) {
        return webAdmin.passwordOnlySignIns.since(username, LAST_WEEK).collectList().block();
    }

    private void assertNoHistory(Username username) {
        assertThat(webAdmin.deviceHistory.devices().devices(username).collectList().block()).isEmpty();
        assertThat(webAdmin.deviceHistory.policies().policy(username).blockOptional()).isEmpty();
        assertThat(webAdmin.deviceHistory.uses().accounts(webAdmin.id(LAPTOP)).map(AccountUse::getUsername).collectList().block())
            .doesNotContain(username);
    }

    private void assertHistory(Username username, Device device) {
        assertThat(webAdmin.stored(username, device.getId())).contains(device);
        assertThat(webAdmin.deviceHistory.policies().policy(username).blockOptional()).contains(AccountPolicy.of(ClientIdMode.ENFORCE, true));
        assertThat(webAdmin.deviceHistory.uses().accounts(device.getId()).map(AccountUse::getUsername).collectList().block())
            .contains(username);
    }

    @Nested
    class OwnRoutes {
        @Test
        void deleteUserDataShouldForgetDevicesPolicyAndUsesWhenUserKnown() {
            start(ClientIdWebAdminFixture.builder());
            history(ALICE);
            Device bobsLaptop = history(BOB);

            when()
                .delete("/clientid/users/" + ALICE.asString())
            .then()
                .statusCode(HttpStatus.NO_CONTENT_204);

            assertNoHistory(ALICE);
            assertHistory(BOB, bobsLaptop);
        }

        @Test
        void deleteUserDataShouldForgetSignInsWithoutClientIdOfThatUserOnly() {
            start(ClientIdWebAdminFixture.builder());
            signInWithoutClientId(ALICE);
            signInWithoutClientId(BOB);

            when()
                .delete("/clientid/users/" + ALICE.asString())
            .then()
                .statusCode(HttpStatus.NO_CONTENT_204);

            assertThat(signInsWithoutClientId(ALICE)).isEmpty();
            assertThat(signInsWithoutClientId(BOB)).hasSize(1);
        }

        @Test
        void deleteUserDataShouldWorkWhenJamesNoLongerKnowsTheUser() {
            start(ClientIdWebAdminFixture.builder());
            history(DELETED);

            when()
                .delete("/clientid/users/" + DELETED.asString())
            .then()
                .statusCode(HttpStatus.NO_CONTENT_204);

            assertNoHistory(DELETED);
        }

        @Test
        void deleteUserDataShouldReturnBadRequestWhenUserInvalid() {
            start(ClientIdWebAdminFixture.builder());

            assertBadRequest(when().delete("/clientid/users/alice@").then(),
                "Invalid user 'alice@': Domain part should not be empty");
        }

        @Test
        void renameUserShouldMoveDevicesPolicyAndUsesWhenOldUserGoneFromJames() {
            start(ClientIdWebAdminFixture.builder());
            Device laptop = history(DELETED);

            when()
                .post("/clientid/users/" + DELETED.asString() + "/rename/" + BOB.asString())
            .then()
                .statusCode(HttpStatus.NO_CONTENT_204);

            assertNoHistory(DELETED);
            assertHistory(BOB, laptop);
        }

        @Test
        void renameUserShouldMoveSignInsWithoutClientId() {
            start(ClientIdWebAdminFixture.builder());
            signInWithoutClientId(DELETED);
            signInWithoutClientId(BOB);

            when()
                .post("/clientid/users/" + DELETED.asString() + "/rename/" + BOB.asString())
            .then()
                .statusCode(HttpStatus.NO_CONTENT_204);

            assertThat(signInsWithoutClientId(DELETED)).isEmpty();
            assertThat(signInsWithoutClientId(BOB)).extracting(PasswordOnlySignIn::getCount).containsExactly(2L);
        }

        @Test
        void renameUserShouldKeepOtherDevicesWhenNewUserHasSome() {
            start(ClientIdWebAdminFixture.builder());
            history(ALICE);
            Device bobsPhone = webAdmin.save(BOB, webAdmin.device(PHONE, DeviceStatus.TRUSTED, LAST_WEEK));

            when().post("/clientid/users/" + ALICE.asString() + "/rename/" + BOB.asString()).then().statusCode(HttpStatus.NO_CONTENT_204);

            assertThat(webAdmin.stored(BOB, bobsPhone.getId())).contains(bobsPhone);
            assertThat(webAdmin.stored(BOB, webAdmin.id(LAPTOP))).isPresent();
        }

        @Test
        void renameUserShouldReturnNotFoundWhenNewUserUnknown() {
            start(ClientIdWebAdminFixture.builder());
            Device laptop = history(ALICE);

            assertNotFound(when().post("/clientid/users/" + ALICE.asString() + "/rename/" + DELETED.asString()).then(),
                "The user 'dave@example.com' does not exist");
            assertHistory(ALICE, laptop);
        }

        @Test
        void renameUserShouldReturnBadRequestWhenSameUser() {
            start(ClientIdWebAdminFixture.builder());

            assertBadRequest(when().post("/clientid/users/" + ALICE.asString() + "/rename/ALICE@example.com").then(),
                "'user' and 'newUser' are the same user 'alice@example.com'");
        }

        @Test
        void renameUserShouldReturnBadRequestWhenNewUserInvalid() {
            start(ClientIdWebAdminFixture.builder());

            assertBadRequest(when().post("/clientid/users/" + ALICE.asString() + "/rename/bob@exa mple.com").then(),
                "Invalid user 'bob@exa mple.com': Domain parts ASCII chars must be a-z A-Z 0-9 - or _");
        }
    }

    @Nested
    class JamesRoutes {
        @Test
        void jamesUserDeletionShouldDeleteDeviceHistoryWhenJamesSucceeds() {
            start(ClientIdWebAdminFixture.builder());
            history(ALICE);
            Device bobsLaptop = history(BOB);

            when()
                .delete("/users/" + ALICE.asString())
            .then()
                .statusCode(HttpStatus.NO_CONTENT_204);

            assertNoHistory(ALICE);
            assertHistory(BOB, bobsLaptop);
        }

        @Test
        void jamesUserDeletionShouldDeleteSignInsWithoutClientIdWhenJamesSucceeds() {
            start(ClientIdWebAdminFixture.builder());
            signInWithoutClientId(ALICE);
            signInWithoutClientId(BOB);

            when()
                .delete("/users/" + ALICE.asString())
            .then()
                .statusCode(HttpStatus.NO_CONTENT_204);

            assertThat(signInsWithoutClientId(ALICE)).isEmpty();
            assertThat(signInsWithoutClientId(BOB)).hasSize(1);
        }

        @Test
        void jamesUserDeletionShouldKeepSignInsWithoutClientIdWhenJamesRefusedIt() {
            start(ClientIdWebAdminFixture.builder());
            Username refused = Username.of("refused@example.com");
            signInWithoutClientId(refused);

            when()
                .delete("/users/" + refused.asString())
            .then()
                .statusCode(HttpStatus.NO_CONTENT_204);

            assertThat(signInsWithoutClientId(refused)).hasSize(1);
        }

        @Test
        void jamesUserDeletionShouldKeepDeviceHistoryWhenJamesRefusedIt() {
            start(ClientIdWebAdminFixture.builder());
            Username refused = Username.of("refused@example.com");
            Device laptop = history(refused);

            when()
                .delete("/users/" + refused.asString())
            .then()
                .statusCode(HttpStatus.NO_CONTENT_204);

            assertHistory(refused, laptop);
        }

        @Test
        void jamesUserDeletionShouldKeepJamesAnswerWhenDeviceStoreFails() {
            start(ClientIdWebAdminFixture.builder().deviceHistory(ClientIdWebAdminFixture.historyWith(
                new MemoryDeviceRepository(Clock.systemUTC(), PendingDeviceLimits.DEFAULT) {
                    @Override
                    public Mono<Void> deleteAll(Username username) {
                        return Mono.error(new RuntimeException("device store down"));
                    }
                })));
            try (LogCapture logs = LogCapture.everything()) {
                when()
                    .delete("/users/" + ALICE.asString())
                .then()
                    .statusCode(HttpStatus.NO_CONTENT_204);

                assertThat(logs.everythingWritten())
                    .contains("CLIENTID device history of the deleted user \"alice@example.com\" could not be deleted; "
                        + "retry with DELETE /clientid/users/alice@example.com");
            }
        }

        @Test
        void jamesRenameShouldMoveDeviceHistoryWhenAccepted() {
            start(ClientIdWebAdminFixture.builder());
            Device laptop = history(ALICE);

            when()
                .post("/users/" + ALICE.asString() + "/rename/" + BOB.asString() + "?action=rename")
            .then()
                .statusCode(HttpStatus.CREATED_201);

            assertNoHistory(ALICE);
            assertHistory(BOB, laptop);
        }

        @Test
        void jamesRenameShouldMoveSignInsWithoutClientIdWhenAccepted() {
            start(ClientIdWebAdminFixture.builder());
            signInWithoutClientId(ALICE);

            when()
                .post("/users/" + ALICE.asString() + "/rename/" + BOB.asString() + "?action=rename")
            .then()
                .statusCode(HttpStatus.CREATED_201);

            assertThat(signInsWithoutClientId(ALICE)).isEmpty();
            assertThat(signInsWithoutClientId(BOB)).hasSize(1);
        }

        @Test
        void jamesRenameShouldKeepDeviceHistoryWhenRefused() {
            start(ClientIdWebAdminFixture.builder());
            Device laptop = history(ALICE);

            when()
                .post("/users/" + ALICE.asString() + "/rename/refused@example.com?action=rename")
            .then()
                .statusCode(HttpStatus.BAD_REQUEST_400);

            assertHistory(ALICE, laptop);
        }

        @Test
        void jamesRenameShouldBeLeftToJamesTaskWhenStepBoundInJames() {
            ClientIdWebAdminFixture.Builder builder = ClientIdWebAdminFixture.builder();
            DeviceHistory deviceHistory = MemoryDeviceHistories.create();
            start(builder.deviceHistory(deviceHistory)
                .jamesUsernameChangeSteps(ImmutableSet.of(new DeviceHistoryUsernameChangeTaskStep(deviceHistory))));
            Device laptop = history(ALICE);

            when()
                .post("/users/" + ALICE.asString() + "/rename/" + BOB.asString() + "?action=rename")
            .then()
                .statusCode(HttpStatus.CREATED_201);

            assertHistory(ALICE, laptop);
        }
    }
}
