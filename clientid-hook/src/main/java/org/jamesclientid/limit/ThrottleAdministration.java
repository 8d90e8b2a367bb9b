package org.jamesclientid.limit;

import java.time.Clock;
import java.time.Instant;

import javax.inject.Inject;

import org.apache.james.core.Username;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What administrators do with the throttles the failure limits set: see the active ones, lift them. Lifting a
 * throttle also starts its key's failure count over, or the next failure would throttle the key again at once.
 */
public class ThrottleAdministration {
    private static final int CONCURRENCY = 4;

    private final Throttles throttles;
    private final FailureCounters failureCounters;
    private final Clock clock;

    @Inject
    public ThrottleAdministration(Throttles throttles, FailureCounters failureCounters, Clock clock) {
        this.throttles = throttles;
        this.failureCounters = failureCounters;
        this.clock = clock;
    }

    /**
     * The active throttles on the account and on its devices.
     */
    public Flux<Throttle> activeOfAccount(Username username) {
        return Flux.defer(() -> {
            Instant now = clock.instant();
            return throttles.ofAccount(username)
                .filter(throttle -> throttle.isActive(now));
        });
    }

    /**
     * Lifts every throttle kept for the account and its devices, ended ones included, and resets the failures of the
     * account and of each device that had one. Other devices of the account keep their count.
     */
    public Mono<Void> liftAccount(Username username) {
        return throttles.ofAccount(username)
            .map(Throttle::getKey)
            .concatWith(Mono.just(LimitKey.account(username)))
            .distinct()
            .flatMap(this::liftAndReset, CONCURRENCY)
            .then();
    }

    /**
     * @param ip any address of the IPv6 /64, or the IPv4 address
     * @throws IllegalArgumentException when {@code ip} is not an IP address
     */
    public Mono<Throttle> activeOfAddress(String ip) {
        LimitKey key = LimitKey.address(ip);
        return Mono.defer(() -> {
            Instant now = clock.instant();
            return throttles.find(key)
                .filter(throttle -> throttle.isActive(now));
        });
    }

    /**
     * @throws IllegalArgumentException when {@code ip} is not an IP address
     */
    public Mono<Void> liftAddress(String ip) {
        return liftAndReset(LimitKey.address(ip));
    }

    /**
     * Every active throttle, in the store's order (a full scan on Cassandra: callers take a page of it).
     */
    public Flux<Throttle> active() {
        return Flux.defer(() -> {
            Instant now = clock.instant();
            return throttles.list()
                .filter(throttle -> throttle.isActive(now));
        });
    }

    /**
     * The count first: a failure between the two still meets the throttle and counts from zero, where lifting first
     * would let it count the old failures and throttle the key again.
     */
    private Mono<Void> liftAndReset(LimitKey key) {
        return failureCounters.reset(key)
            .then(throttles.lift(key));
    }
}
