package org.jamesclientid.device;

import java.util.Optional;

import org.apache.james.core.Username;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The devices each account knows, with what administrators own of them: status (as last changed, by whom, when),
 * label, type, hint, first seen. Holds device ids and hints, never tokens (S4). What sign-ins produce is in
 * {@link DeviceActivityRepository}.
 *
 * <p>No write replaces a whole record from a copy read earlier: each one either adds a record only when there is
 * none, or changes the status alone ({@link #changeStatus} for administrators and owners,
 * {@link #changeStatusIf} for sign-ins, which applies only when the status is still the one the sign-in read), or the
 * label alone. So an administrator's change made while devices sign in is never undone by them.</p>
 *
 * <p>Bounded: a pending device is forgotten {@link PendingDeviceLimits#getLifetime()} after it was recorded unless
 * its status changed, and an account keeps at most {@link PendingDeviceLimits#getPerAccount()} pending devices (the
 * oldest go; a trusted or revoked device never does).</p>
 */
public interface DeviceRepository {
    Mono<Device> device(Username username, DeviceId deviceId);

    Flux<Device> devices(Username username);

    Mono<Boolean> hasAnyDevice(Username username);

    /**
     * Records the device when the account has no record of it. True when this call recorded it; false when a record
     * was there (it is left as it is).
     */
    Mono<Boolean> add(Username username, Device device);

    /**
     * Records the device only when the account has no device at all (trust-first's first device). When several
     * first sign-ins race, exactly one is recorded: true for it, false for the others, which then go through
     * {@link #add} as pending.
     */
    Mono<Boolean> addFirst(Username username, Device device);

    /**
     * Sets the status of a device the account knows, whatever it was: an administrator's or the owner's change.
     * False when the account does not know the device.
     */
    Mono<Boolean> changeStatus(Username username, DeviceId deviceId, StatusChange change);

    /**
     * Sets the status only if the device is still as {@code read} (same status, revocation end and label): a
     * sign-in's transition, which must not undo a change made since it read the device. False when it was not applied.
     */
    Mono<Boolean> changeStatusIf(Username username, Device read, StatusChange change);

    /**
     * False when the account does not know the device.
     */
    Mono<Boolean> setLabel(Username username, DeviceId deviceId, Optional<String> label);

    Mono<Void> delete(Username username, DeviceId deviceId);

    /**
     * Forgets every device of the account (user data deletion).
     */
    Mono<Void> deleteAll(Username username);

    /**
     * Moves the account's devices to {@code to} (James user rename): {@code from}'s replace {@code to}'s for the same
     * device, {@code to}'s other devices stay. Copies come before deletions.
     */
    Mono<Void> rename(Username from, Username to);

    /**
     * Moves the account's record of a device to its id under a new {@code clientid.secret}. Idempotent and safe when
     * several sign-ins move it at once: nothing when {@code from} is unknown; when {@code to} is known already it
     * stays and {@code from} is dropped. Copies come before deletions.
     */
    Mono<Void> rekey(Username username, DeviceId from, DeviceId to);
}
