package org.jamesclientid.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.core.Username;
import org.jamesclientid.device.SettableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The memory store is bounded by time, as the Cassandra one is by its TTLs.
 */
class MemoryLimitsTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Duration RETENTION = Duration.ofHours(1);
    private static final LimitKey ALICE = LimitKey.account(Username.of("alice@example.com"));
    private static final LimitKey ADDRESS = LimitKey.address("192.0.2.1");

    private static final class SettableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(T0);

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private SettableClock clock;
    private MemoryLimits limits;

    @BeforeEach
    void setUp() {
        clock = new SettableClock();
        limits = new MemoryLimits(clock, RETENTION);
    }

    @Test
    void evictExpiredShouldDropFailuresWrittenLongerThanTheRetentionAgo() {
        limits.recordAndCountSince(ALICE, T0, T0).block();
        clock.set(T0.plus(RETENTION).plusSeconds(1));

        limits.evictExpired();

        assertThat(limits.failureKeys()).isZero();
        assertThat(limits.countSince(ALICE, T0).block()).isZero();
    }

    @Test
    void evictExpiredShouldKeepFailuresWithinTheRetention() {
        limits.recordAndCountSince(ALICE, T0, T0).block();
        clock.set(T0.plus(RETENTION));

        limits.evictExpired();

        assertThat(limits.countSince(ALICE, T0).block()).isEqualTo(1);
    }

    @Test
    void recordAndCountSinceShouldDropOtherKeysExpiredFailuresOnTheWay() {
        limits.recordAndCountSince(ALICE, T0, T0).block();
        clock.set(T0.plus(RETENTION).plusSeconds(1));

        limits.recordAndCountSince(ADDRESS, clock.instant(), T0).block();

        assertThat(limits.failureKeys()).isEqualTo(1);
    }

    @Test
    void evictExpiredShouldDropThrottlesThatEnded() {
        limits.save(Throttle.of(ALICE, T0, T0.plus(Duration.ofMinutes(15)))).block();
        clock.set(T0.plus(Duration.ofMinutes(15)).plusSeconds(1));

        limits.evictExpired();

        assertThat(limits.throttleCount()).isZero();
        assertThat(limits.find(ALICE).blockOptional()).isEmpty();
    }

    @Test
    void evictExpiredShouldKeepRunningThrottles() {
        Throttle throttle = Throttle.of(ADDRESS, T0, T0.plus(Duration.ofMinutes(15)));
        limits.save(throttle).block();
        clock.set(T0.plus(Duration.ofMinutes(14)));

        limits.evictExpired();

        assertThat(limits.find(ADDRESS).block()).isEqualTo(throttle);
    }
}
