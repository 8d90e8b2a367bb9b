package org.jamesclientid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import reactor.core.publisher.Mono;

/**
 * The counter on the driver's own reactive result set (the store's {@code executeReactive}), over a session whose
 * responses come at once (already there when the request returns, as a fast loopback answer can be) or later, from a
 * thread of their own as from the driver's I/O threads.
 */
@Timeout(60)
class RoundTripCounterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Executor LATER = CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS);

    private final RoundTripCounter counter = new RoundTripCounter();

    @Test
    void readsSentTogetherShouldCountOneRoundTripWhenTheFirstIsAnsweredBeforeTheLastIsSent() {
        CqlSession session = counter.wrap(answering(true));

        counter.begin();
        Mono.when(read(session, "a"), read(session, "b"), read(session, "c")).block(WAIT);

        assertThat(counter.requests()).isEqualTo(3);
        assertThat(counter.roundTripsAnsweredBy(System.nanoTime())).isEqualTo(1);
        assertThat(counter.sentTogetherSpreadNanos()).isLessThan(RoundTripCounter.HOLD.toNanos());
    }

    @Test
    void readsSentTogetherShouldCountOneRoundTripWhenAnsweredLater() {
        CqlSession session = counter.wrap(answering(false));

        counter.begin();
        Mono.when(read(session, "a"), read(session, "b"), read(session, "c")).block(WAIT);

        assertThat(counter.roundTripsAnsweredBy(System.nanoTime())).isEqualTo(1);
    }

    @ParameterizedTest(name = "answered at once: {0}")
    @ValueSource(booleans = {true, false})
    void readsSentEachOnThePreviousResponseShouldCountOneRoundTripEachWhenAnsweredAtOnceOrLater(boolean atOnce) {
        CqlSession session = counter.wrap(answering(atOnce));

        counter.begin();
        read(session, "a").then(read(session, "b")).then(read(session, "c")).block(WAIT);

        assertThat(counter.roundTripsAnsweredBy(System.nanoTime())).isEqualTo(3);
    }

    @Test
    void aWriteSentAfterTheReplyShouldBeLeftOutOfWhatTheReplyWaitedForAndCountedOnceQuiet() {
        CqlSession session = counter.wrap(answering(true));

        counter.begin();
        read(session, "a").doOnSuccess(any -> read(session, "b").subscribe()).block(WAIT);
        long returned = System.nanoTime();

        assertThat(counter.roundTripsAnsweredBy(returned)).isEqualTo(1);
        counter.awaitQuiet();
        assertThat(counter.roundTrips()).isEqualTo(2);
        assertThat(counter.readsAnsweredBy(returned)).hasSize(1);
    }

    @Test
    void aWriteSentLateByOneDecisionShouldNotBeCountedInTheNextWhenTheCountWaitsForQuiet() {
        CqlSession session = counter.wrap(answering(true));

        counter.begin();
        read(session, "a")
            .doOnSuccess(any -> Mono.delay(Duration.ofMillis(10)).then(read(session, "late write")).subscribe())
            .block(WAIT);
        counter.awaitQuiet();
        assertThat(counter.requests()).isEqualTo(2);

        counter.begin();
        read(session, "b").block(WAIT);
        counter.awaitQuiet();

        assertThat(counter.requests()).isEqualTo(1);
        assertThat(counter.roundTrips()).isEqualTo(1);
    }

    private static Object nothing(Class<?> type) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> null);
    }

    private static Mono<Void> read(CqlSession session, String table) {
        return Mono.defer(() -> Mono.from(session.executeReactive(SimpleStatement.newInstance("SELECT * FROM " + table)))).then();
    }

    /**
     * A session answering every {@code executeAsync} with an empty result, at once or later.
     */
    private static CqlSession answering(boolean atOnce) {
        AsyncResultSet empty = (AsyncResultSet) Proxy.newProxyInstance(AsyncResultSet.class.getClassLoader(), new Class<?>[] {AsyncResultSet.class},
            (proxy, method, args) -> {
                switch (method.getName()) {
                    case "currentPage":
                        return List.of();
                    case "wasApplied":
                        return true;
                    case "hasMorePages":
                        return false;
                    case "remaining":
                        return 0;
                    default:
                        // Execution info, column definitions: read by the driver's result set, never used here.
                        return method.getReturnType().isInterface() ? nothing(method.getReturnType()) : null;
                }
            });
        return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[] {CqlSession.class},
            (proxy, method, args) -> {
                if (!method.getName().equals("executeAsync")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                return atOnce ? CompletableFuture.completedFuture(empty) : CompletableFuture.supplyAsync(() -> empty, LATER);
            });
    }
}
