package org.jamesclientid.policy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import reactor.core.publisher.Mono;

/**
 * Bounds the time of a store call without a thread wake-up per call. Reactor's {@code timeout(Duration)} schedules
 * on a ScheduledThreadPoolExecutor, whose worker is signalled whenever the new deadline comes first: measured, 15 of
 * the 20 microseconds of CPU of a decision on the memory store. A wheel timer only appends to a queue, and its one
 * daemon thread ticks every {@value #TICK_MILLISECONDS} ms, precise enough for a timeout of seconds (the default is
 * 2 s). The thread ticks even when no AUTH runs, and a wake-up is not free: measured on a 2-core VM, 10.2 ms of CPU per
 * second with 10 ms ticks, 2.1 ms with 100 ms ticks.
 *
 * <p>The call races the deadline ({@link Mono#firstWithSignal}) rather than going through {@code timeout(Publisher)},
 * which names its operator chain at each subscription (a regex over the chain's description: seen in the profile of
 * every AUTH).</p>
 */
final class StoreTimeout {
    private static final long TICK_MILLISECONDS = 100;
    // One for the JVM: Netty warns past 64 instances, and engines are many in tests.
    private static final HashedWheelTimer TIMER = new HashedWheelTimer(
        new DefaultThreadFactory("clientid-store-timeout", true), TICK_MILLISECONDS, TimeUnit.MILLISECONDS);

    /**
     * {@code call}, or a {@link TimeoutException} when it has not answered within {@code timeout} (the call is then
     * cancelled).
     */
    static <T> Mono<T> within(Mono<T> call, Duration timeout) {
        Mono<T> deadline = Mono.create(sink -> {
            Timeout scheduled = TIMER.newTimeout(
                any -> sink.error(new TimeoutException("no answer from the device store within " + timeout)),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
            sink.onCancel(scheduled::cancel);
        });
        return Mono.firstWithSignal(call, deadline);
    }

    private StoreTimeout() {
    }
}
