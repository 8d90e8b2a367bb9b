package org.jamesclientid.it;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.Username;
import org.jamesclientid.device.AccountUse;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.MemoryDeviceHistory;
import org.jamesclientid.core.AccountPolicy;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The memory store with an off switch: while down, every call fails as an unreachable database would.
 */
@Singleton
public class SwitchableDeviceHistory implements DeviceHistory {
    private final MemoryDeviceHistory delegate;
    private final AtomicBoolean down = new AtomicBoolean(false);

    @Inject
    public SwitchableDeviceHistory(MemoryDeviceHistory delegate) {
        this.delegate = delegate;
    }

    public void setDown(boolean down) {
        this.down.set(down);
    }

    private <T> Mono<T> mono(Supplier<Mono<T>> call) {
        return Mono.defer(() -> down.get() ? Mono.error(new IllegalStateException("device store unreachable (test)")) : call.get());
    }

    private <T> Flux<T> flux(Supplier<Flux<T>> call) {
        return Flux.defer(() -> down.get() ? Flux.error(new IllegalStateException("device store unreachable (test)")) : call.get());
    }

    @Override
    public Mono<Device> device(Username username, DeviceId deviceId) {
        return mono(() -> delegate.device(username, deviceId));
    }

    @Override
    public Flux<Device> devices(Username username) {
        return flux(() -> delegate.devices(username));
    }

    @Override
    public Mono<Boolean> hasAnyDevice(Username username) {
        return mono(() -> delegate.hasAnyDevice(username));
    }

    @Override
    public Mono<Void> save(Username username, Device device) {
        return mono(() -> delegate.save(username, device));
    }

    @Override
    public Mono<Void> delete(Username username, DeviceId deviceId) {
        return mono(() -> delegate.delete(username, deviceId));
    }

    @Override
    public Mono<Void> deleteAll(Username username) {
        return mono(() -> delegate.deleteAll(username));
    }

    @Override
    public Mono<Void> rename(Username from, Username to) {
        return mono(() -> delegate.rename(from, to));
    }

    @Override
    public Mono<Void> rekey(Username username, DeviceId from, DeviceId to) {
        return mono(() -> delegate.rekey(username, from, to));
    }

    @Override
    public Mono<Void> recordUse(DeviceId deviceId, Username username, Instant at) {
        return mono(() -> delegate.recordUse(deviceId, username, at));
    }

    @Override
    public Flux<AccountUse> accounts(DeviceId deviceId) {
        return flux(() -> delegate.accounts(deviceId));
    }

    @Override
    public Mono<Long> distinctAccountsSince(DeviceId deviceId, Instant since) {
        return mono(() -> delegate.distinctAccountsSince(deviceId, since));
    }

    @Override
    public Mono<Void> recordFailure(DeviceId deviceId, Instant at) {
        return mono(() -> delegate.recordFailure(deviceId, at));
    }

    @Override
    public Mono<Long> failuresSince(DeviceId deviceId, Instant since) {
        return mono(() -> delegate.failuresSince(deviceId, since));
    }

    @Override
    public Mono<Void> saveBlock(Block block) {
        return mono(() -> delegate.saveBlock(block));
    }

    @Override
    public Mono<Block> findBlock(DeviceId deviceId) {
        return mono(() -> delegate.findBlock(deviceId));
    }

    @Override
    public Flux<Block> blocks() {
        return flux(delegate::blocks);
    }

    @Override
    public Mono<Void> unblock(DeviceId deviceId) {
        return mono(() -> delegate.unblock(deviceId));
    }

    @Override
    public Mono<AccountPolicy> policy(Username username) {
        return mono(() -> delegate.policy(username));
    }

    @Override
    public Mono<Void> setPolicy(Username username, AccountPolicy policy) {
        return mono(() -> delegate.setPolicy(username, policy));
    }

    @Override
    public Mono<Void> clearPolicy(Username username) {
        return mono(() -> delegate.clearPolicy(username));
    }
}
