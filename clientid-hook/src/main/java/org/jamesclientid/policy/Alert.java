package org.jamesclientid.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * Something about a device an administrator or the account owner may want to hear of. Holds the device hint, never
 * the token.
 */
public final class Alert {
    public enum Kind {
        /** An account got a new trusted device. */
        NEW_DEVICE,
        /** An account saw a new device and recorded it as pending: it awaits approval. */
        DEVICE_DENIED,
        /** A device was blocked on every account by an automatic limit. */
        DEVICE_BLOCKED,
        /** AUTH with a type flagged {@code alert-failure} was denied. */
        AUTH_FAILED,
        /** AUTH with a type flagged {@code alert-success} was allowed. */
        AUTH_SUCCEEDED
    }

    public static class Builder {
        private Kind kind;
        private Username username;
        private DeviceId deviceId;
        private String type;
        private String hint;
        private Optional<String> ip = Optional.empty();
        private Instant at;
        private boolean systemLog;
        private boolean userLog;

        private Builder() {
        }

        public Builder kind(Kind kind) {
            this.kind = kind;
            return this;
        }

        public Builder username(Username username) {
            this.username = username;
            return this;
        }

        public Builder device(DeviceId deviceId, String type, String hint) {
            this.deviceId = deviceId;
            this.type = type;
            this.hint = hint;
            return this;
        }

        public Builder ip(Optional<String> ip) {
            this.ip = ip;
            return this;
        }

        public Builder at(Instant at) {
            this.at = at;
            return this;
        }

        /**
         * Whether the type's flags allow device details in the server log ({@code system-log}) and in the account
         * owner's notices ({@code user-log}).
         */
        public Builder visibility(boolean systemLog, boolean userLog) {
            this.systemLog = systemLog;
            this.userLog = userLog;
            return this;
        }

        public Alert build() {
            Preconditions.checkNotNull(kind, "'kind' is mandatory");
            Preconditions.checkNotNull(username, "'username' is mandatory");
            Preconditions.checkNotNull(deviceId, "'deviceId' is mandatory");
            Preconditions.checkNotNull(type, "'type' is mandatory");
            Preconditions.checkNotNull(hint, "'hint' is mandatory");
            Preconditions.checkNotNull(ip, "'ip' must not be null, use Optional.empty()");
            Preconditions.checkNotNull(at, "'at' is mandatory");
            return new Alert(kind, username, deviceId, type, hint, ip, at, systemLog, userLog);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private final Kind kind;
    private final Username username;
    private final DeviceId deviceId;
    private final String type;
    private final String hint;
    private final Optional<String> ip;
    private final Instant at;
    private final boolean systemLog;
    private final boolean userLog;

    private Alert(Kind kind, Username username, DeviceId deviceId, String type, String hint, Optional<String> ip, Instant at,
                  boolean systemLog, boolean userLog) {
        this.kind = kind;
        this.username = username;
        this.deviceId = deviceId;
        this.type = type;
        this.hint = hint;
        this.ip = ip;
        this.at = at;
        this.systemLog = systemLog;
        this.userLog = userLog;
    }

    public Kind getKind() {
        return kind;
    }

    public Username getUsername() {
        return username;
    }

    public DeviceId getDeviceId() {
        return deviceId;
    }

    public String getType() {
        return type;
    }

    public String getHint() {
        return hint;
    }

    public Optional<String> getIp() {
        return ip;
    }

    public Instant getAt() {
        return at;
    }

    /**
     * Device details may go to the server log (type flag {@code system-log}).
     */
    public boolean isSystemLog() {
        return systemLog;
    }

    /**
     * Device details may be shown to the account owner (type flag {@code user-log}).
     */
    public boolean isUserLog() {
        return userLog;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof Alert) {
            Alert that = (Alert) o;
            return this.systemLog == that.systemLog
                && this.userLog == that.userLog
                && this.kind == that.kind
                && Objects.equals(this.username, that.username)
                && Objects.equals(this.deviceId, that.deviceId)
                && Objects.equals(this.type, that.type)
                && Objects.equals(this.hint, that.hint)
                && Objects.equals(this.ip, that.ip)
                && Objects.equals(this.at, that.at);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(kind, username, deviceId, type, hint, ip, at, systemLog, userLog);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("kind", kind)
            .add("username", username.asString())
            .add("deviceId", deviceId)
            .add("type", type)
            .add("ip", ip)
            .add("at", at)
            .add("systemLog", systemLog)
            .add("userLog", userLog)
            .toString();
    }
}
