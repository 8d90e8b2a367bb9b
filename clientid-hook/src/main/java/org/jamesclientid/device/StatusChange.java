package org.jamesclientid.device;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * A device's status on an account as last set: what it is, until when a revocation lasts, who set it and when.
 * Administrators own it; a sign-in changes it only through the transitions {@link Actor#SIGN_IN} lists.
 */
public final class StatusChange {
    public static StatusChange of(DeviceStatus status, Optional<Instant> revokedUntil, Actor by, Instant at) {
        Preconditions.checkNotNull(status, "'status' is mandatory");
        Preconditions.checkNotNull(revokedUntil, "'revokedUntil' must not be null, use Optional.empty()");
        Preconditions.checkNotNull(by, "'by' is mandatory");
        Preconditions.checkNotNull(at, "'at' is mandatory");
        Preconditions.checkArgument(revokedUntil.isEmpty() || status == DeviceStatus.REVOKED,
            "only a revoked device has a revocation end");
        return new StatusChange(status, revokedUntil, by, at);
    }

    public static StatusChange trusted(Actor by, Instant at) {
        return of(DeviceStatus.TRUSTED, Optional.empty(), by, at);
    }

    public static StatusChange pending(Actor by, Instant at) {
        return of(DeviceStatus.PENDING, Optional.empty(), by, at);
    }

    public static StatusChange revoked(Optional<Instant> until, Actor by, Instant at) {
        return of(DeviceStatus.REVOKED, until, by, at);
    }

    private final DeviceStatus status;
    private final Optional<Instant> revokedUntil;
    private final Actor by;
    private final Instant at;

    private StatusChange(DeviceStatus status, Optional<Instant> revokedUntil, Actor by, Instant at) {
        this.status = status;
        this.revokedUntil = revokedUntil;
        this.by = by;
        this.at = at;
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

    /**
     * Whether {@code other} sets the same status with the same end: what a conditional change compares.
     */
    public boolean sameStatusAs(StatusChange other) {
        return status == other.status && revokedUntil.equals(other.revokedUntil);
    }

    public DeviceStatus getStatus() {
        return status;
    }

    public Optional<Instant> getRevokedUntil() {
        return revokedUntil;
    }

    public Actor getBy() {
        return by;
    }

    public Instant getAt() {
        return at;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof StatusChange) {
            StatusChange that = (StatusChange) o;
            return this.status == that.status
                && Objects.equals(this.revokedUntil, that.revokedUntil)
                && this.by == that.by
                && Objects.equals(this.at, that.at);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(status, revokedUntil, by, at);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("status", status)
            .add("revokedUntil", revokedUntil)
            .add("by", by)
            .add("at", at)
            .toString();
    }
}
