package org.jamesclientid.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.jamesclientid.webadmin.ClientIdDeviceRoutesTest.assertBadRequest;
import static org.jamesclientid.webadmin.ClientIdDeviceRoutesTest.assertNotFound;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.LAPTOP;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.NOW;
import static org.jamesclientid.webadmin.ClientIdWebAdminFixture.PHONE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.eclipse.jetty.http.HttpStatus;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.DeviceBlocks;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.MemoryBlockRepository;
import org.jamesclientid.policy.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import reactor.core.publisher.Flux;

class ClientIdBlockRoutesTest implements PagedListingContract {
    private static final String BLOCKED = "/clientid/blocked";
    private static final Instant LAST_WEEK = NOW.minus(Duration.ofDays(7));

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

    private static String blocked(Object id) {
        return BLOCKED + "/" + id;
    }

    private Optional<Block> storedBlock(DeviceId id) {
        return webAdmin.deviceHistory.blocks().blocks(id).blockOptional().flatMap(blocks -> blocks.getAdministrator().or(blocks::getAutomatic));
    }

    private Block saveBlock(Block block) {
        webAdmin.deviceHistory.blocks().block(block).block();
        return block;
    }

    @Override
    public String listing() {
        return BLOCKED;
    }

    @Override
    public String elementKey() {
        return "id";
    }

    @Override
    public void saveElements(int count) {
        IntStream.range(0, count).forEach(i -> saveBlock(Block.of(PagedListingContract.deviceId(i), Actor.ADMINISTRATOR, NOW, Optional.empty(), Optional.empty())));
    }

    @Override
    public void serveCountedListing(int count, AtomicInteger read) {
        webAdmin = webAdmin.restartOver(ClientIdWebAdminFixture.historyWithBlocks(new MemoryBlockRepository(Clock.systemUTC()) {
            @Override
            public Flux<Block> list() {
                return PagedListingContract.countedListing(count, read,
                    i -> Block.of(PagedListingContract.deviceId(i), Actor.ADMINISTRATOR, NOW, Optional.empty(), Optional.empty()));
            }
        }));
    }

    @Test
    void listBlocksShouldReturnEmptyListWhenNothingBlocked() {
        when()
            .get(BLOCKED)
        .then()
            .statusCode(HttpStatus.OK_200)
            .body(equalTo("[]"));
    }

    @Test
    void listBlocksShouldShowEveryFieldWhenDevicesBlocked() {
        DeviceId laptop = webAdmin.id(LAPTOP);
        DeviceId phone = webAdmin.id(PHONE);
        saveBlock(Block.of(laptop, Actor.ADMINISTRATOR, LAST_WEEK, Optional.of(LAST_WEEK.plus(Duration.ofHours(1))), Optional.of("10 failed AUTH within 15m")));
        saveBlock(Block.of(phone, Actor.ADMINISTRATOR, NOW.minus(Duration.ofHours(1)), Optional.empty(), Optional.empty()));
        // The list comes in the store's order: each block is found by its id.
        String phoneBlock = "find { it.id == '" + phone.asString() + "' }";
        String laptopBlock = "find { it.id == '" + laptop.asString() + "' }";

        when()
            .get(BLOCKED)
        .then()
            .statusCode(HttpStatus.OK_200)
            .body("id", containsInAnyOrder(phone.asString(), laptop.asString()))
            .body(phoneBlock + ".keySet()", containsInAnyOrder("id", "setBy", "createdAt", "until", "reason", "active"))
            .body(phoneBlock + ".setBy", is("administrator"))
            .body(phoneBlock + ".createdAt", is("2026-11-27T09:00:00Z"))
            .body(phoneBlock + ".until", nullValue())
            .body(phoneBlock + ".reason", nullValue())
            .body(phoneBlock + ".active", is(true))
            .body(laptopBlock + ".keySet()", containsInAnyOrder("id", "setBy", "createdAt", "until", "reason", "active"))
            .body(laptopBlock + ".createdAt", is("2026-11-20T10:00:00Z"))
            .body(laptopBlock + ".until", is("2026-11-20T11:00:00Z"))
            .body(laptopBlock + ".reason", is("10 failed AUTH within 15m"))
            .body(laptopBlock + ".active", is(false));
    }

    @Test
    void blockDeviceShouldReturnIdComputedLikeSmtpWhenTypeInLowerCase() {
        DeviceId expected = webAdmin.id(ClientId.of("UUID", LAPTOP.getToken()));

        given()
            .body("{\"type\":\"uuid\",\"token\":\"" + LAPTOP.getToken() + "\",\"until\":\"2026-11-28T10:00:00Z\",\"reason\":\"stolen laptop\"}")
        .when()
            .post(BLOCKED)
        .then()
            .statusCode(HttpStatus.CREATED_201)
            .header("Location", blocked(expected.asString()))
            .body(equalTo("{\"id\":\"" + expected.asString() + "\"}"));

        assertThat(storedBlock(expected))
            .contains(Block.of(expected, Actor.ADMINISTRATOR, NOW, Optional.of(Instant.parse("2026-11-28T10:00:00Z")), Optional.of("stolen laptop")));
    }

    @Test
    void blockDeviceShouldBlockWithoutEndWhenUntilAbsent() {
        given()
            .body("{\"type\":\"UUID\",\"token\":\"" + LAPTOP.getToken() + "\"}")
        .when()
            .post(BLOCKED)
        .then()
            .statusCode(HttpStatus.CREATED_201);

        assertThat(storedBlock(webAdmin.id(LAPTOP))).contains(Block.of(webAdmin.id(LAPTOP), Actor.ADMINISTRATOR, NOW, Optional.empty(), Optional.empty()));
    }

    @Test
    void blockDeviceShouldReplaceTheAutomaticBlockWhenDeviceAlreadyBlocked() {
        DeviceId laptop = webAdmin.id(LAPTOP);
        webAdmin.deviceHistory.blocks().blockAutomatically(Block.of(laptop, Actor.AUTOMATIC, NOW, Optional.of(NOW.plus(Duration.ofHours(1))),
            Optional.of("too many failures"))).block();

        given()
            .body("{\"type\":\"UUID\",\"token\":\"" + LAPTOP.getToken() + "\",\"reason\":\"for good\"}")
        .when()
            .post(BLOCKED)
        .then()
            .statusCode(HttpStatus.CREATED_201);

        assertThat(webAdmin.deviceHistory.blocks().blocks(laptop).block())
            .isEqualTo(DeviceBlocks.of(Optional.of(Block.of(laptop, Actor.ADMINISTRATOR, NOW, Optional.empty(), Optional.of("for good"))), Optional.empty()));
    }

    @Test
    void listBlocksShouldShowAutomaticBlocksAsSuch() {
        DeviceId laptop = webAdmin.id(LAPTOP);
        webAdmin.deviceHistory.blocks().blockAutomatically(Block.of(laptop, Actor.AUTOMATIC, NOW, Optional.of(NOW.plus(Duration.ofHours(1))),
            Optional.of("shared device"))).block();

        when()
            .get(BLOCKED)
        .then()
            .statusCode(HttpStatus.OK_200)
            .body("[0].setBy", is("automatic"))
            .body("[0].reason", is("shared device"))
            .body("[0].active", is(true));
    }

    @Test
    void unblockShouldLiftAnAutomaticBlockToo() {
        DeviceId laptop = webAdmin.id(LAPTOP);
        saveBlock(Block.of(laptop, Actor.ADMINISTRATOR, LAST_WEEK, Optional.empty(), Optional.empty()));
        webAdmin.deviceHistory.blocks().blockAutomatically(Block.of(laptop, Actor.AUTOMATIC, NOW, Optional.of(NOW.plus(Duration.ofHours(1))),
            Optional.of("shared device"))).block();

        when()
            .delete(blocked(laptop.asString()))
        .then()
            .statusCode(HttpStatus.NO_CONTENT_204);

        assertThat(webAdmin.deviceHistory.blocks().blocks(laptop).block()).isEqualTo(DeviceBlocks.NONE);
    }

    @Test
    void blockDeviceShouldNeitherReturnNorLogTokenWhenAcceptedOrRefused() {
        String token = "stolen-phone-token-0123456789";
        try (LogCapture logs = LogCapture.everything()) {
            String created = given()
                .body("{\"type\":\"UUID\",\"token\":\"" + token + "\",\"reason\":\"stolen\"}")
            .when()
                .post(BLOCKED)
            .then()
                .statusCode(HttpStatus.CREATED_201)
                .extract().asString();
            String refused = given()
                .body("{\"type\":\"UUID\",\"token\":\"" + token + "\",\"until\":\"soon\"}")
            .when()
                .post(BLOCKED)
            .then()
                .statusCode(HttpStatus.BAD_REQUEST_400)
                .extract().asString();

            assertThat(created + refused).doesNotContain(token);
            assertThat(logs.everythingWrittenBy(ClientIdDeviceRoutesTest::isServerSide))
                .contains("blocked without end through WebAdmin")
                .doesNotContain(token);
        }
    }

    @Test
    void blockDeviceShouldReturnBadRequestWhenTokenMissing() {
        assertBadRequest(given().body("{\"type\":\"UUID\"}").post(BLOCKED).then(), "'token' is mandatory");
    }

    @Test
    void blockDeviceShouldReturnBadRequestWhenTypeMissing() {
        assertBadRequest(given().body("{\"token\":\"abc\"}").post(BLOCKED).then(), "'type' is mandatory");
    }

    @Test
    void blockDeviceShouldReturnBadRequestWhenTokenOutsideDraftSyntax() {
        assertBadRequest(given().body("{\"type\":\"UUID\",\"token\":\"two words\"}").post(BLOCKED).then(),
            "Invalid 'token': a client-id token is 1 to 128 printable US-ASCII characters, without spaces");
    }

    @Test
    void blockDeviceShouldReturnBadRequestWhenTypeOutsideDraftSyntax() {
        assertBadRequest(given().body("{\"type\":\"MAC ADDRESS\",\"token\":\"abc\"}").post(BLOCKED).then(),
            "Invalid 'type' 'MAC ADDRESS': a client-id type is 1 to 16 letters, digits or '-'");
    }

    @Test
    void blockDeviceShouldReturnBadRequestWhenUntilMalformed() {
        assertBadRequest(given().body("{\"type\":\"UUID\",\"token\":\"abc\",\"until\":\"28/11/2026\"}").post(BLOCKED).then(),
            "Invalid 'until' '28/11/2026': expecting an ISO-8601 date-time with an offset, e.g. 2026-12-31T23:00:00Z");
    }

    @Test
    void blockDeviceShouldReturnBadRequestWhenUntilPassed() {
        assertBadRequest(given().body("{\"type\":\"UUID\",\"token\":\"abc\",\"until\":\"2026-11-01T00:00:00Z\"}").post(BLOCKED).then(),
            "Invalid 'until' '2026-11-01T00:00:00Z': it must be in the future");
    }

    @Test
    void blockDeviceShouldReturnBadRequestWhenReasonTooLong() {
        assertBadRequest(given().body("{\"type\":\"UUID\",\"token\":\"abc\",\"reason\":\"" + "r".repeat(257) + "\"}").post(BLOCKED).then(),
            "Invalid 'reason': at most 256 characters");
    }

    @Test
    void blockDeviceShouldReturnBadRequestWhenBodyNotJson() {
        assertBadRequest(given().body("UUID abc").post(BLOCKED).then(), "The request body is not valid JSON (line 1, column 5)");
    }

    @Test
    void blockDeviceShouldReturnBadRequestWhenFieldUnknown() {
        assertBadRequest(given().body("{\"type\":\"UUID\",\"token\":\"abc\",\"duration\":\"1h\"}").post(BLOCKED).then(),
            "Unknown field 'duration' in the request body, expecting some of: reason, token, type, until");
    }

    @Test
    void updateBlockShouldReplaceEndAndReasonWhenDeviceBlocked() {
        DeviceId laptop = webAdmin.id(LAPTOP);
        saveBlock(Block.of(laptop, Actor.ADMINISTRATOR, LAST_WEEK, Optional.empty(), Optional.of("automatic")));

        given()
            .body("{\"until\":\"2026-12-01T00:00:00Z\",\"reason\":\"checked with the owner\"}")
        .when()
            .put(blocked(laptop.asString()))
        .then()
            .statusCode(HttpStatus.NO_CONTENT_204);

        assertThat(storedBlock(laptop))
            .contains(Block.of(laptop, Actor.ADMINISTRATOR, LAST_WEEK, Optional.of(Instant.parse("2026-12-01T00:00:00Z")), Optional.of("checked with the owner")));
    }

    @Test
    void updateBlockShouldRemoveEndAndReasonWhenAbsent() {
        DeviceId laptop = webAdmin.id(LAPTOP);
        saveBlock(Block.of(laptop, Actor.ADMINISTRATOR, LAST_WEEK, Optional.of(NOW.plus(Duration.ofMinutes(5))), Optional.of("automatic")));

        given()
            .body("{}")
        .when()
            .put(blocked(laptop.asString()))
        .then()
            .statusCode(HttpStatus.NO_CONTENT_204);

        assertThat(storedBlock(laptop)).contains(Block.of(laptop, Actor.ADMINISTRATOR, LAST_WEEK, Optional.empty(), Optional.empty()));
    }

    @Test
    void updateBlockShouldBlockDeviceWhenNotBlockedYet() {
        DeviceId laptop = webAdmin.id(LAPTOP);

        given()
            .body("{\"reason\":\"seen in the logs\"}")
        .when()
            .put(blocked(laptop.asString()))
        .then()
            .statusCode(HttpStatus.NO_CONTENT_204);

        assertThat(storedBlock(laptop)).contains(Block.of(laptop, Actor.ADMINISTRATOR, NOW, Optional.empty(), Optional.of("seen in the logs")));
        when()
            .get(BLOCKED)
        .then()
            .body("[0].id", is(laptop.asString()))
            .body("[0].active", is(true));
    }

    @Test
    void updateBlockShouldReturnBadRequestWhenIdMalformed() {
        assertBadRequest(given().body("{}").put(blocked("not-an-id")).then(),
            "Invalid device id 'not-an-id': a device id is 24 hexadecimal characters");
    }

    @Test
    void updateBlockShouldReturnBadRequestWhenUntilMalformed() {
        assertBadRequest(given().body("{\"until\":\"2026-12-01 00:00\"}").put(blocked(webAdmin.id(LAPTOP).asString())).then(),
            "Invalid 'until' '2026-12-01 00:00': expecting an ISO-8601 date-time with an offset, e.g. 2026-12-31T23:00:00Z");
    }

    @Test
    void updateBlockShouldReturnBadRequestWhenBodyNotJson() {
        assertBadRequest(given().body("").put(blocked(webAdmin.id(LAPTOP).asString())).then(),
            "The request body is empty: expecting a JSON object");
    }

    @Test
    void unblockShouldRemoveOnlyThatBlockWhenDeviceBlocked() {
        DeviceId laptop = webAdmin.id(LAPTOP);
        DeviceId phone = webAdmin.id(PHONE);
        saveBlock(Block.of(laptop, Actor.ADMINISTRATOR, LAST_WEEK, Optional.empty(), Optional.empty()));
        Block phoneBlock = saveBlock(Block.of(phone, Actor.ADMINISTRATOR, LAST_WEEK, Optional.empty(), Optional.empty()));

        when()
            .delete(blocked(laptop.asString()))
        .then()
            .statusCode(HttpStatus.NO_CONTENT_204);

        assertThat(storedBlock(laptop)).isEmpty();
        assertThat(storedBlock(phone)).contains(phoneBlock);
    }

    @Test
    void unblockShouldReturnNotFoundWhenDeviceNotBlocked() {
        DeviceId laptop = webAdmin.id(LAPTOP);
        assertNotFound(when().delete(blocked(laptop.asString())).then(), "The device '" + laptop.asString() + "' is not blocked");
    }

    @Test
    void unblockShouldReturnBadRequestWhenIdMalformed() {
        assertBadRequest(when().delete(blocked("zzzzzzzzzzzzzzzzzzzzzzzz")).then(),
            "Invalid device id 'zzzzzzzzzzzzzzzzzzzzzzzz': a device id is 24 hexadecimal characters");
    }
}
