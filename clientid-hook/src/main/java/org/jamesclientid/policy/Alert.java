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
        /** A device stopped by a failure limit: blocked on every account, or throttled on this one. */
        DEVICE_BLOCKED,
        /** The right password from a device of the account still awaiting approval was refused. */
        DEVICE_PENDING,
        /** The right password from a device revoked on the account was refused. */
        DEVICE_REVOKED,
        /** The right password from a blocked device (by an administrator or a limit) was refused. */
        BLOCKED_DEVICE_REFUSED,
        /** The right password without a device identity was refused: the account requires CLIENTID. */
        CLIENTID_REQUIRED,
        /** AUTH with a type flagged {@code alert-failure} was denied. */
        AUTH_FAILED,
        /** AUTH with a type flagged {@code alert-success} was allowed. */
        AUTH_SUCCEEDED
    }

    public static class Builder {
        private Kind kind;
        private Username username;
        private Optional<DeviceId> deviceId = Optional.empty();
        private Optional<String> type = Optional.empty();
        private Optional<String> hint = Optional.empty();
        private Optional<Instant> firstSeen = Optional.empty();
        private Optional<Instant> until = Optional.empty();
        private Optional<String> clientName = Optional.empty();
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

        /**
         * Absent only for an alert about a sign-in without a device identity ({@link Kind#CLIENTID_REQUIRED}).
         */
        public Builder device(DeviceId deviceId, String type, String hint) {
            Preconditions.checkNotNull(deviceId, "'deviceId' must not be null");
            Preconditions.checkNotNull(type, "'type' must not be null");
            Preconditions.checkNotNull(hint, "'hint' must not be null");
            this.deviceId = Optional.of(deviceId);
            this.type = Optional.of(type);
            this.hint = Optional.of(hint);
            return this;
        }

        /**
         * When the account first saw the device, when known.
         */
        public Builder firstSeen(Optional<Instant> firstSeen) {
            this.firstSeen = firstSeen;
            return this;
        }

        /**
         * Until when the refusal lasts (the end of a block or of a revocation); empty when it lasts until someone
         * changes it.
         */
        public Builder until(Optional<Instant> until) {
            this.until = until;
            return this;
        }

        /**
         * What the client software calls itself, e.g. the SMTP EHLO name: the client's text, unchecked.
         */
        public Builder clientName(Optional<String> clientName) {
            this.clientName = clientName;
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
            Preconditions.checkNotNull(ip, "'ip' must not be null, use Optional.empty()");
            Preconditions.checkNotNull(firstSeen, "'firstSeen' must not be null, use Optional.empty()");
            Preconditions.checkNotNull(until, "'until' must not be null, use Optional.empty()");
            Preconditions.checkNotNull(clientName, "'clientName' must not be null, use Optional.empty()");
            Preconditions.checkNotNull(at, "'at' is mandatory");
            Preconditions.checkState(deviceId.isPresent() || kind == Kind.CLIENTID_REQUIRED, "'device' is mandatory for %s", kind);
            return new Alert(kind, username, deviceId, type, hint, firstSeen, until, clientName, ip, at, systemLog, userLog);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private final Kind kind;
    private final Username username;
    private final Optional<DeviceId> deviceId;
    private final Optional<String> type;
    private final Optional<String> hint;
    private final Optional<Instant> firstSeen;
    private final Optional<Instant> until;
    private final Optional<String> clientName;
    private final Optional<String> ip;
    private final Instant at;
    private final boolean systemLog;
    private final boolean userLog;

    private Alert(Kind kind, Username username, Optional<DeviceId> deviceId, Optional<String> type, Optional<String> hint,
                  Optional<Instant> firstSeen, Optional<Instant> until, Optional<String> clientName, Optional<String> ip, Instant at,
                  boolean systemLog, boolean userLog) {
        this.kind = kind;
        this.username = username;
        this.deviceId = deviceId;
        this.type = type;
        this.hint = hint;
        this.firstSeen = firstSeen;
        this.until = until;
        this.clientName = clientName;
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

    /**
     * Empty only for {@link Kind#CLIENTID_REQUIRED}.
     */
    public Optional<DeviceId> getDeviceId() {
        return deviceId;
    }

    public Optional<String> getType() {
        return type;
    }

    public Optional<String> getHint() {
        return hint;
    }

    public Optional<Instant> getFirstSeen() {
        return firstSeen;
    }

    public Optional<Instant> getUntil() {
        return until;
    }

    public Optional<String> getClientName() {
        return clientName;
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
                && Objects.equals(this.firstSeen, that.firstSeen)
                && Objects.equals(this.until, that.until)
                && Objects.equals(this.clientName, that.clientName)
                && Objects.equals(this.ip, that.ip)
                && Objects.equals(this.at, that.at);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(kind, username, deviceId, type, hint, firstSeen, until, clientName, ip, at, systemLog, userLog);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("kind", kind)
            .add("username", username.asString())
            .add("deviceId", deviceId)
            .add("type", type)
            .add("firstSeen", firstSeen)
            .add("until", until)
            .add("ip", ip)
            .add("at", at)
            .add("systemLog", systemLog)
            .add("userLog", userLog)
            .toString();
    }
}
