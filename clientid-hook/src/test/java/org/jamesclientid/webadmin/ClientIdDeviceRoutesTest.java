package org.jamesclientid.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.ALICE;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.BOB;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.LAPTOP;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.NOW;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.PHONE;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.UNKNOWN;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.james.core.Username;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceActivity;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.MemoryDeviceRepository;
import org.jamesclientid.device.PendingDeviceLimits;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.policy.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import reactor.core.publisher.Flux;

class ClientIdDeviceRoutesTest {
    private static final Instant LAST_WEEK = NOW.minus(Duration.ofDays(7));
    private static final Instant YESTERDAY = NOW.minus(Duration.ofDays(1));
    private static final String LICENCE_TOKEN = "LK-2026-ABCD-EFGH-IJKL-MNOP";

    private ClientIdWebAdminFixture webAdmin;

    static Stream<String> tokensOutsideDraftSyntax() {
        // As JSON string contents: a space, a tab, a non-ASCII letter, one character too many.
        return Stream.of("", "two words", "tab\\there", "caf\u00e9", "x".repeat(129));
    }

    @BeforeEach
    void setUp() {
        webAdmin = ClientIdWebAdminFixture.start();
        RestAssured.requestSpecification = webAdmin.requestSpecification();
    }

    @AfterEach
    void tearDown() {
        webAdmin.close();
    }

    /**
     * Every logger but those of RestAssured's HTTP client, which logs what the test sends.
     */
    static boolean isServerSide(String loggerName) {
        return !loggerName.startsWith("org.apache.http.");
    }

    private static String devices(Object user) {
        return "/clientid/users/" + user + "/devices";
    }

    private static String device(Object user, Object id) {
        return devices(user) + "/" + id;
    }

    static void assertBadRequest(ValidatableResponse response, String message) {
        response
            .statusCode(HttpStatus.BAD_REQUEST_400)
            .body("statusCode", is(HttpStatus.BAD_REQUEST_400))
            .body("type", is(ErrorResponder.ErrorType.INVALID_ARGUMENT.getType()))
            .body("message", is(message));
    }

    static void assertNotFound(ValidatableResponse response, String message) {
        response
            .statusCode(HttpStatus.NOT_FOUND_404)
            .body("statusCode", is(HttpStatus.NOT_FOUND_404))
            .body("type", is(ErrorResponder.ErrorType.NOT_FOUND.getType()))
            .body("message", is(message));
    }

    @Nested
    class ListDevicesPages implements PagedListingContract {
        @Override
        public String listing() {
            return devices(ALICE.asString());
        }

        @Override
        public String elementKey() {
            return "id";
        }

        @Override
        public void saveElements(int count) {
            IntStream.range(0, count).forEach(i -> webAdmin.save(ALICE, numberedDevice(i)));
        }

        @Override
        public void serveCountedListing(int count, AtomicInteger read) {
            webAdmin = webAdmin.restartOver(ClientIdWebAdminFixture.historyWith(new MemoryDeviceRepository(Clock.systemUTC(), PendingDeviceLimits.DEFAULT) {
                @Override
                public Flux<Device> devices(Username username) {
                    return PagedListingContract.countedListing(count, read, i -> numberedDevice(i));
                }
            }));
        }

        private Device numberedDevice(int index) {
            return webAdmin.device(ClientId.of("UUID", "device-" + index), DeviceStatus.TRUSTED, LAST_WEEK);
        }
    }

    @Nested
    class ListDevices {
        @Test
        void listDevicesShouldReturnEmptyListWhenUserHasNoDevice() {
            when()
                .get(devices(ALICE.asString()))
            .then()
                .statusCode(HttpStatus.OK_200)
                .body(equalTo("[]"));
        }

        @Test
        void listDevicesShouldReturnEveryFieldWhenDeviceKnown() {
            Device laptop = webAdmin.save(ALICE, webAdmin.device(LAPTOP, DeviceStatus.TRUSTED, LAST_WEEK)
                .withLabel(Optional.of("Alice's laptop")));
            webAdmin.activity(ALICE, DeviceActivity.first(laptop.getId(), YESTERDAY, Optional.of("192.0.2.10"), true)
                .signedIn(YESTERDAY.plusSeconds(60), Optional.of("192.0.2.11"), false));

            String body = when()
                .get(devices(ALICE.asString()))
            .then()
                .statusCode(HttpStatus.OK_200)
                .extract().body().asString();

            assertThat(body).isEqualTo("[{"
                + "\"id\":\"" + laptop.getId().asString() + "\","
                + "\"type\":\"UUID\","
                + "\"hint\":\"23bf...d1a3\","
                + "\"label\":\"Alice's laptop\","
                + "\"status\":\"trusted\","
                + "\"firstSeen\":\"2026-11-20T10:00:00Z\","
                + "\"lastSeen\":\"2026-11-26T10:01:00Z\","
                + "\"lastIp\":\"192.0.2.11\","
                + "\"successes\":1,"
                + "\"failures\":1,"
                + "\"revokedUntil\":null,"
                + "\"statusChangedBy\":\"sign-in\","
                + "\"statusChangedAt\":\"2026-11-20T10:00:00Z\"}]");
        }

        @Test
        void listDevicesShouldShowNullWhenOptionalFieldsAbsent() {
            webAdmin.save(ALICE, webAdmin.device(LAPTOP, DeviceStatus.PENDING, LAST_WEEK));

            when()
                .get(devices(ALICE.asString()))
            .then()
                .statusCode(HttpStatus.OK_200)
                .body("[0].status", is("pending"))
                .body("[0].label", nullValue())
                .body("[0].lastIp", nullValue())
                .body("[0].revokedUntil", nullValue());
        }

        @Test
        void listDevicesShouldShowRevokedUntilWhenRevocationRuns() {
            webAdmin.save(ALICE, webAdmin.device(LAPTOP, DeviceStatus.TRUSTED, LAST_WEEK).withStatus(StatusChange.revoked(Optional.of(NOW.plus(Duration.ofDays(2))), Actor.ADMINISTRATOR, NOW)));

            when()
                .get(devices(ALICE.asString()))
            .then()
                .body("[0].status", is("revoked"))
                .body("[0].revokedUntil", is("2026-11-29T10:00:00Z"));
        }

        @Test
        void listDevicesShouldShowTrustedWhenRevocationEnded() {
            webAdmin.save(ALICE, webAdmin.device(LAPTOP, DeviceStatus.TRUSTED, LAST_WEEK).withStatus(StatusChange.revoked(Optional.of(YESTERDAY), Actor.ADMINISTRATOR, NOW)));

            when()
                .get(devices(ALICE.asString()))
            .then()
                .body("[0].status", is("trusted"))
                .body("[0].revokedUntil", nullValue());
        }

        @Test
        void listDevicesShouldShowTimesToTheSecondWhenClockMorePrecise() {
            webAdmin.save(ALICE, webAdmin.device(LAPTOP, DeviceStatus.TRUSTED, Instant.parse("2026-11-27T09:59:58.128516062Z")));

            when()
                .get(devices(ALICE.asString()))
            .then()
                .body("[0].firstSeen", is("2026-11-27T09:59:58Z"))
                .body("[0].lastSeen", is("2026-11-27T09:59:58Z"));
        }

        @Test
        void listDevicesShouldListEveryDeviceWhenSeveralDevices() {
            Device laptop = webAdmin.save(ALICE, webAdmin.device(LAPTOP, DeviceStatus.TRUSTED, LAST_WEEK));
            Device phone = webAdmin.save(ALICE, webAdmin.device(PHONE, DeviceStatus.TRUSTED, YESTERDAY));

            when()
                .get(devices(ALICE.asString()))
            .then()
                .body("id", org.hamcrest.Matchers.containsInAnyOrder(phone.getId().asString(), laptop.getId().asString()));
        }

        @Test
        void listDevicesShouldIgnoreOtherUsersDevicesWhenUserHasNone() {
            webAdmin.save(BOB, webAdmin.device(PHONE, DeviceStatus.TRUSTED, YESTERDAY));

            when()
                .get(devices(ALICE.asString()))
            .then()
                .body(equalTo("[]"));
        }

        @Test
        void listDevicesShouldReturnNotFoundWhenUserUnknown() {
            assertNotFound(when().get(devices(UNKNOWN.asString())).then(), "The user 'carol@example.com' does not exist");
        }

        @Test
        void listDevicesShouldReturnServerErrorWhenDeviceStoreFails() {
            webAdmin.close();
            webAdmin = ClientIdWebAdminFixture.builder()
                .deviceHistory(ClientIdWebAdminFixture.historyWith(new MemoryDeviceRepository(Clock.systemUTC(), PendingDeviceLimits.DEFAULT) {
                    @Override
                    public Flux<Device> devices(Username username) {
                        return Flux.error(new RuntimeException("device store down"));
                    }
                }))
                .start();
            RestAssured.requestSpecification = webAdmin.requestSpecification();

            when()
                .get(devices(ALICE.asString()))
            .then()
                .statusCode(HttpStatus.INTERNAL_SERVER_ERROR_500)
                .body("type", is(ErrorResponder.ErrorType.SERVER_ERROR.getType()))
                .body("message", is("WebAdmin encountered an unexpected internal error"));
        }

        @Test
        void listDevicesShouldReturnBadRequestWhenUserInvalid() {
            assertBadRequest(when().get(devices("alice@@example.com")).then(),
                "Invalid user 'alice@@example.com': Domain parts ASCII chars must be a-z A-Z 0-9 - or _");
        }
    }

    @Nested
    class EnrollDevice {
        @Test
        void enrollDeviceShouldReturnCreatedTrustedDeviceWhenBodyValid() {
            DeviceId expectedId = webAdmin.id(ClientId.of("LICENSE", LICENCE_TOKEN));

            given()
                .body("{\"type\":\"LICENSE\",\"token\":\"" + LICENCE_TOKEN + "\",\"label\":\"Licence of the accounting PC\"}")
            .when()
                .post(devices(ALICE.asString()))
            .then()
                .statusCode(HttpStatus.CREATED_201)
                .header("Location", devices(ALICE.asString()) + "/" + expectedId.asString())
                .body("id", is(expectedId.asString()))
                .body("type", is("LICENSE"))
                .body("hint", is("LK-2...MNOP"))
                .body("label", is("Licence of the accounting PC"))
                .body("status", is("trusted"))
                .body("firstSeen", is("2026-11-27T10:00:00Z"))
                .body("lastSeen", is("2026-11-27T10:00:00Z"))
                .body("lastIp", nullValue())
                .body("successes", is(0))
                .body("failures", is(0))
                .body("revokedUntil", nullValue());
        }

        @Test
        void enrollDeviceShouldStoreIdSmtpComputesWhenTypeInLowerCase() {
            given()
                .body("{\"type\":\"license\",\"token\":\"" + LICENCE_TOKEN + "\"}")
            .when()
                .post(devices(ALICE.asString()))
            .then()
                .statusCode(HttpStatus.CREATED_201);

            // CLIENTID types are case-insensitive: an SMTP client presenting "LICENSE <token>" is this device.
            DeviceId smtpId = webAdmin.id(ClientId.of("LICENSE", LICENCE_TOKEN));
            assertThat(webAdmin.stored(ALICE, smtpId)).map(Device::getStatus).contains(DeviceStatus.TRUSTED);
        }

        @Test
        void enrollDeviceShouldCreateDeviceWithoutLabelWhenLabelAbsent() {
            given()
                .body("{\"type\":\"UUID\",\"token\":\"" + LAPTOP.getToken() + "\"}")
            .when()
                .post(devices(ALICE.asString()))
            .then()
                .statusCode(HttpStatus.CREATED_201)
                .body("label", nullValue());
        }

        @Test
        void enrollDeviceShouldTrustAndKeepHistoryWhenDeviceAlreadyKnown() {
            Device pending = webAdmin.save(ALICE, webAdmin.device(LAPTOP, DeviceStatus.PENDING, LAST_WEEK)
                .withLabel(Optional.of("old label")));
            webAdmin.activity(ALICE, DeviceActivity.first(pending.getId(), YESTERDAY, Optional.of("192.0.2.10"), false));

            given()
                .body("{\"type\":\"UUID\",\"token\":\"" + LAPTOP.getToken() + "\"}")
            .when()
                .post(devices(ALICE.asString()))
            .then()
                .statusCode(HttpStatus.CREATED_201)
                .body("status", is("trusted"))
                .body("label", is("old label"))
                .body("firstSeen", is("2026-11-20T10:00:00Z"))
                .body("lastIp", is("192.0.2.10"));

            assertThat(webAdmin.stored(ALICE, pending.getId())).contains(pending.withStatus(StatusChange.trusted(Actor.ADMINISTRATOR, NOW)));
        }

        @Test
        void enrollDeviceShouldNeitherReturnNorLogTokenWhenAcceptedOrRefused() {
            String token = "very-secret-licence-token-0123456789";
            try (LogCapture logs = LogCapture.everything()) {
                String created = given()
                    .body("{\"type\":\"LICENSE\",\"token\":\"" + token + "\",\"label\":\"PC\"}")
                .when()
                    .post(devices(ALICE.asString()))
                .then()
                    .statusCode(HttpStatus.CREATED_201)
                    .extract().asString();
                String refused = given()
                    .body("{\"type\":\"LICENSE\",\"token\":\"" + token + "\",\"label\":{}}")
                .when()
                    .post(devices(ALICE.asString()))
                .then()
                    .statusCode(HttpStatus.BAD_REQUEST_400)
                    .extract().asString();
                String notJson = given()
                    .body("{\"type\":\"LICENSE\",\"token\":" + token + "}")
                .when()
                    .post(devices(ALICE.asString()))
                .then()
                    .statusCode(HttpStatus.BAD_REQUEST_400)
                    .extract().asString();
                // Sent as a form, the body becomes parameter names, which James' own request logger would log.
                String asForm = given()
                    .contentType("application/x-www-form-urlencoded")
                    .body("{\"type\":\"LICENSE\",\"token\":\"" + token + "\"}")
                .when()
                    .post(devices(ALICE.asString()))
                .then()
                    .extract().asString();

                assertThat(created + refused + notJson + asForm).doesNotContain(token).doesNotContain("secret-licence");
                assertThat(logs.everythingWrittenBy(ClientIdDeviceRoutesTest::isServerSide))
                    .contains("enrolled as trusted for \"alice@example.com\"")
                    .contains("WebAdmin request received: CLIENTID request, body not logged")
                    .doesNotContain(token)
                    .doesNotContain("secret-licence");
            }
        }

        @Test
        void enrollDeviceShouldReturnNotFoundWhenUserUnknown() {
            assertNotFound(given().body("{\"type\":\"UUID\",\"token\":\"abc\"}").post(devices(UNKNOWN.asString())).then(),
                "The user 'carol@example.com' does not exist");
        }

        @Test
        void enrollDeviceShouldReturnBadRequestWhenTypeMissing() {
            assertBadRequest(given().body("{\"token\":\"abc\"}").post(devices(ALICE.asString())).then(),
                "'type' is mandatory");
        }

        @Test
        void enrollDeviceShouldReturnBadRequestWhenTokenMissing() {
            assertBadRequest(given().body("{\"type\":\"UUID\"}").post(devices(ALICE.asString())).then(),
                "'token' is mandatory");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "U U", "UUID_V4", "ABCDEFGHIJKLMNOPQ", "ÜUID"})
        void enrollDeviceShouldReturnBadRequestWhenTypeOutsideDraftSyntax(String type) {
            assertBadRequest(given().body("{\"type\":\"" + type + "\",\"token\":\"abc\"}").post(devices(ALICE.asString())).then(),
                "Invalid 'type' '" + type + "': a client-id type is 1 to 16 letters, digits or '-'");
        }

        @ParameterizedTest
        @MethodSource("org.jamesclientid.webadmin.ClientIdDeviceRoutesTest#tokensOutsideDraftSyntax")
        void enrollDeviceShouldReturnBadRequestWhenTokenOutsideDraftSyntax(String token) {
            assertBadRequest(given().body("{\"type\":\"UUID\",\"token\":\"" + token + "\"}").post(devices(ALICE.asString())).then(),
                "Invalid 'token': a client-id token is 1 to 128 printable US-ASCII characters, without spaces");
        }

        @Test
        void enrollDeviceShouldCreateDeviceWhenTokenOfMaximumLength() {
            given()
                .body("{\"type\":\"UUID\",\"token\":\"" + "x".repeat(128) + "\"}")
            .when()
                .post(devices(ALICE.asString()))
            .then()
                .statusCode(HttpStatus.CREATED_201);
        }

        @Test
        void enrollDeviceShouldReturnBadRequestWhenLabelTooLong() {
            assertBadRequest(given().body("{\"type\":\"UUID\",\"token\":\"abc\",\"label\":\"" + "l".repeat(257) + "\"}")
                    .post(devices(ALICE.asString())).then(),
                "Invalid 'label': at most 256 characters");
        }

        @Test
        void enrollDeviceShouldReturnBadRequestWhenLabelNotText() {
            assertBadRequest(given().body("{\"type\":\"UUID\",\"token\":\"abc\",\"label\":[\"a\"]}").post(devices(ALICE.asString())).then(),
                "Invalid 'label': expecting a string");
        }

        @Test
        void enrollDeviceShouldReturnBadRequestWhenBodyNotJson() {
            assertBadRequest(given().body("type=UUID&token=abc").post(devices(ALICE.asString())).then(),
                "The request body is not valid JSON (line 1, column 5)");
        }

        @Test
        void enrollDeviceShouldReturnBadRequestWhenBodyTruncated() {
            assertBadRequest(given().body("{\"type\":\"UUID\",\"token\":\"abc\"").post(devices(ALICE.asString())).then(),
                "The request body is not valid JSON (line 1, column 29)");
        }

        @Test
        void enrollDeviceShouldReturnBadRequestWhenBodyEmpty() {
            assertBadRequest(given().body("").post(devices(ALICE.asString())).then(),
                "The request body is empty: expecting a JSON object");
        }

        @Test
        void enrollDeviceShouldNameTheContentTypeWhenBodyEmptyAndNotSentAsJson() {
            assertBadRequest(given().contentType("application/x-www-form-urlencoded").body("").post(devices(ALICE.asString())).then(),
                "The request body is empty: expecting a JSON object sent with 'Content-Type: application/json'");
        }

        @Test
        void enrollDeviceShouldReturnBadRequestWhenBodyNotAnObject() {
            assertBadRequest(given().body("[\"UUID\",\"abc\"]").post(devices(ALICE.asString())).then(),
                "The request body must be a JSON object");
        }

        @Test
        void enrollDeviceShouldReturnBadRequestWhenFieldUnknown() {
            assertBadRequest(given().body("{\"type\":\"UUID\",\"tokn\":\"abc\"}").post(devices(ALICE.asString())).then(),
                "Unknown field 'tokn' in the request body, expecting some of: label, token, type");
        }
    }

    @Nested
    class UpdateDevice {
        private Device pendingLaptop;

        @BeforeEach
        void setUp() {
            pendingLaptop = webAdmin.save(ALICE, webAdmin.device(LAPTOP, DeviceStatus.PENDING, LAST_WEEK)
                .withLabel(Optional.of("laptop")));
        }

        private String laptop() {
            return device(ALICE.asString(), pendingLaptop.getId().asString());
        }

        private Device storedLaptop() {
            return webAdmin.stored(ALICE, pendingLaptop.getId()).orElseThrow();
        }

        @Test
        void updateDeviceShouldTrustDeviceWhenPending() {
            given()
                .body("{\"status\":\"trusted\"}")
            .when()
                .put(laptop())
            .then()
                .statusCode(HttpStatus.NO_CONTENT_204);

            assertThat(storedLaptop()).isEqualTo(pendingLaptop.withStatus(StatusChange.trusted(Actor.ADMINISTRATOR, NOW)));
        }

        @Test
        void updateDeviceShouldRevokeWithoutEndWhenUntilAbsent() {
            given()
                .body("{\"status\":\"revoked\"}")
            .when()
                .put(laptop())
            .then()
                .statusCode(HttpStatus.NO_CONTENT_204);

            assertThat(storedLaptop()).isEqualTo(pendingLaptop.withStatus(StatusChange.revoked(Optional.empty(), Actor.ADMINISTRATOR, NOW)));
        }

        @Test
        void updateDeviceShouldRevokeUntilTimeInUtcWhenUntilHasOffset() {
            given()
                .body("{\"status\":\"revoked\",\"until\":\"2026-12-01T09:30:00+01:00\"}")
            .when()
                .put(laptop())
            .then()
                .statusCode(HttpStatus.NO_CONTENT_204);

            assertThat(storedLaptop().getRevokedUntil()).contains(Instant.parse("2026-12-01T08:30:00Z"));
            when()
                .get(devices(ALICE.asString()))
            .then()
                .body("[0].revokedUntil", is("2026-12-01T08:30:00Z"));
        }

        @Test
        void updateDeviceShouldClearRevocationEndWhenTrusted() {
            webAdmin.save(ALICE, pendingLaptop.withStatus(StatusChange.revoked(Optional.of(NOW.plus(Duration.ofDays(1))), Actor.ADMINISTRATOR, NOW)));

            given()
                .body("{\"status\":\"trusted\"}")
            .when()
                .put(laptop())
            .then()
                .statusCode(HttpStatus.NO_CONTENT_204);

            assertThat(storedLaptop().getStatus()).isEqualTo(DeviceStatus.TRUSTED);
            assertThat(storedLaptop().getRevokedUntil()).isEmpty();
        }

        @Test
        void updateDeviceShouldSetLabelWhenGiven() {
            given().body("{\"status\":\"trusted\",\"label\":\" Alice's work laptop \"}").put(laptop()).then().statusCode(HttpStatus.NO_CONTENT_204);

            assertThat(storedLaptop().getLabel()).contains("Alice's work laptop");
        }

        @Test
        void updateDeviceShouldKeepLabelWhenAbsent() {
            given().body("{\"status\":\"trusted\"}").put(laptop()).then().statusCode(HttpStatus.NO_CONTENT_204);

            assertThat(storedLaptop().getLabel()).contains("laptop");
        }

        @Test
        void updateDeviceShouldRemoveLabelWhenBlank() {
            given().body("{\"status\":\"trusted\",\"label\":\"  \"}").put(laptop()).then().statusCode(HttpStatus.NO_CONTENT_204);

            assertThat(storedLaptop().getLabel()).isEmpty();
        }

        @Test
        void updateDeviceShouldFindDeviceWhenIdInUpperCase() {
            given()
                .body("{\"status\":\"trusted\"}")
            .when()
                .put(device(ALICE.asString(), pendingLaptop.getId().asString().toUpperCase()))
            .then()
                .statusCode(HttpStatus.NO_CONTENT_204);

            assertThat(storedLaptop().getStatus()).isEqualTo(DeviceStatus.TRUSTED);
        }

        @Test
        void updateDeviceShouldReturnBadRequestWhenStatusPending() {
            assertBadRequest(given().body("{\"status\":\"pending\"}").put(laptop()).then(),
                "Invalid 'status' 'pending': approve a device with 'trusted' or refuse it with 'revoked'");
            assertThat(storedLaptop()).isEqualTo(pendingLaptop);
        }

        @Test
        void updateDeviceShouldReturnBadRequestWhenStatusUnknown() {
            assertBadRequest(given().body("{\"status\":\"approved\"}").put(laptop()).then(),
                "Invalid 'status': Unknown device status 'approved', expecting one of trusted, pending, revoked");
        }

        @Test
        void updateDeviceShouldReturnBadRequestWhenStatusMissing() {
            assertBadRequest(given().body("{\"label\":\"laptop\"}").put(laptop()).then(), "'status' is mandatory");
        }

        @Test
        void updateDeviceShouldReturnBadRequestWhenUntilGivenForTrusted() {
            assertBadRequest(given().body("{\"status\":\"trusted\",\"until\":\"2026-12-01T00:00:00Z\"}").put(laptop()).then(),
                "'until' only applies to a revoked device");
        }

        @ParameterizedTest
        @ValueSource(strings = {"tomorrow", "2026-12-01", "2026-12-01T00:00:00", "2026-13-01T00:00:00Z", "1733011200"})
        void updateDeviceShouldReturnBadRequestWhenUntilNotIso8601WithOffset(String until) {
            assertBadRequest(given().body("{\"status\":\"revoked\",\"until\":\"" + until + "\"}").put(laptop()).then(),
                "Invalid 'until' '" + until + "': expecting an ISO-8601 date-time with an offset, e.g. 2026-12-31T23:00:00Z");
        }

        @Test
        void updateDeviceShouldReturnBadRequestWhenUntilPassed() {
            assertBadRequest(given().body("{\"status\":\"revoked\",\"until\":\"2026-11-27T10:00:00Z\"}").put(laptop()).then(),
                "Invalid 'until' '2026-11-27T10:00:00Z': it must be in the future");
        }

        @Test
        void updateDeviceShouldReturnBadRequestWhenBodyNotJson() {
            assertBadRequest(given().body("status: trusted").put(laptop()).then(),
                "The request body is not valid JSON (line 1, column 7)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"123", "0123456789abcdef0123456z", "0123456789abcdef01234567a"})
        void updateDeviceShouldReturnBadRequestWhenIdMalformed(String id) {
            assertBadRequest(given().body("{\"status\":\"trusted\"}").put(device(ALICE.asString(), id)).then(),
                "Invalid device id '" + id + "': a device id is 24 hexadecimal characters");
        }

        @Test
        void updateDeviceShouldReturnNotFoundWhenDeviceUnknownForUser() {
            assertNotFound(given().body("{\"status\":\"trusted\"}").put(device(BOB.asString(), pendingLaptop.getId().asString())).then(),
                "The device '" + pendingLaptop.getId().asString() + "' is not known for the user 'bob@example.com'");
        }

        @Test
        void updateDeviceShouldReturnNotFoundWhenUserUnknown() {
            assertNotFound(given().body("{\"status\":\"trusted\"}").put(device(UNKNOWN.asString(), pendingLaptop.getId().asString())).then(),
                "The user 'carol@example.com' does not exist");
        }
    }

    @Nested
    class DeleteDevice {
        @Test
        void deleteDeviceShouldForgetOnlyThatDeviceWhenKnown() {
            Device laptop = webAdmin.save(ALICE, webAdmin.device(LAPTOP, DeviceStatus.TRUSTED, LAST_WEEK));
            Device phone = webAdmin.save(ALICE, webAdmin.device(PHONE, DeviceStatus.TRUSTED, LAST_WEEK));

            when()
                .delete(device(ALICE.asString(), laptop.getId().asString()))
            .then()
                .statusCode(HttpStatus.NO_CONTENT_204);

            assertThat(webAdmin.stored(ALICE, laptop.getId())).isEmpty();
            assertThat(webAdmin.stored(ALICE, phone.getId())).contains(phone);
        }

        @Test
        void deleteDeviceShouldReturnNotFoundWhenDeviceUnknownForUser() {
            DeviceId id = webAdmin.id(LAPTOP);
            assertNotFound(when().delete(device(ALICE.asString(), id.asString())).then(),
                "The device '" + id.asString() + "' is not known for the user 'alice@example.com'");
        }

        @Test
        void deleteDeviceShouldReturnBadRequestWhenIdMalformed() {
            assertBadRequest(when().delete(device(ALICE.asString(), "laptop")).then(),
                "Invalid device id 'laptop': a device id is 24 hexadecimal characters");
        }

        @Test
        void deleteDeviceShouldReturnNotFoundWhenUserUnknown() {
            assertNotFound(when().delete(device(UNKNOWN.asString(), webAdmin.id(LAPTOP).asString())).then(),
                "The user 'carol@example.com' does not exist");
        }
    }
}
