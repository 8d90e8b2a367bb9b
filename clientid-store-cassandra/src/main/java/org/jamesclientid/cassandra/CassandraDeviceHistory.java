package org.jamesclientid.cassandra;

import java.time.Instant;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.jamesclientid.device.AccountUse;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.PolicyAndDevice;
import org.jamesclientid.core.AccountPolicy;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link DeviceHistory} on Cassandra, shared by every James node of a cluster. Each AUTH lookup reads one partition;
 * no lightweight transaction, no counter. Failures and uses are written with a TTL of the configured retention
 * (counted from the write). The activity of a device is coalesced per node, see {@link ActivityCoalescer}.
 *
 * <p>A known device signing in again costs two reads, sent together: the account's partition (device row and policy
 * override) and the device's block. Its use, its activity and the count of its accounts are coalesced.</p>
 */
public class CassandraDeviceHistory implements DeviceHistory {
    private static final int CONCURRENCY = 4;

    private final CassandraDeviceDAO deviceDAO;
    private final CassandraDeviceUseDAO useDAO;
    private final CassandraDeviceFailureDAO failureDAO;
    private final CassandraDeviceBlockDAO blockDAO;
    private final CassandraAccountPolicyDAO policyDAO;
    private final CassandraDeviceHistoryConfiguration configuration;
    private final ActivityCoalescer coalescer;

    @Inject
    public CassandraDeviceHistory(CassandraDeviceDAO deviceDAO, CassandraDeviceUseDAO useDAO,
                                  CassandraDeviceFailureDAO failureDAO, CassandraDeviceBlockDAO blockDAO,
                                  CassandraAccountPolicyDAO policyDAO, CassandraDeviceHistoryConfiguration configuration) {
        this.deviceDAO = deviceDAO;
        this.useDAO = useDAO;
        this.failureDAO = failureDAO;
        this.blockDAO = blockDAO;
        this.policyDAO = policyDAO;
        this.configuration = configuration;
        this.coalescer = new ActivityCoalescer(configuration.getActivityInterval());
    }

    @Override
    public Mono<Device> device(Username username, DeviceId deviceId) {
        return deviceDAO.read(username, deviceId)
            .map(stored -> coalescer.read(username, stored))
            .switchIfEmpty(Mono.fromRunnable(() -> coalescer.readNothing(username, deviceId)));
    }

    @Override
    public Mono<PolicyAndDevice> policyAndDevice(Username username, Optional<DeviceId> deviceId) {
        if (deviceId.isEmpty()) {
            return policyOnly(username);
        }
        return deviceDAO.readWithPolicy(username, deviceId.get())
            .map(found -> PolicyAndDevice.of(found.getPolicy(), found.getDevice().map(stored -> coalescer.read(username, stored))))
            // An unknown device: a second read for the override (new devices are the rare case).
            .switchIfEmpty(Mono.defer(() -> {
                coalescer.readNothing(username, deviceId.get());
                return policyOnly(username);
            }));
    }

    private Mono<PolicyAndDevice> policyOnly(Username username) {
        return policyDAO.read(username)
            .map(policy -> PolicyAndDevice.of(Optional.of(policy), Optional.empty()))
            .defaultIfEmpty(PolicyAndDevice.of(Optional.empty(), Optional.empty()));
    }

    @Override
    public Flux<Device> devices(Username username) {
        return deviceDAO.list(username)
            .map(stored -> coalescer.read(username, stored));
    }

    @Override
    public Mono<Boolean> hasAnyDevice(Username username) {
        return deviceDAO.hasAny(username);
    }

    @Override
    public Mono<Void> save(Username username, Device device) {
        return Mono.defer(() -> {
            if (coalescer.coalesce(username, device)) {
                return Mono.empty();
            }
            return deviceDAO.save(username, device)
                .then(Mono.fromRunnable(() -> coalescer.written(username, device)));
        });
    }

    @Override
    public Mono<Void> delete(Username username, DeviceId deviceId) {
        return deviceDAO.delete(username, deviceId)
            .then(Mono.fromRunnable(() -> coalescer.forget(username, deviceId)));
    }

    @Override
    public Mono<Void> deleteAll(Username username) {
        return useDAO.devicesUsedBy(username)
            .flatMap(deviceId -> useDAO.deleteUse(deviceId, username), CONCURRENCY)
            // The index goes last: if a delete above fails, a retry still finds every use.
            .then(useDAO.deleteAccountIndex(username))
            // The partition holds the policy override too.
            .then(deviceDAO.deleteAll(username))
            .then(Mono.fromRunnable(() -> coalescer.forgetAccount(username)));
    }

    @Override
    public Mono<Void> rename(Username from, Username to) {
        // Copies before deletions: an interrupted rename leaves data under both names, never under neither.
        Mono<Void> copyDevices = deviceDAO.list(from)
            .flatMap(device -> deviceDAO.save(to, device), CONCURRENCY)
            .then();
        Mono<Void> copyPolicy = policyDAO.read(from)
            .flatMap(policy -> policyDAO.save(to, policy));
        Mono<Void> copyUses = useDAO.devicesUsedBy(from)
            .flatMap(deviceId -> Mono.zip(useDAO.lastUse(deviceId, from), useDAO.lastUse(deviceId, to).defaultIfEmpty(Instant.MIN))
                .flatMap(lastUses -> useDAO.recordUse(deviceId, to, latest(lastUses.getT1(), lastUses.getT2()),
                    configuration.retentionSeconds())), CONCURRENCY)
            .then();
        return Mono.when(copyDevices, copyPolicy, copyUses)
            .then(Mono.fromRunnable(() -> coalescer.forgetAccount(to)))
            .then(deleteAll(from));
    }

    @Override
    public Mono<Void> rekey(Username username, DeviceId from, DeviceId to) {
        // No lightweight transaction: concurrent moves read the same record of 'from' and write the same row under
        // 'to' (one row, same status); copies of uses, failures and the block are idempotent, deletions come last.
        return device(username, from)
            .flatMap(moved -> deviceDAO.read(username, to).hasElement()
                .flatMap(known -> known ? Mono.<Void>empty() : deviceDAO.save(username, moved.withId(to)))
                .then(Mono.when(moveUses(from, to), moveBlock(from, to),
                    failureDAO.copy(from, to, configuration.retentionSeconds())))
                .then(failureDAO.deleteAll(from))
                .then(deviceDAO.delete(username, from))
                .then(Mono.fromRunnable(() -> {
                    coalescer.forget(username, from);
                    coalescer.forget(username, to);
                })));
    }

    private Mono<Void> moveUses(DeviceId from, DeviceId to) {
        return useDAO.uses(from)
            .flatMap(use -> useDAO.lastUse(to, use.getUsername()).defaultIfEmpty(Instant.MIN)
                .flatMap(lastUseOfTo -> useDAO.recordUse(to, use.getUsername(), latest(use.getLastSeen(), lastUseOfTo),
                    configuration.retentionSeconds()))
                .then(useDAO.deleteUse(from, use.getUsername())), CONCURRENCY)
            .then();
    }

    private Mono<Void> moveBlock(DeviceId from, DeviceId to) {
        return blockDAO.find(from)
            .flatMap(block -> blockDAO.find(to).hasElement()
                .flatMap(blocked -> blocked ? Mono.<Void>empty() : blockDAO.save(block.withDeviceId(to)))
                .then(blockDAO.delete(from)));
    }

    @Override
    public Mono<Void> recordUse(DeviceId deviceId, Username username, Instant at) {
        return Mono.defer(() -> {
            if (coalescer.coalesceUse(deviceId, username, at)) {
                return Mono.empty();
            }
            return useDAO.recordUse(deviceId, username, at, configuration.retentionSeconds())
                .then(Mono.fromRunnable(() -> coalescer.useWritten(deviceId, username, at)));
        });
    }

    @Override
    public Mono<Long> recordUseAndCountAccountsSince(DeviceId deviceId, Username username, Instant at, Instant since) {
        return Mono.defer(() -> {
            if (coalescer.coalesceCountedUse(deviceId, username, at)) {
                return Mono.empty();
            }
            return DeviceHistory.super.recordUseAndCountAccountsSince(deviceId, username, at, since)
                .doOnNext(count -> coalescer.useCounted(deviceId, username));
        });
    }

    @Override
    public Flux<AccountUse> accounts(DeviceId deviceId) {
        return useDAO.uses(deviceId);
    }

    @Override
    public Mono<Long> distinctAccountsSince(DeviceId deviceId, Instant since) {
        // One row per account in the device's partition: counting rows counts accounts.
        return useDAO.uses(deviceId)
            .filter(use -> !use.getLastSeen().isBefore(since))
            .count();
    }

    @Override
    public Mono<Void> recordFailure(DeviceId deviceId, Instant at) {
        return failureDAO.record(deviceId, at, configuration.retentionSeconds());
    }

    @Override
    public Mono<Long> failuresSince(DeviceId deviceId, Instant since) {
        return failureDAO.countSince(deviceId, since);
    }

    @Override
    public Mono<Void> saveBlock(Block block) {
        return blockDAO.save(block);
    }

    @Override
    public Mono<Block> findBlock(DeviceId deviceId) {
        return blockDAO.find(deviceId);
    }

    @Override
    public Flux<Block> blocks() {
        return blockDAO.list();
    }

    @Override
    public Mono<Void> unblock(DeviceId deviceId) {
        return blockDAO.delete(deviceId);
    }

    @Override
    public Mono<AccountPolicy> policy(Username username) {
        return policyDAO.read(username);
    }

    @Override
    public Mono<Void> setPolicy(Username username, AccountPolicy policy) {
        return policyDAO.save(username, policy);
    }

    @Override
    public Mono<Void> clearPolicy(Username username) {
        return policyDAO.delete(username);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
