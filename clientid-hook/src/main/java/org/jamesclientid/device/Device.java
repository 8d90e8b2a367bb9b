package org.jamesclientid.device;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * One device as known by one account: what administrators see and what the AUTH policy reads. It holds no token.
 *
 * <p>Immutable: build it with {@link #builder()}, change it with the {@code with...}, {@code succeeded},
 * {@code failed} and {@code seen} methods.</p>
 */
public final class Device {
    public static class Builder {
        private DeviceId id;
        private String type;
        private String hint;
        private Optional<String> label = Optional.empty();
        private DeviceStatus status;
        private Instant firstSeen;
        private Optional<Instant> lastSeen = Optional.empty();
        private Optional<String> lastIp = Optional.empty();
        private long successes;
        private long failures;
        private Optional<Instant> revokedUntil = Optional.empty();

        private Builder() {
        }

        public Builder id(DeviceId id) {
            this.id = id;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder hint(String hint) {
            this.hint = hint;
            return this;
        }

        public Builder label(Optional<String> label) {
            this.label = label;
            return this;
        }

        public Builder status(DeviceStatus status) {
            this.status = status;
            return this;
        }

        public Builder firstSeen(Instant firstSeen) {
            this.firstSeen = firstSeen;
            return this;
        }

        /**
         * Defaults to {@code firstSeen}.
         */
        public Builder lastSeen(Instant lastSeen) {
            this.lastSeen = Optional.of(lastSeen);
            return this;
        }

        public Builder lastIp(Optional<String> lastIp) {
            this.lastIp = lastIp;
            return this;
        }

        public Builder successes(long successes) {
            this.successes = successes;
            return this;
        }

        public Builder failures(long failures) {
            this.failures = failures;
            return this;
        }

        /**
         * Only for a {@link DeviceStatus#REVOKED} device; empty means revoked until an administrator trusts it again.
         */
        public Builder revokedUntil(Optional<Instant> revokedUntil) {
            this.revokedUntil = revokedUntil;
            return this;
        }

        public Device build() {
            Preconditions.checkNotNull(id, "'id' is mandatory");
            Preconditions.checkArgument(type != null && !type.isEmpty(), "'type' is mandatory");
            Preconditions.checkNotNull(hint, "'hint' is mandatory");
            Preconditions.checkNotNull(status, "'status' is mandatory");
            Preconditions.checkNotNull(firstSeen, "'firstSeen' is mandatory");
            Preconditions.checkNotNull(label, "'label' must not be null, use Optional.empty()");
            Preconditions.checkNotNull(lastIp, "'lastIp' must not be null, use Optional.empty()");
            Preconditions.checkNotNull(revokedUntil, "'revokedUntil' must not be null, use Optional.empty()");
            Preconditions.checkArgument(successes >= 0 && failures >= 0, "counts must not be negative");
            Preconditions.checkArgument(revokedUntil.isEmpty() || status == DeviceStatus.REVOKED,
                "only a revoked device has a revocation end");
            return new Device(id, type.toUpperCase(Locale.US), hint, label, status, firstSeen, lastSeen.orElse(firstSeen),
                lastIp, successes, failures, revokedUntil);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private final DeviceId id;
    private final String type;
    private final String hint;
    private final Optional<String> label;
    private final DeviceStatus status;
    private final Instant firstSeen;
    private final Instant lastSeen;
    private final Optional<String> lastIp;
    private final long successes;
    private final long failures;
    private final Optional<Instant> revokedUntil;

    private Device(DeviceId id, String type, String hint, Optional<String> label, DeviceStatus status, Instant firstSeen,
                   Instant lastSeen, Optional<String> lastIp, long successes, long failures, Optional<Instant> revokedUntil) {
        this.id = id;
        this.type = type;
        this.hint = hint;
        this.label = label;
        this.status = status;
        this.firstSeen = firstSeen;
        this.lastSeen = lastSeen;
        this.lastIp = lastIp;
        this.successes = successes;
        this.failures = failures;
        this.revokedUntil = revokedUntil;
    }

    /**
     * The status that applies at {@code now}: a revocation whose end has come counts as trusted again.
     */
    public DeviceStatus effectiveStatus(Instant now) {
        if (status == DeviceStatus.REVOKED && revokedUntil.map(until -> !now.isBefore(until)).orElse(false)) {
            return DeviceStatus.TRUSTED;
        }
        return status;
    }

    public Device trusted() {
        return toBuilder().status(DeviceStatus.TRUSTED).revokedUntil(Optional.empty()).build();
    }

    public Device pending() {
        return toBuilder().status(DeviceStatus.PENDING).revokedUntil(Optional.empty()).build();
    }

    public Device revoked(Optional<Instant> until) {
        return toBuilder().status(DeviceStatus.REVOKED).revokedUntil(until).build();
    }

    /**
     * The same device under another id: what a rotation of {@code clientid.secret} moves (see
     * {@link DeviceHistory#rekey}).
     */
    public Device withId(DeviceId id) {
        return toBuilder().id(id).build();
    }

    public Device withLabel(Optional<String> label) {
        return toBuilder().label(label).build();
    }

    /**
     * An authentication from this device was accepted.
     */
    public Device succeeded(Instant at, Optional<String> ip) {
        return seenBuilder(at, ip).successes(successes + 1).build();
    }

    /**
     * An authentication from this device failed (wrong password).
     */
    public Device failed(Instant at, Optional<String> ip) {
        return seenBuilder(at, ip).failures(failures + 1).build();
    }

    /**
     * The device tried again without counting as a success or a failure (e.g. while pending).
     */
    public Device seen(Instant at, Optional<String> ip) {
        return seenBuilder(at, ip).build();
    }

    private Builder seenBuilder(Instant at, Optional<String> ip) {
        // Nodes' clocks differ slightly: never move lastSeen backwards.
        Instant newLastSeen = at.isAfter(lastSeen) ? at : lastSeen;
        return toBuilder().lastSeen(newLastSeen).lastIp(ip.or(() -> lastIp));
    }

    private Builder toBuilder() {
        return builder().id(id).type(type).hint(hint).label(label).status(status).firstSeen(firstSeen).lastSeen(lastSeen)
            .lastIp(lastIp).successes(successes).failures(failures).revokedUntil(revokedUntil);
    }

    public DeviceId getId() {
        return id;
    }

    public String getType() {
        return type;
    }

    public String getHint() {
        return hint;
    }

    public Optional<String> getLabel() {
        return label;
    }

    /**
     * The stored status; see {@link #effectiveStatus(Instant)} for the one that applies now.
     */
    public DeviceStatus getStatus() {
        return status;
    }

    public Instant getFirstSeen() {
        return firstSeen;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    public Optional<String> getLastIp() {
        return lastIp;
    }

    public long getSuccesses() {
        return successes;
    }

    public long getFailures() {
        return failures;
    }

    public Optional<Instant> getRevokedUntil() {
        return revokedUntil;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof Device) {
            Device that = (Device) o;
            return this.successes == that.successes
                && this.failures == that.failures
                && Objects.equals(this.id, that.id)
                && Objects.equals(this.type, that.type)
                && Objects.equals(this.hint, that.hint)
                && Objects.equals(this.label, that.label)
                && this.status == that.status
                && Objects.equals(this.firstSeen, that.firstSeen)
                && Objects.equals(this.lastSeen, that.lastSeen)
                && Objects.equals(this.lastIp, that.lastIp)
                && Objects.equals(this.revokedUntil, that.revokedUntil);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(id, type, hint, label, status, firstSeen, lastSeen, lastIp, successes, failures, revokedUntil);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("id", id)
            .add("type", type)
            .add("hint", hint)
            .add("label", label)
            .add("status", status)
            .add("firstSeen", firstSeen)
            .add("lastSeen", lastSeen)
            .add("lastIp", lastIp)
            .add("successes", successes)
            .add("failures", failures)
            .add("revokedUntil", revokedUntil)
            .toString();
    }
}
