package org.jamesclientid.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.james.core.Username;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.jamesclientid.activity.MemoryPasswordOnlySignIns;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.MemoryDeviceHistories;
import org.jamesclientid.limit.MemoryLimits;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

/**
 * Issue 13, point 4: 100,000 sign-in attempts with random tokens, random usernames (half of them accounts James does
 * not know) and random addresses, through the engine's AUTH path on the memory stores, in a strict mode. What stays
 * is bounded by the limits, not by the number of attempts; the figures are printed for docs/cassandra.md.
 */
class BoundedStateUnderFloodTest {
    private static final int ATTEMPTS = 100_000;
    private static final int ACCOUNTS = 100;
    private static final int PENDING_PER_ACCOUNT = 20;
    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void floodOfRandomTokensAndNamesShouldLeaveStateBoundedByTheLimits() {
        Clock clock = Clock.systemUTC();
        DeviceHistory history = MemoryDeviceHistories.create(clock);
        MemoryLimits limits = new MemoryLimits(clock, Duration.ofHours(1));
        Set<Username> accounts = IntStream.range(0, ACCOUNTS)
            .mapToObj(i -> Username.of("user" + i + "@example.com"))
            .collect(com.google.common.collect.ImmutableSet.toImmutableSet());
        ClientIdPolicyEngine engine = new ClientIdPolicyEngine(history, limits, limits, new MemoryPasswordOnlySignIns(clock),
            new LastKnownPolicies(), username -> Mono.just(accounts.contains(username)),
            PolicyConfigurations.policy("clientid.mode=enforce", "clientid.pending.perAccount=" + PENDING_PER_ACCOUNT),
            EngineFixture.IDS, Set.of(), new RecordingMetricFactory());
        Random random = new Random(42);
        long heapBefore = usedHeapAfterGc();

        for (int i = 0; i < ATTEMPTS; i++) {
            Username username = random.nextBoolean()
                ? Username.of("user" + random.nextInt(ACCOUNTS) + "@example.com")
                : Username.of("made-up-" + random.nextLong() + "@example.com");
            engine.decide(AuthAttempt.builder()
                .username(username)
                .clientId(Optional.of(ClientId.of("UUID", "random-" + random.nextLong())))
                .passwordValid(false)
                .remoteIp("10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256))
                .at(START.plusMillis(i))
                .build()).block();
        }
        long heapAfter = usedHeapAfterGc();

        long devices = accounts.stream().mapToLong(account -> history.devices().devices(account).count().block()).sum();
        long pending = accounts.stream().mapToLong(account -> history.devices().devices(account)
            .filter(device -> device.getStatus() == DeviceStatus.PENDING).count().block()).sum();
        long activities = accounts.stream().mapToLong(account -> history.activity().activities(account).count().block()).sum();
        System.out.printf("BOUNDED attempts=%d accounts=%d devices=%d pending=%d activities=%d failureKeys=%d throttles=%d "
                + "heapRetainedMB=%.1f%n", ATTEMPTS, ACCOUNTS, devices, pending, activities, limits.failureKeys(), limits.throttleCount(),
            (heapAfter - heapBefore) / 1e6);

        assertThat(pending).isLessThanOrEqualTo((long) ACCOUNTS * PENDING_PER_ACCOUNT);
        // Each account is throttled for untrusted devices after clientid.failures.account.limit (30) failures in the
        // window: what it can be made to store does not grow with the attempts. A pending device dropped by the cap
        // leaves its activity until the pending lifetime ends (rate x lifetime, docs/cassandra.md).
        assertThat(devices).isLessThanOrEqualTo((long) ACCOUNTS * PENDING_PER_ACCOUNT);
        assertThat(activities).isLessThanOrEqualTo((long) ACCOUNTS * 30);
        // Made-up names hold nothing: no device, no activity, no per-account failure.
        Username madeUp = Username.of("made-up-" + new Random(42).nextLong() + "@example.com");
        assertThat(history.devices().devices(madeUp).collectList().block()).isEmpty();
        // Failure counters and throttles: per device, per address and per account, held for the window only.
        assertThat(limits.failureKeys()).isLessThanOrEqualTo(2 * ATTEMPTS + 2 * ACCOUNTS);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
