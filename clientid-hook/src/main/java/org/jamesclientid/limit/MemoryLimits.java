package org.jamesclientid.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import org.apache.james.core.Username;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link FailureCounters} and {@link Throttles} in the JVM heap, for the memory server, the demo and tests.
 *
 * <p>Bounded by time, as the Cassandra store is by its TTLs: each key's failures older than the retention (counted
 * from the wall clock of the write) are dropped when the key is written, and {@link #evictExpired()} drops every key
 * whose newest failure is older than the retention and every throttle kept longer than its own length since it was
 * written; it runs on a failure's write, at most once per retention / 10.</p>
 */
public class MemoryLimits implements FailureCounters, Throttles {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(1);

    private final Clock clock;
    private final Duration retention;
    private final Map<LimitKey, ImmutableList<Written>> failures = new ConcurrentHashMap<>();
    private final Map<LimitKey, Throttle> throttles = new ConcurrentHashMap<>();
    private final Map<LimitKey, Instant> throttleExpiries = new ConcurrentHashMap<>();
    private volatile Instant lastEviction = Instant.MIN;

    private static final class Written {
        private final Instant at;
        private final Instant writtenAt;

        private Written(Instant at, Instant writtenAt) {
            this.at = at;
            this.writtenAt = writtenAt;
        }
    }

    @Inject
    public MemoryLimits(Clock clock) {
        this(clock, DEFAULT_RETENTION);
    }

    public MemoryLimits(Clock clock, Duration retention) {
        Preconditions.checkArgument(!retention.isNegative() && !retention.isZero(), "retention must be positive");
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public Mono<Long> recordAndCountSince(LimitKey key, Instant at, Instant since) {
        return Mono.fromCallable(() -> {
            Instant now = clock.instant();
            evictExpiredAtMostEvery(now, retention.dividedBy(10));
            ImmutableList<Written> kept = failures.compute(key, (any, previous) -> ImmutableList.<Written>builder()
                .addAll(previous == null ? ImmutableList.of() : ImmutableList.copyOf(
                    previous.stream().filter(written -> !written.writtenAt.isBefore(now.minus(retention))).iterator()))
                .add(new Written(at, now))
                .build());
            return count(kept, since);
        });
    }

    @Override
    public Mono<Long> countSince(LimitKey key, Instant since) {
        return Mono.fromCallable(() -> count(failures.getOrDefault(key, ImmutableList.of()), since));
    }

    private static long count(ImmutableList<Written> written, Instant since) {
        return written.stream().filter(failure -> !failure.at.isBefore(since)).count();
    }

    @Override
    public Mono<Void> reset(LimitKey key) {
        return Mono.fromRunnable(() -> failures.remove(key));
    }

    @Override
    public Mono<Void> save(Throttle throttle) {
        return Mono.fromRunnable(() -> {
            // Kept for its own length from the write, by the wall clock, as Cassandra's TTL does.
            throttleExpiries.put(throttle.getKey(), clock.instant().plus(Duration.between(throttle.getSince(), throttle.getUntil())));
            throttles.put(throttle.getKey(), throttle);
        });
    }

    @Override
    public Mono<Throttle> find(LimitKey key) {
        return Mono.fromCallable(() -> throttles.get(key));
    }

    @Override
    public Flux<Throttle> ofAccount(Username username) {
        String owner = LimitKey.accountOwner(username);
        return Flux.defer(() -> Flux.fromIterable(ImmutableList.copyOf(throttles.values())))
            .filter(throttle -> throttle.getKey().owner().equals(owner));
    }

    @Override
    public Flux<Throttle> list() {
        return Flux.defer(() -> Flux.fromIterable(ImmutableList.copyOf(throttles.values())));
    }

    @Override
    public Mono<Void> lift(LimitKey key) {
        return Mono.fromRunnable(() -> {
            throttles.remove(key);
            throttleExpiries.remove(key);
        });
    }

    private void evictExpiredAtMostEvery(Instant now, Duration interval) {
        if (lastEviction.plus(interval).isBefore(now)) {
            lastEviction = now;
            evictExpired();
        }
    }

    /**
     * Drops failures written longer than the retention ago and throttles that have ended (by the wall clock).
     */
    public void evictExpired() {
        Instant now = clock.instant();
        Instant oldest = now.minus(retention);
        failures.replaceAll((key, written) -> ImmutableList.copyOf(
            written.stream().filter(failure -> !failure.writtenAt.isBefore(oldest)).iterator()));
        failures.values().removeIf(ImmutableList::isEmpty);
        throttleExpiries.forEach((key, expiry) -> {
            if (expiry.isBefore(now)) {
                throttles.remove(key);
                throttleExpiries.remove(key);
            }
        });
    }

    /**
     * Keys holding failures: what the bound on memory is about.
     */
    public int failureKeys() {
        return failures.size();
    }

    public int throttleCount() {
        return throttles.size();
    }
}
