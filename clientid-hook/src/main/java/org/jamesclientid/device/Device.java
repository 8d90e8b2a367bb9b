package org.jamesclientid.device;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * One device as known by one account: what administrators own and the AUTH policy reads (its status, as last changed
 * and by whom, its label). It holds no token. What sign-ins produce is a {@link DeviceActivity}, stored apart.
 *
 * <p>Immutable: build it with {@link #builder()}, change it with {@link #withStatus}, {@link #withLabel} and
 * {@link #withId}.</p>
 */
public final class Device {
    public static class Builder {
        private DeviceId id;
        private String type;
        private String hint;
        private Optional<String> label = Optional.empty();
        private StatusChange status;
        private Instant firstSeen;

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

        public Builder status(StatusChange status) {
            this.status = status;
            return this;
        }

        public Builder firstSeen(Instant firstSeen) {
            this.firstSeen = firstSeen;
            return this;
        }

        public Device build() {
            Preconditions.checkNotNull(id, "'id' is mandatory");
            Preconditions.checkArgument(type != null && !type.isEmpty(), "'type' is mandatory");
            Preconditions.checkNotNull(hint, "'hint' is mandatory");
            Preconditions.checkNotNull(status, "'status' is mandatory");
            Preconditions.checkNotNull(firstSeen, "'firstSeen' is mandatory");
            Preconditions.checkNotNull(label, "'label' must not be null, use Optional.empty()");
            return new Device(id, type.toUpperCase(Locale.US), hint, label, status, firstSeen);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private final DeviceId id;
    private final String type;
    private final String hint;
    private final Optional<String> label;
    private final StatusChange status;
    private final Instant firstSeen;

    private Device(DeviceId id, String type, String hint, Optional<String> label, StatusChange status, Instant firstSeen) {
        this.id = id;
        this.type = type;
        this.hint = hint;
        this.label = label;
        this.status = status;
        this.firstSeen = firstSeen;
    }

    /**
     * The status that applies at {@code now}: a revocation whose end has come counts as trusted again.
     */
    public DeviceStatus effectiveStatus(Instant now) {
        return status.effectiveStatus(now);
    }

    public Device withStatus(StatusChange status) {
        return toBuilder().status(status).build();
    }

    /**
     * The same device under another id: what a rotation of {@code clientid.secret} moves.
     */
    public Device withId(DeviceId id) {
        return toBuilder().id(id).build();
    }

    public Device withLabel(Optional<String> label) {
        return toBuilder().label(label).build();
    }

    private Builder toBuilder() {
        return builder().id(id).type(type).hint(hint).label(label).status(status).firstSeen(firstSeen);
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
        return status.getStatus();
    }

    public Optional<Instant> getRevokedUntil() {
        return status.getRevokedUntil();
    }

    /**
     * The status with who set it and when.
     */
    public StatusChange getStatusChange() {
        return status;
    }

    public Instant getFirstSeen() {
        return firstSeen;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof Device) {
            Device that = (Device) o;
            return Objects.equals(this.id, that.id)
                && Objects.equals(this.type, that.type)
                && Objects.equals(this.hint, that.hint)
                && Objects.equals(this.label, that.label)
                && Objects.equals(this.status, that.status)
                && Objects.equals(this.firstSeen, that.firstSeen);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(id, type, hint, label, status, firstSeen);
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
            .toString();
    }
}
