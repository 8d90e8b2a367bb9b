package org.jamesclientid.device;

import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.core.AccountPolicy;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Everything the CLIENTID extension remembers about devices, kept apart from credentials (S1). Holds device ids and
 * hints, never tokens (S4).
 *
 * <p>Times are always given by the caller: a store never reads a clock to decide what an entry means, so that
 * logic stays testable and nodes agree. The AUTH path only uses lookups by account and device, by device, or by
 * account alone ({@link #policyAndDevice}, {@link #hasAnyDevice}, {@link #findBlock},
 * {@link #recordUseAndCountAccountsSince}, {@link #failuresSince} and the writes, {@link #rekey} while the secret is
 * rotated): none of them reads all devices or all accounts. {@link #devices}, {@link #accounts} and {@link #blocks} serve administration.</p>
 *
 * <p>Retention: devices, policies and blocks are kept until deleted (an expired block or revocation is kept, callers
 * check it). Failures and uses feed sliding windows: a store may forget them once they are older than its
 * retention, which must be at least the longest window configured ({@code clientid.failures.window},
 * {@code clientid.sharedDevice.window}). Count retention from the time of the write, never by comparing the
 * {@code at} argument with the wall clock: the {@code at} values are logical times (the contract uses fixed ones).
 * The memory store prunes a device's failures older than its retention each time one is recorded; a Cassandra
 * store writes them with a TTL.</p>
 */
public interface DeviceHistory {

    // Devices of an account

    Mono<Device> device(Username username, DeviceId deviceId);

    Flux<Device> devices(Username username);

    Mono<Boolean> hasAnyDevice(Username username);

    /**
     * The account's policy override with its record of {@code deviceId} (none asked when empty): the account's side
     * of an AUTH lookup. A store keeping both in one place answers with one read; this default reads both at once.
     */
    default Mono<PolicyAndDevice> policyAndDevice(Username username, Optional<DeviceId> deviceId) {
        Mono<Optional<Device>> device = deviceId
            .map(id -> device(username, id).map(Optional::of).defaultIfEmpty(Optional.empty()))
            .orElse(Mono.just(Optional.empty()));
        return Mono.zip(policy(username).map(Optional::of).defaultIfEmpty(Optional.empty()), device)
            .map(found -> PolicyAndDevice.of(found.getT1(), found.getT2()));
    }

    /**
     * Inserts or replaces the device of this id for this account.
     */
    Mono<Void> save(Username username, Device device);

    Mono<Void> delete(Username username, DeviceId deviceId);

    /**
     * Forgets the account: its devices, its policy override, and its uses of every device (user data deletion).
     * Other accounts' uses of the same devices, failures and blocks (which belong to devices) stay.
     */
    Mono<Void> deleteAll(Username username);

    /**
     * Moves the account's devices, policy override and device uses to {@code to} (James user rename). Data of
     * {@code from} replaces data of {@code to} for the same device; {@code to}'s other devices stay.
     */
    Mono<Void> rename(Username from, Username to);

    /**
     * Moves the account's record of a device from {@code from} to {@code to}, the same device's id under a new
     * {@code clientid.secret} (rotation: the AUTH path calls it when {@code to} is unknown to the account and
     * {@code from}, the id under the previous secret, is known). The device record keeps every field (status, label,
     * first and last seen, counts, revocation) but its id. The device's block, its uses by every account and, where
     * the store can move them, its failures go with the first account that moves it: they belong to the device.
     *
     * <p>Idempotent, and safe when several sign-ins of the device move it at once: nothing when {@code from} is
     * unknown to the account; when {@code to} already has a record (or a block), that one stays and {@code from}'s
     * is dropped, so that a move never creates a second record nor replaces a newer one. Copies come before
     * deletions: an interrupted move leaves the device under both ids, never under neither.</p>
     */
    Mono<Void> rekey(Username username, DeviceId from, DeviceId to);

    // Accounts of a device

    /**
     * Notes that {@code deviceId} tried to authenticate as {@code username} at {@code at} (upsert of the last time).
     */
    Mono<Void> recordUse(DeviceId deviceId, Username username, Instant at);

    Flux<AccountUse> accounts(DeviceId deviceId);

    /**
     * Number of distinct accounts this device was used with at or after {@code since}.
     */
    Mono<Long> distinctAccountsSince(DeviceId deviceId, Instant since);

    /**
     * {@link #recordUse}, then {@link #distinctAccountsSince}: the AUTH path's shared-device count, this use included.
     * Empty when the store knows this use cannot have raised the count: it recorded and counted the same (device,
     * account) pair a moment before (a store coalescing repeated uses, see its documentation). The count is read
     * after the write, so that concurrent attempts on many accounts see each other.
     */
    default Mono<Long> recordUseAndCountAccountsSince(DeviceId deviceId, Username username, Instant at, Instant since) {
        return recordUse(deviceId, username, at)
            .then(Mono.defer(() -> distinctAccountsSince(deviceId, since)));
    }

    // Authentication failures of a device, whatever the account

    Mono<Void> recordFailure(DeviceId deviceId, Instant at);

    /**
     * Number of failures recorded at or after {@code since}.
     */
    Mono<Long> failuresSince(DeviceId deviceId, Instant since);

    // Blocks: one per device, on every account

    /**
     * Inserts or replaces the block of {@code block.getDeviceId()}.
     */
    Mono<Void> saveBlock(Block block);

    /**
     * The block of this device, active or not: callers check {@link Block#isActive}.
     */
    Mono<Block> findBlock(DeviceId deviceId);

    Flux<Block> blocks();

    Mono<Void> unblock(DeviceId deviceId);

    // Per-account policy override

    /**
     * Empty when the account follows the global default.
     */
    Mono<AccountPolicy> policy(Username username);

    Mono<Void> setPolicy(Username username, AccountPolicy policy);

    Mono<Void> clearPolicy(Username username);
}
