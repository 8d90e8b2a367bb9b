package org.jamesclientid.device;

import java.time.Instant;
import java.util.Objects;

import org.apache.james.core.Username;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * One account a device tried to authenticate as, and when it last did.
 */
public final class AccountUse {
    public static AccountUse of(Username username, DeviceId deviceId, Instant lastSeen) {
        Preconditions.checkNotNull(username, "'username' is mandatory");
        Preconditions.checkNotNull(deviceId, "'deviceId' is mandatory");
        Preconditions.checkNotNull(lastSeen, "'lastSeen' is mandatory");
        return new AccountUse(username, deviceId, lastSeen);
    }

    private final Username username;
    private final DeviceId deviceId;
    private final Instant lastSeen;

    private AccountUse(Username username, DeviceId deviceId, Instant lastSeen) {
        this.username = username;
        this.deviceId = deviceId;
        this.lastSeen = lastSeen;
    }

    public Username getUsername() {
        return username;
    }

    public DeviceId getDeviceId() {
        return deviceId;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof AccountUse) {
            AccountUse that = (AccountUse) o;
            return Objects.equals(this.username, that.username)
                && Objects.equals(this.deviceId, that.deviceId)
                && Objects.equals(this.lastSeen, that.lastSeen);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(username, deviceId, lastSeen);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("username", username.asString())
            .add("deviceId", deviceId)
            .add("lastSeen", lastSeen)
            .toString();
    }
}
