package org.jamesclientid.device;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * A device refused on every account, set by an administrator or by an automatic limit ({@link #getSetBy()}), forever or
 * until a time. A device has at most one of each: an automatic block never replaces an administrator's
 * ({@link BlockRepository}).
 */
public final class Block {
    public static Block of(DeviceId deviceId, Actor setBy, Instant createdAt, Optional<Instant> until, Optional<String> reason) {
        Preconditions.checkNotNull(deviceId, "'deviceId' is mandatory");
        Preconditions.checkArgument(setBy == Actor.ADMINISTRATOR || setBy == Actor.AUTOMATIC,
            "a block is set by an administrator or automatically, not by %s", setBy);
        Preconditions.checkNotNull(createdAt, "'createdAt' is mandatory");
        Preconditions.checkNotNull(until, "'until' must not be null, use Optional.empty()");
        Preconditions.checkNotNull(reason, "'reason' must not be null, use Optional.empty()");
        return new Block(deviceId, setBy, createdAt, until, reason);
    }

    private final DeviceId deviceId;
    private final Actor setBy;
    private final Instant createdAt;
    private final Optional<Instant> until;
    private final Optional<String> reason;

    private Block(DeviceId deviceId, Actor setBy, Instant createdAt, Optional<Instant> until, Optional<String> reason) {
        this.deviceId = deviceId;
        this.setBy = setBy;
        this.createdAt = createdAt;
        this.until = until;
        this.reason = reason;
    }

    /**
     * The same block on another id: what a rotation of {@code clientid.secret} moves (see {@link BlockRepository#rekey}).
     */
    public Block withDeviceId(DeviceId deviceId) {
        return of(deviceId, setBy, createdAt, until, reason);
    }

    /**
     * A block without end is always active; one with an end is active strictly before it.
     */
    public boolean isActive(Instant now) {
        return until.map(now::isBefore).orElse(true);
    }

    public DeviceId getDeviceId() {
        return deviceId;
    }

    public Actor getSetBy() {
        return setBy;
    }

    public boolean isAutomatic() {
        return setBy == Actor.AUTOMATIC;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Optional<Instant> getUntil() {
        return until;
    }

    public Optional<String> getReason() {
        return reason;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof Block) {
            Block that = (Block) o;
            return Objects.equals(this.deviceId, that.deviceId)
                && this.setBy == that.setBy
                && Objects.equals(this.createdAt, that.createdAt)
                && Objects.equals(this.until, that.until)
                && Objects.equals(this.reason, that.reason);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(deviceId, setBy, createdAt, until, reason);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("deviceId", deviceId)
            .add("setBy", setBy)
            .add("createdAt", createdAt)
            .add("until", until)
            .add("reason", reason)
            .toString();
    }
}
