package org.jamesclientid.policy;

import java.util.List;
import java.util.Optional;

import org.jamesclientid.core.AccountPolicy;
import org.jamesclientid.device.AccountUse;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceActivity;
import org.jamesclientid.device.DeviceBlocks;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Signal;

/**
 * What the engine reads for one AUTH, all at once before the mode is known (one round trip): the account's override,
 * its record and activity of the device, whether it has any device (asked only for a wrong password: trust-first's
 * first place is not given to it), the device's blocks (kept as a signal: their error only counts where they are
 * used) and uses, the throttles, and whether James knows the account (asked only for a wrong password).
 */
final class Lookups {
    static Lookups of(Optional<AccountPolicy> policy, Optional<Device> device, Optional<DeviceActivity> activity,
                      boolean accountHasDevices, Signal<DeviceBlocks> blocks, List<AccountUse> uses, ThrottleState throttles,
                      boolean accountKnown) {
        return new Lookups(policy, device, activity, accountHasDevices, blocks, ImmutableList.copyOf(uses), throttles, accountKnown);
    }

    private final Optional<AccountPolicy> policy;
    private final Optional<Device> device;
    private final Optional<DeviceActivity> activity;
    private final boolean accountHasDevices;
    private final Signal<DeviceBlocks> blocks;
    private final ImmutableList<AccountUse> uses;
    private final ThrottleState throttles;
    private final boolean accountKnown;

    private Lookups(Optional<AccountPolicy> policy, Optional<Device> device, Optional<DeviceActivity> activity,
                    boolean accountHasDevices, Signal<DeviceBlocks> blocks, ImmutableList<AccountUse> uses, ThrottleState throttles,
                    boolean accountKnown) {
        this.policy = policy;
        this.device = device;
        this.activity = activity;
        this.accountHasDevices = accountHasDevices;
        this.blocks = blocks;
        this.uses = uses;
        this.throttles = throttles;
        this.accountKnown = accountKnown;
    }

    /**
     * The same lookups with the device as read again (after a conditional write found it changed).
     */
    Lookups withDevice(Optional<Device> device) {
        return new Lookups(policy, device, activity, accountHasDevices || device.isPresent(), blocks, uses, throttles, accountKnown);
    }

    Optional<AccountPolicy> policy() {
        return policy;
    }

    Optional<Device> device() {
        return device;
    }

    Optional<DeviceActivity> activity() {
        return activity;
    }

    boolean accountHasDevices() {
        return accountHasDevices;
    }

    Signal<DeviceBlocks> blocks() {
        return blocks;
    }

    ImmutableList<AccountUse> uses() {
        return uses;
    }

    ThrottleState throttles() {
        return throttles;
    }

    boolean accountKnown() {
        return accountKnown;
    }
}
