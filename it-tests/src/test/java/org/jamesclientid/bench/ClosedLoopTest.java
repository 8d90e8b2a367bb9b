package org.jamesclientid.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesclientid.bench.BenchSamples.sleep;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@link ClosedLoop}, the saturation pass of ./run-bench: calls in flight, and failures counted, not fatal.
 */
class ClosedLoopTest {
    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void runShouldStartOneCallForEachCallAnsweredWhenInFlightCallsAreAllStarted() {
        Queue<Sinks.One<Boolean>> pending = new ConcurrentLinkedQueue<>();
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<List<ClosedLoop.Timed>> loop = CompletableFuture.supplyAsync(() ->
            ClosedLoop.run(4, Duration.ofSeconds(3), LONG_TIMEOUT, () -> {
                Sinks.One<Boolean> call = Sinks.one();
                pending.add(call);
                started.incrementAndGet();
                return call.asMono();
            }));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 4);
        sleep(100);
        assertThat(started.get()).isEqualTo(4);
        for (int answered = 1; answered <= 10; answered++) {
            pending.poll().tryEmitValue(true);
            int expected = 4 + answered;
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == expected);
            assertThat(pending).hasSize(4);
        }
        // After the duration, no call starts: those in flight are awaited.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            Sinks.One<Boolean> call = pending.poll();
            if (call != null) {
                call.tryEmitValue(true);
            }
            return loop.isDone();
        });

        assertThat(loop.join()).hasSize(started.get());
        assertThat(loop.join()).allMatch(call -> call.ok);
    }

    @Test
    void runShouldCountFailuresAndGoOnWhenCallsFail() {
        AtomicInteger started = new AtomicInteger();

        List<ClosedLoop.Timed> calls = ClosedLoop.run(4, Duration.ofMillis(300), LONG_TIMEOUT, () -> {
            int call = started.incrementAndGet();
            if (call % 3 == 0) {
                return Mono.<Boolean>error(new IllegalStateException("store failed")).delaySubscription(Duration.ofMillis(5));
            }
            if (call % 3 == 1) {
                throw new IllegalStateException("failed before answering a Mono");
            }
            return Mono.just(true).delayElement(Duration.ofMillis(5));
        });

        assertThat(calls).hasSize(started.get());
        assertThat(calls).hasSizeGreaterThan(30);
        // Calls 1, 4, 7... threw, 3, 6, 9... failed: two in three.
        assertThat(calls.stream().filter(call -> !call.ok).count())
            .isEqualTo(IntStream.rangeClosed(1, started.get()).filter(call -> call % 3 != 2).count());
    }

    @Test
    void runShouldCountACallAsFailedWhenItOutlastsTheTimeoutOrAnswersNothing() {
        AtomicInteger started = new AtomicInteger();

        List<ClosedLoop.Timed> calls = ClosedLoop.run(2, Duration.ofMillis(300), Duration.ofMillis(100), () -> {
            int call = started.incrementAndGet();
            if (call == 1) {
                return Mono.never();
            }
            if (call == 2) {
                return Mono.<Boolean>empty().delaySubscription(Duration.ofMillis(5));
            }
            return Mono.just(call % 2 == 0).delayElement(Duration.ofMillis(5));
        });

        assertThat(calls).anySatisfy(call -> {
            assertThat(call.ok).isFalse();
            assertThat(call.nanos).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
        });
        assertThat(calls).hasSize(started.get());
        // The call that never answered, the empty one, and each answering false (the odd ones after them).
        assertThat(calls.stream().filter(call -> !call.ok).count())
            .isEqualTo(2 + IntStream.rangeClosed(3, started.get()).filter(call -> call % 2 == 1).count());
    }
}
