package org.jamesclientid.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.webadmin.ClientIdDeviceRoutesTest.assertBadRequest;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.eclipse.jetty.http.HttpStatus;
import org.jamesclientid.device.DeviceId;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;

/**
 * What every CLIENTID WebAdmin listing that can grow must do with {@code ?limit=&offset=}: James' own parsing, a
 * page of at most {@link ListingPage#MAX_LIMIT} elements, and a store read that stops once the page is full.
 */
interface PagedListingContract {
    int MAX_LIMIT = ListingPage.MAX_LIMIT;

    /**
     * A device id of its own for each {@code index}.
     */
    static DeviceId deviceId(int index) {
        return DeviceId.of(String.format("%024x", index));
    }

    /**
     * A store listing of {@code count} elements that counts in {@code read} those it emits.
     */
    static <T> Flux<T> countedListing(int count, AtomicInteger read, IntFunction<T> element) {
        return Flux.range(0, count)
            .doOnNext(any -> read.incrementAndGet())
            .map(element::apply);
    }

    /**
     * The path of the listing.
     */
    String listing();

    /**
     * The JSON field that tells two elements of the listing apart.
     */
    String elementKey();

    /**
     * Stores {@code count} distinct elements in the listing.
     */
    void saveElements(int count);

    /**
     * Serves the listing over a store holding {@code count} elements, counting in {@code read} those the store emits.
     */
    void serveCountedListing(int count, AtomicInteger read);

    private List<String> keys(String query) {
        return given()
            .get(listing() + query)
        .then()
            .statusCode(HttpStatus.OK_200)
            .extract().jsonPath().getList(elementKey(), String.class);
    }

    @Test
    default void listingShouldReturnAPageWhenLimitAndOffset() {
        saveElements(10);
        List<String> all = keys("");

        assertThat(all).hasSize(10);
        assertThat(keys("?limit=3&offset=2")).isEqualTo(all.subList(2, 5));
        assertThat(keys("?offset=8")).isEqualTo(all.subList(8, 10));
        assertThat(keys("?limit=4")).isEqualTo(all.subList(0, 4));
    }

    @Test
    default void listingShouldReturnEmptyPageWhenOffsetPastTheEnd() {
        saveElements(10);

        assertThat(keys("?offset=10")).isEmpty();
        assertThat(keys("?limit=5&offset=1000")).isEmpty();
    }

    @Test
    default void listingShouldPageThroughEveryElementOnce() {
        saveElements(25);

        ImmutableList.Builder<String> paged = ImmutableList.builder();
        for (int offset = 0; offset < 30; offset += 7) {
            paged.addAll(keys("?limit=7&offset=" + offset));
        }

        assertThat(paged.build()).hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    default void listingShouldReturnAtMostTheCapWhenNoLimit() {
        saveElements(MAX_LIMIT + 1);

        assertThat(keys("")).hasSize(MAX_LIMIT);
        assertThat(keys("?offset=" + MAX_LIMIT)).hasSize(1);
    }

    @Test
    default void listingShouldAcceptTheCapAsLimit() {
        saveElements(MAX_LIMIT + 1);

        assertThat(keys("?limit=" + MAX_LIMIT)).hasSize(MAX_LIMIT);
    }

    @Test
    default void listingShouldReadNoMoreThanOffsetPlusLimitWhenStoreHoldsMore() {
        AtomicInteger read = new AtomicInteger();
        serveCountedListing(10_000, read);

        assertThat(keys("?limit=5&offset=10")).hasSize(5);
        assertThat(read.get()).isLessThanOrEqualTo(15);
    }

    @Test
    default void listingShouldReadNoMoreThanTheCapWhenNoLimit() {
        AtomicInteger read = new AtomicInteger();
        serveCountedListing(10_000, read);

        assertThat(keys("")).hasSize(MAX_LIMIT);
        assertThat(read.get()).isLessThanOrEqualTo(MAX_LIMIT);
    }

    @Test
    default void listingShouldReturnBadRequestWhenLimitAboveTheCap() {
        assertBadRequest(when().get(listing() + "?limit=501").then(), "Invalid 'limit' 501: at most 500");
    }

    @Test
    default void listingShouldReturnBadRequestWhenLimitIsZero() {
        assertBadRequest(when().get(listing() + "?limit=0").then(), "limit can not be equal to zero");
    }

    @Test
    default void listingShouldReturnBadRequestWhenLimitIsNegative() {
        assertBadRequest(when().get(listing() + "?limit=-1").then(), "limit can not be negative");
    }

    @Test
    default void listingShouldReturnBadRequestWhenOffsetIsNegative() {
        assertBadRequest(when().get(listing() + "?offset=-1").then(), "offset can not be negative");
    }

    @Test
    default void listingShouldReturnBadRequestWhenLimitIsNotANumber() {
        assertBadRequest(when().get(listing() + "?limit=ten").then(), "Can not parse limit");
    }

    @Test
    default void listingShouldReturnBadRequestWhenOffsetIsNotANumber() {
        assertBadRequest(when().get(listing() + "?offset=2.5").then(), "Can not parse offset");
    }
}
