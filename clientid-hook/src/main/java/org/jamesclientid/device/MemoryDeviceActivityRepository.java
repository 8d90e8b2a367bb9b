package org.jamesclientid.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import org.apache.james.core.Username;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link DeviceActivityRepository} in the JVM heap. An activity written with a retention expires by the clock; an
 * account's expired activities are dropped whenever it is written.
 */
public class MemoryDeviceActivityRepository implements DeviceActivityRepository {
    private static final class Stored {
        private final DeviceActivity activity;
        private final Optional<Instant> expiresAt;

        private Stored(DeviceActivity activity, Optional<Instant> expiresAt) {
            this.activity = activity;
            this.expiresAt = expiresAt;
        }

        private boolean isLive(Instant now) {
            return expiresAt.map(now::isBefore).orElse(true);
        }
    }

    private final Clock clock;
    private final Map<Username, Map<DeviceId, Stored>> activitiesByAccount = new ConcurrentHashMap<>();

    @Inject
    public MemoryDeviceActivityRepository(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Mono<DeviceActivity> activity(Username username, DeviceId deviceId) {
        return Mono.fromCallable(() -> Optional.ofNullable(activitiesByAccount.getOrDefault(username, Map.of()).get(deviceId))
            .filter(stored -> stored.isLive(clock.instant()))
            .map(stored -> stored.activity)
            .orElse(null));
    }

    @Override
    public Flux<DeviceActivity> activities(Username username) {
        return Flux.defer(() -> {
            Instant now = clock.instant();
            return Flux.fromIterable(ImmutableList.copyOf(activitiesByAccount.getOrDefault(username, Map.of()).values()))
                .filter(stored -> stored.isLive(now))
                .map(stored -> stored.activity);
        });
    }

    @Override
    public Mono<Void> record(Username username, DeviceActivity activity, Optional<Duration> retention) {
        return Mono.fromRunnable(() -> {
            Instant now = clock.instant();
            activitiesByAccount.compute(username, (any, current) -> {
                Map<DeviceId, Stored> activities = live(current, now);
                activities.put(activity.getDeviceId(), new Stored(activity, retention.map(now::plus)));
                return activities;
            });
        });
    }

    @Override
    public Mono<Void> delete(Username username, DeviceId deviceId) {
        return Mono.fromRunnable(() -> activitiesByAccount.computeIfPresent(username, (any, current) -> {
            Map<DeviceId, Stored> activities = live(current, clock.instant());
            activities.remove(deviceId);
            return activities.isEmpty() ? null : activities;
        }));
    }

    @Override
    public Mono<Void> deleteAll(Username username) {
        return Mono.fromRunnable(() -> activitiesByAccount.remove(username));
    }

    @Override
    public Mono<Void> rename(Username from, Username to) {
        return Mono.fromRunnable(() -> {
            Map<DeviceId, Stored> moved = activitiesByAccount.remove(from);
            if (moved != null) {
                activitiesByAccount.merge(to, moved, (kept, added) -> {
                    Map<DeviceId, Stored> merged = new HashMap<>(kept);
                    merged.putAll(added);
                    return merged;
                });
            }
        });
    }

    @Override
    public Mono<Void> rekey(Username username, DeviceId from, DeviceId to) {
        return Mono.fromRunnable(() -> activitiesByAccount.computeIfPresent(username, (any, current) -> {
            Map<DeviceId, Stored> activities = live(current, clock.instant());
            Stored moved = activities.remove(from);
            if (moved != null) {
                activities.putIfAbsent(to, new Stored(moved.activity.withDeviceId(to), moved.expiresAt));
            }
            return activities.isEmpty() ? null : activities;
        }));
    }

    private static Map<DeviceId, Stored> live(Map<DeviceId, Stored> current, Instant now) {
        Map<DeviceId, Stored> activities = new HashMap<>();
        if (current != null) {
            current.forEach((id, stored) -> {
                if (stored.isLive(now)) {
                    activities.put(id, stored);
                }
            });
        }
        return activities;
    }
}
