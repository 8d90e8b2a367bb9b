package org.jamesclientid.policy;

import org.jamesclientid.core.AccountPolicy;

import java.time.Instant;
import java.util.Set;

import org.apache.james.core.Username;
import org.jamesclientid.device.AccountUse;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceId;

import com.google.common.collect.ImmutableSet;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link DeviceHistory} whose chosen operations fail, or never answer, like a store that is down or overloaded.
 */
class UnreliableDeviceHistory implements DeviceHistory {
    enum Failure {
        ERROR,
        NO_ANSWER,
        /** Throws from the method itself instead of signalling an error. */
        THROW
    }

    static final String EVERYTHING = "*";

    private final DeviceHistory delegate;
    private final Failure failure;
    private final Set<String> operations;

    /**
     * @param operations names of the {@link DeviceHistory} methods that fail, or {@link #EVERYTHING}
     */
    UnreliableDeviceHistory(DeviceHistory delegate, Failure failure, String... operations) {
        this.delegate = delegate;
        this.failure = failure;
        this.operations = ImmutableSet.copyOf(operations);
    }

    private <T> Mono<T> guard(String operation, Mono<T> call) {
        if (operations.contains(operation) || operations.contains(EVERYTHING)) {
            switch (failure) {
                case ERROR:
                    return Mono.error(new RuntimeException("Cassandra timeout during " + operation));
                case THROW:
                    throw new IllegalStateException("Session closed during " + operation);
                default:
                    return Mono.never();
            }
        }
        return call;
    }

    private <T> Flux<T> guard(String operation, Flux<T> call) {
        return guard(operation, call.collectList()).flatMapMany(Flux::fromIterable);
    }

    @Override
    public Mono<Device> device(Username username, DeviceId deviceId) {
        return guard("device", delegate.device(username, deviceId));
    }

    @Override
    public Flux<Device> devices(Username username) {
        return guard("devices", delegate.devices(username));
    }

    @Override
    public Mono<Boolean> hasAnyDevice(Username username) {
        return guard("hasAnyDevice", delegate.hasAnyDevice(username));
    }

    @Override
    public Mono<Void> save(Username username, Device device) {
        return guard("save", delegate.save(username, device));
    }

    @Override
    public Mono<Void> delete(Username username, DeviceId deviceId) {
        return guard("delete", delegate.delete(username, deviceId));
    }

    @Override
    public Mono<Void> deleteAll(Username username) {
        return guard("deleteAll", delegate.deleteAll(username));
    }

    @Override
    public Mono<Void> rename(Username from, Username to) {
        return guard("rename", delegate.rename(from, to));
    }

    @Override
    public Mono<Void> rekey(Username username, DeviceId from, DeviceId to) {
        return guard("rekey", delegate.rekey(username, from, to));
    }

    @Override
    public Mono<Void> recordUse(DeviceId deviceId, Username username, Instant at) {
        return guard("recordUse", delegate.recordUse(deviceId, username, at));
    }

    @Override
    public Flux<AccountUse> accounts(DeviceId deviceId) {
        return guard("accounts", delegate.accounts(deviceId));
    }

    @Override
    public Mono<Long> distinctAccountsSince(DeviceId deviceId, Instant since) {
        return guard("distinctAccountsSince", delegate.distinctAccountsSince(deviceId, since));
    }

    @Override
    public Mono<Void> recordFailure(DeviceId deviceId, Instant at) {
        return guard("recordFailure", delegate.recordFailure(deviceId, at));
    }

    @Override
    public Mono<Long> failuresSince(DeviceId deviceId, Instant since) {
        return guard("failuresSince", delegate.failuresSince(deviceId, since));
    }

    @Override
    public Mono<Void> saveBlock(Block block) {
        return guard("saveBlock", delegate.saveBlock(block));
    }

    @Override
    public Mono<Block> findBlock(DeviceId deviceId) {
        return guard("findBlock", delegate.findBlock(deviceId));
    }

    @Override
    public Flux<Block> blocks() {
        return guard("blocks", delegate.blocks());
    }

    @Override
    public Mono<Void> unblock(DeviceId deviceId) {
        return guard("unblock", delegate.unblock(deviceId));
    }

    @Override
    public Mono<AccountPolicy> policy(Username username) {
        return guard("policy", delegate.policy(username));
    }

    @Override
    public Mono<Void> setPolicy(Username username, AccountPolicy policy) {
        return guard("setPolicy", delegate.setPolicy(username, policy));
    }

    @Override
    public Mono<Void> clearPolicy(Username username) {
        return guard("clearPolicy", delegate.clearPolicy(username));
    }
}
