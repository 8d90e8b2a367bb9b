package org.jamesclientid.bench;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import com.google.common.base.Preconditions;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A closed loop of asynchronous calls for a fixed time, a given number in flight: each call answered starts the next
 * (Reactor's {@code flatMap}, no thread pool of its own), as many clients each waiting for its answer before asking
 * again. A call that fails, answers nothing or outlasts the timeout is counted as failed; the loop goes on.
 */
final class ClosedLoop {
    /**
     * One call: its time, from its start to its answer (or failure), and whether it succeeded.
     */
    static final class Timed {
        final long nanos;
        final boolean ok;

        Timed(long nanos, boolean ok) {
            this.nanos = nanos;
            this.ok = ok;
        }
    }

    private ClosedLoop() {
    }

    /**
     * Starts {@code inFlight} calls from {@code nextCall} and, as each answers, another, until {@code duration} has
     * passed; then waits for those in flight. {@code nextCall} is asked for one call at a time (never concurrently),
     * so it may keep state without a lock. A call answers whether it succeeded.
     */
    static List<Timed> run(int inFlight, Duration duration, Duration timeout, Supplier<Mono<Boolean>> nextCall) {
        Preconditions.checkArgument(inFlight > 0, "inFlight must be positive, was %s", inFlight);
        long deadline = System.nanoTime() + duration.toNanos();
        return Flux.range(0, Integer.MAX_VALUE)
            .takeWhile(any -> System.nanoTime() < deadline)
            // flatMap calls its mapper for one element at a time (Reactive Streams' serial onNext): so is nextCall.
            .flatMap(any -> timed(nextCall, timeout), inFlight)
            .collectList()
            .block();
    }

    private static Mono<Timed> timed(Supplier<Mono<Boolean>> nextCall, Duration timeout) {
        long start = System.nanoTime();
        Mono<Boolean> call;
        try {
            call = nextCall.get();
        } catch (RuntimeException e) {
            call = Mono.error(e);
        }
        return call
            .timeout(timeout)
            .map(ok -> new Timed(System.nanoTime() - start, ok))
            .onErrorResume(error -> Mono.just(new Timed(System.nanoTime() - start, false)))
            .switchIfEmpty(Mono.fromSupplier(() -> new Timed(System.nanoTime() - start, false)));
    }
}
