package org.jamesclientid.reply;

import java.time.Instant;
import java.util.Objects;

import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * What one reply code allows: one action on one device of one account, until a time.
 */
public final class ReplyGrant {
    public static ReplyGrant of(Username username, DeviceId deviceId, ReplyAction action, Instant expiresAt) {
        Preconditions.checkNotNull(username, "'username' is mandatory");
        Preconditions.checkNotNull(deviceId, "'deviceId' is mandatory");
        Preconditions.checkNotNull(action, "'action' is mandatory");
        Preconditions.checkNotNull(expiresAt, "'expiresAt' is mandatory");
        return new ReplyGrant(username, deviceId, action, expiresAt);
    }

    private final Username username;
    private final DeviceId deviceId;
    private final ReplyAction action;
    private final Instant expiresAt;

    private ReplyGrant(Username username, DeviceId deviceId, ReplyAction action, Instant expiresAt) {
        this.username = username;
        this.deviceId = deviceId;
        this.action = action;
        this.expiresAt = expiresAt;
    }

    public Username getUsername() {
        return username;
    }

    public DeviceId getDeviceId() {
        return deviceId;
    }

    public ReplyAction getAction() {
        return action;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof ReplyGrant) {
            ReplyGrant that = (ReplyGrant) o;
            return Objects.equals(this.username, that.username)
                && Objects.equals(this.deviceId, that.deviceId)
                && this.action == that.action
                && Objects.equals(this.expiresAt, that.expiresAt);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(username, deviceId, action, expiresAt);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("username", username.asString())
            .add("deviceId", deviceId)
            .add("action", action)
            .add("expiresAt", expiresAt)
            .toString();
    }
}
