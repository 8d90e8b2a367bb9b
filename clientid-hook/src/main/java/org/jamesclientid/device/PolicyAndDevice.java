package org.jamesclientid.device;

import java.util.Objects;
import java.util.Optional;

import org.jamesclientid.core.AccountPolicy;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * What an AUTH needs from the account's side of the device history: its policy override (empty when it follows the
 * global default) and its record of the presented device (empty when unknown, or when no device was asked for).
 */
public final class PolicyAndDevice {
    public static PolicyAndDevice of(Optional<AccountPolicy> policy, Optional<Device> device) {
        Preconditions.checkNotNull(policy, "'policy' is mandatory");
        Preconditions.checkNotNull(device, "'device' is mandatory");
        return new PolicyAndDevice(policy, device);
    }

    private final Optional<AccountPolicy> policy;
    private final Optional<Device> device;

    private PolicyAndDevice(Optional<AccountPolicy> policy, Optional<Device> device) {
        this.policy = policy;
        this.device = device;
    }

    public Optional<AccountPolicy> getPolicy() {
        return policy;
    }

    public Optional<Device> getDevice() {
        return device;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof PolicyAndDevice) {
            PolicyAndDevice that = (PolicyAndDevice) o;
            return Objects.equals(this.policy, that.policy)
                && Objects.equals(this.device, that.device);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(policy, device);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("policy", policy)
            .add("device", device)
            .toString();
    }
}
