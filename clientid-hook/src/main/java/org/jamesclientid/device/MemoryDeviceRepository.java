package org.jamesclientid.device;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.inject.Inject;

import org.apache.james.core.Username;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link DeviceRepository} in the JVM heap, for the memory server, the demo and tests; data of one node. Every change
 * of an account's devices runs atomically on that account's entry, which gives the single-writer guarantees the
 * contract asks for. A pending device expires {@link PendingDeviceLimits#getLifetime()} after its write by the
 * clock; expired ones are dropped whenever the account is written.
 */
public class MemoryDeviceRepository implements DeviceRepository {
    private static final class Stored {
        private final Device device;
        private final Optional<Instant> expiresAt;

        private Stored(Device device, Optional<Instant> expiresAt) {
            this.device = device;
            this.expiresAt = expiresAt;
        }

        private boolean isLive(Instant now) {
            return expiresAt.map(now::isBefore).orElse(true);
        }
    }

    private final Clock clock;
    private final PendingDeviceLimits limits;
    private final Map<Username, Map<DeviceId, Stored>> devicesByAccount = new ConcurrentHashMap<>();

    @Inject
    public MemoryDeviceRepository(Clock clock, PendingDeviceLimits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    @Override
    public Mono<Device> device(Username username, DeviceId deviceId) {
        return Mono.fromCallable(() -> Optional.ofNullable(devicesByAccount.getOrDefault(username, Map.of()).get(deviceId))
            .filter(stored -> stored.isLive(clock.instant()))
            .map(stored -> stored.device)
            .orElse(null));
    }

    @Override
    public Flux<Device> devices(Username username) {
        return Flux.defer(() -> {
            Instant now = clock.instant();
            return Flux.fromIterable(ImmutableList.copyOf(devicesByAccount.getOrDefault(username, Map.of()).values()))
                .filter(stored -> stored.isLive(now))
                .map(stored -> stored.device);
        });
    }

    @Override
    public Mono<Boolean> hasAnyDevice(Username username) {
        return devices(username).hasElements();
    }

    @Override
    public Mono<Boolean> add(Username username, Device device) {
        return write(username, devices -> {
            if (devices.containsKey(device.getId())) {
                return false;
            }
            put(devices, device);
            return true;
        });
    }

    @Override
    public Mono<Boolean> addFirst(Username username, Device device) {
        return write(username, devices -> {
            if (!devices.isEmpty()) {
                return false;
            }
            put(devices, device);
            return true;
        });
    }

    @Override
    public Mono<Boolean> changeStatus(Username username, DeviceId deviceId, StatusChange change) {
        return write(username, devices -> {
            Stored stored = devices.get(deviceId);
            if (stored == null) {
                return false;
            }
            put(devices, stored.device.withStatus(change));
            return true;
        });
    }

    @Override
    public Mono<Boolean> changeStatusIf(Username username, Device read, StatusChange change) {
        return write(username, devices -> {
            Stored stored = devices.get(read.getId());
            if (stored == null || !stored.device.getStatusChange().sameStatusAs(read.getStatusChange())
                    || !stored.device.getLabel().equals(read.getLabel())) {
                return false;
            }
            put(devices, stored.device.withStatus(change));
            return true;
        });
    }

    @Override
    public Mono<Boolean> setLabel(Username username, DeviceId deviceId, Optional<String> label) {
        return write(username, devices -> {
            Stored stored = devices.get(deviceId);
            if (stored == null) {
                return false;
            }
            devices.put(deviceId, new Stored(stored.device.withLabel(label), stored.expiresAt));
            return true;
        });
    }

    @Override
    public Mono<Void> delete(Username username, DeviceId deviceId) {
        return write(username, devices -> devices.remove(deviceId)).then();
    }

    @Override
    public Mono<Void> deleteAll(Username username) {
        return Mono.fromRunnable(() -> devicesByAccount.remove(username));
    }

    @Override
    public Mono<Void> rename(Username from, Username to) {
        return Mono.fromRunnable(() -> {
            Map<DeviceId, Stored> moved = devicesByAccount.remove(from);
            if (moved != null) {
                devicesByAccount.merge(to, moved, (kept, added) -> {
                    Map<DeviceId, Stored> merged = new HashMap<>(kept);
                    merged.putAll(added);
                    return merged;
                });
            }
        });
    }

    @Override
    public Mono<Void> rekey(Username username, DeviceId from, DeviceId to) {
        return write(username, devices -> {
            Stored moved = devices.remove(from);
            if (moved != null) {
                devices.putIfAbsent(to, new Stored(moved.device.withId(to), moved.expiresAt));
            }
            return moved != null;
        }).then();
    }

    /**
     * Runs {@code change} atomically on the account's live devices; the account's entry goes with its last device.
     */
    private <T> Mono<T> write(Username username, Function<Map<DeviceId, Stored>, T> change) {
        return Mono.fromCallable(() -> {
            Instant now = clock.instant();
            Object[] result = new Object[1];
            devicesByAccount.compute(username, (any, current) -> {
                Map<DeviceId, Stored> devices = new HashMap<>();
                if (current != null) {
                    current.forEach((id, stored) -> {
                        if (stored.isLive(now)) {
                            devices.put(id, stored);
                        }
                    });
                }
                result[0] = change.apply(devices);
                return devices.isEmpty() ? null : devices;
            });
            @SuppressWarnings("unchecked")
            T value = (T) result[0];
            return value;
        });
    }

    /**
     * Stores the device; a pending one expires, and beyond the cap the account's oldest pending devices go.
     */
    private void put(Map<DeviceId, Stored> devices, Device device) {
        boolean pending = device.getStatus() == DeviceStatus.PENDING;
        devices.put(device.getId(), new Stored(device,
            pending ? Optional.of(clock.instant().plus(limits.getLifetime())) : Optional.empty()));
        if (pending) {
            devices.values().stream()
                .filter(stored -> stored.device.getStatus() == DeviceStatus.PENDING)
                .sorted(Comparator.comparing((Stored stored) -> stored.device.getFirstSeen()).reversed())
                .skip(limits.getPerAccount())
                .map(stored -> stored.device.getId())
                .collect(ImmutableList.toImmutableList())
                .forEach(devices::remove);
        }
    }
}
