package org.jamesclientid.device;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.jamesclientid.core.AccountPolicy;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link DeviceHistory} in the JVM heap, for the memory server, the demo and tests. Thread-safe; data of a node only.
 *
 * <p>Failures of a device older than {@link #DEFAULT_FAILURE_RETENTION} (or the retention given) before the newest
 * one are dropped each time a failure is recorded. Uses are kept, one entry per device and account.</p>
 */
public class MemoryDeviceHistory implements DeviceHistory {
    public static final Duration DEFAULT_FAILURE_RETENTION = Duration.ofDays(1);

    private final Duration failureRetention;
    private final Map<Username, Map<DeviceId, Device>> devicesByAccount = new ConcurrentHashMap<>();
    private final Map<DeviceId, Map<Username, Instant>> usesByDevice = new ConcurrentHashMap<>();
    private final Map<DeviceId, ImmutableList<Instant>> failuresByDevice = new ConcurrentHashMap<>();
    private final Map<DeviceId, Block> blocks = new ConcurrentHashMap<>();
    private final Map<Username, AccountPolicy> policies = new ConcurrentHashMap<>();

    @Inject
    public MemoryDeviceHistory() {
        this(DEFAULT_FAILURE_RETENTION);
    }

    public MemoryDeviceHistory(Duration failureRetention) {
        Preconditions.checkArgument(!failureRetention.isNegative() && !failureRetention.isZero(), "retention must be positive");
        this.failureRetention = failureRetention;
    }

    @Override
    public Mono<Device> device(Username username, DeviceId deviceId) {
        return Mono.fromCallable(() -> devicesByAccount.getOrDefault(username, Map.of()).get(deviceId));
    }

    @Override
    public Flux<Device> devices(Username username) {
        return Flux.defer(() -> Flux.fromIterable(ImmutableList.copyOf(devicesByAccount.getOrDefault(username, Map.of()).values())));
    }

    @Override
    public Mono<Boolean> hasAnyDevice(Username username) {
        return Mono.fromCallable(() -> !devicesByAccount.getOrDefault(username, Map.of()).isEmpty());
    }

    @Override
    public Mono<Void> save(Username username, Device device) {
        return Mono.fromRunnable(() -> devicesByAccount.computeIfAbsent(username, any -> new ConcurrentHashMap<>())
            .put(device.getId(), device));
    }

    @Override
    public Mono<Void> delete(Username username, DeviceId deviceId) {
        // Drop the account's map with its last device, so that hasAnyDevice becomes false again.
        return Mono.fromRunnable(() -> devicesByAccount.computeIfPresent(username, (any, devices) -> {
            devices.remove(deviceId);
            return devices.isEmpty() ? null : devices;
        }));
    }

    @Override
    public Mono<Void> deleteAll(Username username) {
        return Mono.fromRunnable(() -> {
            devicesByAccount.remove(username);
            policies.remove(username);
            usesByDevice.keySet().forEach(deviceId -> usesByDevice.computeIfPresent(deviceId, (any, uses) -> {
                uses.remove(username);
                return uses.isEmpty() ? null : uses;
            }));
        });
    }

    @Override
    public Mono<Void> rename(Username from, Username to) {
        return Mono.fromRunnable(() -> {
            Map<DeviceId, Device> moved = devicesByAccount.remove(from);
            if (moved != null) {
                devicesByAccount.computeIfAbsent(to, any -> new ConcurrentHashMap<>()).putAll(moved);
            }
            AccountPolicy policy = policies.remove(from);
            if (policy != null) {
                policies.put(to, policy);
            }
            usesByDevice.values().forEach(uses -> {
                Instant lastSeen = uses.remove(from);
                if (lastSeen != null) {
                    uses.merge(to, lastSeen, MemoryDeviceHistory::latest);
                }
            });
        });
    }

    @Override
    public Mono<Void> rekey(Username username, DeviceId from, DeviceId to) {
        return Mono.fromRunnable(() -> {
            Map<DeviceId, Device> devices = devicesByAccount.get(username);
            Device moved = devices == null ? null : devices.get(from);
            if (moved == null) {
                return;
            }
            // putIfAbsent and remove are atomic: sign-ins moving the same device at once leave one record, and
            // a record already under the new id is never replaced.
            devices.putIfAbsent(to, moved.withId(to));
            devices.remove(from);
            Block block = blocks.get(from);
            if (block != null) {
                blocks.putIfAbsent(to, block.withDeviceId(to));
                blocks.remove(from, block);
            }
            Map<Username, Instant> uses = usesByDevice.remove(from);
            if (uses != null) {
                Map<Username, Instant> usesOfTo = usesByDevice.computeIfAbsent(to, any -> new ConcurrentHashMap<>());
                uses.forEach((account, lastSeen) -> usesOfTo.merge(account, lastSeen, MemoryDeviceHistory::latest));
            }
            ImmutableList<Instant> failures = failuresByDevice.remove(from);
            if (failures != null) {
                failuresByDevice.merge(to, failures, (kept, added) -> ImmutableList.<Instant>builder().addAll(kept).addAll(added).build());
            }
        });
    }

    @Override
    public Mono<Void> recordUse(DeviceId deviceId, Username username, Instant at) {
        return Mono.fromRunnable(() -> usesByDevice.computeIfAbsent(deviceId, any -> new ConcurrentHashMap<>())
            .merge(username, at, MemoryDeviceHistory::latest));
    }

    @Override
    public Flux<AccountUse> accounts(DeviceId deviceId) {
        return Flux.defer(() -> Flux.fromIterable(ImmutableList.copyOf(usesByDevice.getOrDefault(deviceId, Map.of()).entrySet())))
            .map(use -> AccountUse.of(use.getKey(), deviceId, use.getValue()));
    }

    @Override
    public Mono<Long> distinctAccountsSince(DeviceId deviceId, Instant since) {
        return Mono.fromCallable(() -> usesByDevice.getOrDefault(deviceId, Map.of()).values().stream()
            .filter(lastSeen -> !lastSeen.isBefore(since))
            .count());
    }

    @Override
    public Mono<Void> recordFailure(DeviceId deviceId, Instant at) {
        return Mono.fromRunnable(() -> failuresByDevice.compute(deviceId, (any, failures) -> {
            Instant oldestKept = at.minus(failureRetention);
            ImmutableList.Builder<Instant> kept = ImmutableList.builder();
            if (failures != null) {
                failures.stream().filter(failure -> !failure.isBefore(oldestKept)).forEach(kept::add);
            }
            return kept.add(at).build();
        }));
    }

    @Override
    public Mono<Long> failuresSince(DeviceId deviceId, Instant since) {
        return Mono.fromCallable(() -> failuresByDevice.getOrDefault(deviceId, ImmutableList.of()).stream()
            .filter(failure -> !failure.isBefore(since))
            .count());
    }

    @Override
    public Mono<Void> saveBlock(Block block) {
        return Mono.fromRunnable(() -> blocks.put(block.getDeviceId(), block));
    }

    @Override
    public Mono<Block> findBlock(DeviceId deviceId) {
        return Mono.fromCallable(() -> blocks.get(deviceId));
    }

    @Override
    public Flux<Block> blocks() {
        return Flux.defer(() -> Flux.fromIterable(ImmutableList.copyOf(blocks.values())));
    }

    @Override
    public Mono<Void> unblock(DeviceId deviceId) {
        return Mono.fromRunnable(() -> blocks.remove(deviceId));
    }

    @Override
    public Mono<AccountPolicy> policy(Username username) {
        return Mono.fromCallable(() -> policies.get(username));
    }

    @Override
    public Mono<Void> setPolicy(Username username, AccountPolicy policy) {
        return Mono.fromRunnable(() -> policies.put(username, policy));
    }

    @Override
    public Mono<Void> clearPolicy(Username username) {
        return Mono.fromRunnable(() -> policies.remove(username));
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
