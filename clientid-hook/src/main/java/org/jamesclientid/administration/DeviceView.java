package org.jamesclientid.administration;

import java.util.Objects;
import java.util.Optional;

import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceActivity;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * A device of an account as administrators see it: what they own and what its sign-ins produced (none yet for an
 * enrolled device that never signed in).
 */
public final class DeviceView {
    public static DeviceView of(Device device, Optional<DeviceActivity> activity) {
        Preconditions.checkNotNull(device, "'device' is mandatory");
        Preconditions.checkNotNull(activity, "'activity' must not be null, use Optional.empty()");
        return new DeviceView(device, activity);
    }

    private final Device device;
    private final Optional<DeviceActivity> activity;

    private DeviceView(Device device, Optional<DeviceActivity> activity) {
        this.device = device;
        this.activity = activity;
    }

    public Device getDevice() {
        return device;
    }

    public Optional<DeviceActivity> getActivity() {
        return activity;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof DeviceView) {
            DeviceView that = (DeviceView) o;
            return Objects.equals(this.device, that.device) && Objects.equals(this.activity, that.activity);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(device, activity);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("device", device)
            .add("activity", activity)
            .toString();
    }
}
