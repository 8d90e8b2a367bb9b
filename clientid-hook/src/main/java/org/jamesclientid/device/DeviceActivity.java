package org.jamesclientid.device;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * What sign-ins of one device on one account produced: last seen, last address, counts. Kept apart from what
 * administrators own ({@link Device}), so that neither side's write can undo the other's. Counts are advisory: two
 * sign-ins of the same device at the same moment may count once.
 */
public final class DeviceActivity {
    public static DeviceActivity of(DeviceId deviceId, Instant lastSeen, Optional<String> lastIp, long successes, long failures) {
        Preconditions.checkNotNull(deviceId, "'deviceId' is mandatory");
        Preconditions.checkNotNull(lastSeen, "'lastSeen' is mandatory");
        Preconditions.checkNotNull(lastIp, "'lastIp' must not be null, use Optional.empty()");
        Preconditions.checkArgument(successes >= 0 && failures >= 0, "counts must not be negative");
        return new DeviceActivity(deviceId, lastSeen, lastIp, successes, failures);
    }

    /**
     * The activity after a first sign-in.
     */
    public static DeviceActivity first(DeviceId deviceId, Instant at, Optional<String> ip, boolean succeeded) {
        return of(deviceId, at, ip, succeeded ? 1 : 0, succeeded ? 0 : 1);
    }

    private final DeviceId deviceId;
    private final Instant lastSeen;
    private final Optional<String> lastIp;
    private final long successes;
    private final long failures;

    private DeviceActivity(DeviceId deviceId, Instant lastSeen, Optional<String> lastIp, long successes, long failures) {
        this.deviceId = deviceId;
        this.lastSeen = lastSeen;
        this.lastIp = lastIp;
        this.successes = successes;
        this.failures = failures;
    }

    /**
     * The activity after one more sign-in.
     */
    public DeviceActivity signedIn(Instant at, Optional<String> ip, boolean succeeded) {
        // Nodes' clocks differ slightly: never move lastSeen backwards.
        Instant newLastSeen = at.isAfter(lastSeen) ? at : lastSeen;
        return of(deviceId, newLastSeen, ip.or(() -> lastIp), successes + (succeeded ? 1 : 0), failures + (succeeded ? 0 : 1));
    }

    /**
     * The same activity under another id (rotation of {@code clientid.secret}).
     */
    public DeviceActivity withDeviceId(DeviceId deviceId) {
        return of(deviceId, lastSeen, lastIp, successes, failures);
    }

    public DeviceId getDeviceId() {
        return deviceId;
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

    @Override
    public final boolean equals(Object o) {
        if (o instanceof DeviceActivity) {
            DeviceActivity that = (DeviceActivity) o;
            return this.successes == that.successes
                && this.failures == that.failures
                && Objects.equals(this.deviceId, that.deviceId)
                && Objects.equals(this.lastSeen, that.lastSeen)
                && Objects.equals(this.lastIp, that.lastIp);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(deviceId, lastSeen, lastIp, successes, failures);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("deviceId", deviceId)
            .add("lastSeen", lastSeen)
            .add("lastIp", lastIp)
            .add("successes", successes)
            .add("failures", failures)
            .toString();
    }
}
