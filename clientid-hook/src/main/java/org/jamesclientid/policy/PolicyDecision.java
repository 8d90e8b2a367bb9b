package org.jamesclientid.policy;

import java.util.Objects;
import java.util.Optional;

import org.jamesclientid.device.DeviceId;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * The verdict on an {@link AuthAttempt}. The reason is for logs and metrics only: clients get the same generic
 * reply whatever it is (P7).
 */
public final class PolicyDecision {
    public enum Outcome {
        ALLOW,
        DENY,
        /** The device store could not answer in a strict mode: 454 4.7.0, try again later. */
        TEMPFAIL
    }

    public enum Reason {
        /** A trusted device. */
        OK,
        /** A device the account had not seen, recorded as trusted (observe, or the first device in trust-first). */
        NEW_DEVICE,
        /** No CLIENTID, or one whose type the policy does not use (flags), and none required. */
        NO_CLIENTID,
        /** Mode off: only the password counts. */
        MODE_OFF,
        /** Wrong password, and no device rule to report instead. */
        PASSWORD,
        /** The device is blocked on every account (an administrator, a shared device, failures on many accounts). */
        BLOCKED,
        /** The account revoked this device. */
        REVOKED,
        /** The device awaits an administrator's approval. */
        PENDING,
        /** A device the account had not seen, now recorded as pending. */
        UNKNOWN_DEVICE,
        /** The client-id type is denied or not in the allowed list (P2, P3). */
        TYPE_DENIED,
        /** The account requires a CLIENTID and none usable was presented (P1). */
        CLIENTID_REQUIRED,
        /** This failure reached a failure limit: the device, account or address is now throttled or blocked (U6, U7). */
        TOO_MANY_FAILURES,
        /** An active throttle: the device on this account, or the account or address for what it does not trust. */
        THROTTLED,
        /** This attempt exceeded the shared-device limit: the device is now blocked (U2). */
        SHARED_DEVICE,
        /** The device store failed or was too slow. */
        STORE_UNAVAILABLE
    }

    public static PolicyDecision allow(Reason reason, Optional<DeviceId> deviceId) {
        return of(Outcome.ALLOW, reason, deviceId);
    }

    public static PolicyDecision deny(Reason reason, Optional<DeviceId> deviceId) {
        return of(Outcome.DENY, reason, deviceId);
    }

    public static PolicyDecision tempfail(Reason reason, Optional<DeviceId> deviceId) {
        return of(Outcome.TEMPFAIL, reason, deviceId);
    }

    public static PolicyDecision of(Outcome outcome, Reason reason, Optional<DeviceId> deviceId) {
        Preconditions.checkNotNull(outcome, "'outcome' is mandatory");
        Preconditions.checkNotNull(reason, "'reason' is mandatory");
        Preconditions.checkNotNull(deviceId, "'deviceId' must not be null, use Optional.empty()");
        return new PolicyDecision(outcome, reason, deviceId);
    }

    private final Outcome outcome;
    private final Reason reason;
    private final Optional<DeviceId> deviceId;

    private PolicyDecision(Outcome outcome, Reason reason, Optional<DeviceId> deviceId) {
        this.outcome = outcome;
        this.reason = reason;
        this.deviceId = deviceId;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public Reason getReason() {
        return reason;
    }

    /**
     * The device the policy evaluated, if any.
     */
    public Optional<DeviceId> getDeviceId() {
        return deviceId;
    }

    public boolean isAllowed() {
        return outcome == Outcome.ALLOW;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof PolicyDecision) {
            PolicyDecision that = (PolicyDecision) o;
            return this.outcome == that.outcome
                && this.reason == that.reason
                && Objects.equals(this.deviceId, that.deviceId);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(outcome, reason, deviceId);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("outcome", outcome)
            .add("reason", reason)
            .add("deviceId", deviceId)
            .toString();
    }
}
