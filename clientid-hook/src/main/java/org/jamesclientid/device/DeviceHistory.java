package org.jamesclientid.device;

import javax.inject.Inject;

import org.apache.james.core.Username;

import reactor.core.publisher.Mono;

/**
 * Everything the CLIENTID extension remembers about devices, kept apart from credentials (S1), as one repository per
 * concern: the devices accounts know and their status ({@link DeviceRepository}, owned by administrators), what
 * sign-ins produce ({@link DeviceActivityRepository}), blocks ({@link BlockRepository}), account policy overrides
 * ({@link AccountPolicyRepository}) and the accounts each device signed in to ({@link DeviceUseRepository}). Holds
 * device ids and hints, never tokens (S4).
 *
 * <p>This class only groups them, and runs what concerns all of them: an account's deletion and rename, and a
 * device's move to its id under a new secret.</p>
 */
public class DeviceHistory {
    private final DeviceRepository devices;
    private final DeviceActivityRepository activity;
    private final BlockRepository blocks;
    private final AccountPolicyRepository policies;
    private final DeviceUseRepository uses;

    @Inject
    public DeviceHistory(DeviceRepository devices, DeviceActivityRepository activity, BlockRepository blocks,
                         AccountPolicyRepository policies, DeviceUseRepository uses) {
        this.devices = devices;
        this.activity = activity;
        this.blocks = blocks;
        this.policies = policies;
        this.uses = uses;
    }

    public DeviceRepository devices() {
        return devices;
    }

    public DeviceActivityRepository activity() {
        return activity;
    }

    public BlockRepository blocks() {
        return blocks;
    }

    public AccountPolicyRepository policies() {
        return policies;
    }

    public DeviceUseRepository uses() {
        return uses;
    }

    /**
     * Forgets the account: its devices, their activity, its policy override and its uses of every device (user data
     * deletion). Blocks belong to devices and stay.
     */
    public Mono<Void> deleteAll(Username username) {
        return Mono.when(uses.deleteAll(username), activity.deleteAll(username), policies.clearPolicy(username))
            .then(devices.deleteAll(username));
    }

    /**
     * Moves the account's data to {@code to} (James user rename); {@code from}'s replaces {@code to}'s for the same
     * device, {@code to}'s other devices stay.
     */
    public Mono<Void> rename(Username from, Username to) {
        return Mono.when(devices.rename(from, to), activity.rename(from, to), policies.rename(from, to), uses.rename(from, to));
    }

    /**
     * Moves the account's record of a device, and the device's blocks and uses, to its id under a new
     * {@code clientid.secret}. The blocks and uses go with the first account that moves the device: they belong to
     * it. Failure counts stay under the old id and end with their window.
     */
    public Mono<Void> rekey(Username username, DeviceId from, DeviceId to) {
        return Mono.when(blocks.rekey(from, to), uses.rekey(from, to), activity.rekey(username, from, to))
            .then(devices.rekey(username, from, to));
    }
}
