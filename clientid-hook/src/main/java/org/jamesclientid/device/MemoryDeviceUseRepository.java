package org.jamesclientid.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.core.Username;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link DeviceUseRepository} in the JVM heap. A use is kept for the retention after its write, by the clock: a
 * device's old uses are dropped when it is used again, and every {@value #SWEEP_EVERY} writes a sweep drops those of
 * devices never used again, so that the heap holds at most the uses of one retention (plus one sweep's worth).
 */
public class MemoryDeviceUseRepository implements DeviceUseRepository {
    private static final int SWEEP_EVERY = 1024;

    private static final class Use {
        private final Instant lastSeen;
        private final Instant writtenAt;

        private Use(Instant lastSeen, Instant writtenAt) {
            this.lastSeen = lastSeen;
            this.writtenAt = writtenAt;
        }
    }

    private final Clock clock;
    private final Duration retention;
    private final Map<DeviceId, Map<Username, Use>> usesByDevice = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    public MemoryDeviceUseRepository(Clock clock, Duration retention) {
        Preconditions.checkArgument(!retention.isNegative() && !retention.isZero(), "retention must be positive");
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public Mono<Void> recordUse(DeviceId deviceId, Username username, Instant at) {
        return Mono.fromRunnable(() -> {
            Instant now = clock.instant();
            usesByDevice.compute(deviceId, (any, current) -> {
                Map<Username, Use> uses = new ConcurrentHashMap<>();
                if (current != null) {
                    current.forEach((account, use) -> {
                        if (isLive(use, now)) {
                            uses.put(account, use);
                        }
                    });
                }
                uses.merge(username, new Use(at, now), (kept, added) -> kept.lastSeen.isAfter(added.lastSeen)
                    ? new Use(kept.lastSeen, now) : added);
                return uses;
            });
            if (writes.incrementAndGet() % SWEEP_EVERY == 0) {
                sweep(now);
            }
        });
    }

    @Override
    public Flux<AccountUse> accounts(DeviceId deviceId) {
        return Flux.defer(() -> {
            Instant now = clock.instant();
            return Flux.fromIterable(ImmutableList.copyOf(usesByDevice.getOrDefault(deviceId, Map.of()).entrySet()))
                .filter(use -> isLive(use.getValue(), now))
                .map(use -> AccountUse.of(use.getKey(), deviceId, use.getValue().lastSeen));
        });
    }

    @Override
    public Mono<Void> deleteAll(Username username) {
        return Mono.fromRunnable(() -> usesByDevice.keySet().forEach(deviceId -> usesByDevice.computeIfPresent(deviceId, (any, uses) -> {
            uses.remove(username);
            return uses.isEmpty() ? null : uses;
        })));
    }

    @Override
    public Mono<Void> rename(Username from, Username to) {
        return Mono.fromRunnable(() -> usesByDevice.keySet().forEach(deviceId -> usesByDevice.computeIfPresent(deviceId, (any, uses) -> {
            Use moved = uses.remove(from);
            if (moved != null) {
                uses.merge(to, moved, (kept, added) -> kept.lastSeen.isAfter(added.lastSeen) ? kept : added);
            }
            return uses.isEmpty() ? null : uses;
        })));
    }

    @Override
    public Mono<Void> rekey(DeviceId from, DeviceId to) {
        return Mono.fromRunnable(() -> {
            Map<Username, Use> moved = usesByDevice.remove(from);
            if (moved != null) {
                usesByDevice.compute(to, (any, current) -> {
                    Map<Username, Use> uses = current == null ? new ConcurrentHashMap<>() : current;
                    moved.forEach((account, use) -> uses.merge(account, use,
                        (kept, added) -> kept.lastSeen.isAfter(added.lastSeen) ? kept : added));
                    return uses;
                });
            }
        });
    }

    private void sweep(Instant now) {
        usesByDevice.keySet().forEach(deviceId -> usesByDevice.computeIfPresent(deviceId, (any, uses) -> {
            uses.values().removeIf(use -> !isLive(use, now));
            return uses.isEmpty() ? null : uses;
        }));
    }

    private boolean isLive(Use use, Instant now) {
        return now.isBefore(use.writtenAt.plus(retention));
    }
}
