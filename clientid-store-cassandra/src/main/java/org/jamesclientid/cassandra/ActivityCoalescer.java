package org.jamesclientid.cassandra;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceId;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * Per-node memory that saves Cassandra the hot writes of AUTH: a device signing in every minute would otherwise
 * rewrite its device row and its use row every minute.
 *
 * <p>Device rows: the coalescer remembers, per (account, device), the row this node last read or wrote. A save that
 * changes only the activity (later last seen, more successes) within {@code interval} of that row's last seen is
 * not written; it is kept as pending and returned by later reads of the same row on this node, so that the counts
 * keep growing here. The first save past the interval, or any other change (status, label, failures, IP address,
 * ...), writes the device. What this costs: Cassandra's last seen lags by up to the interval; the pending activity
 * of a device that then stops signing in (or of a node that stops) is lost, and when two nodes coalesce the same
 * device, the one that writes first wins and the other's pending successes are dropped.</p>
 *
 * <p>Uses: a use of (device, account) is not written again within {@code interval} of the last one this node
 * wrote, so the window of the shared-device check is precise to the interval (keep it well below
 * {@code clientid.sharedDevice.window}). Nor is the device's accounts counted again for that pair once this node
 * counted them after writing it: the repeated use cannot have raised the count, and an account new to the device
 * is never coalesced, so the count that crosses the threshold is always read.</p>
 */
class ActivityCoalescer {
    private static final long MAXIMUM_ENTRIES = 100_000;

    private static class Known {
        private final Device stored;
        private final Optional<Device> pending;

        Known(Device stored, Optional<Device> pending) {
            this.stored = stored;
            this.pending = pending;
        }
    }

    private static class Key {
        private final Username username;
        private final DeviceId deviceId;

        Key(Username username, DeviceId deviceId) {
            this.username = username;
            this.deviceId = deviceId;
        }

        @Override
        public boolean equals(Object o) {
            if (o instanceof Key) {
                Key that = (Key) o;
                return username.equals(that.username) && deviceId.equals(that.deviceId);
            }
            return false;
        }

        @Override
        public int hashCode() {
            return Objects.hash(username, deviceId);
        }
    }

    private static class UseWrite {
        private final Instant at;
        private final boolean counted;

        UseWrite(Instant at, boolean counted) {
            this.at = at;
            this.counted = counted;
        }
    }

    private final Duration interval;
    private final Cache<Key, Known> devices;
    private final Cache<Key, UseWrite> uses;

    ActivityCoalescer(Duration interval) {
        this.interval = interval;
        // Entries expire with the interval: a pending activity never lives longer than that, nor a stale row.
        this.devices = CacheBuilder.newBuilder().maximumSize(MAXIMUM_ENTRIES).expireAfterWrite(interval).build();
        this.uses = CacheBuilder.newBuilder().maximumSize(MAXIMUM_ENTRIES).expireAfterWrite(interval).build();
    }

    boolean isEnabled() {
        return !interval.isZero();
    }

    /**
     * @return the device to show for a row just read: this node's pending activity if the row is still the one it
     *     was based on
     */
    Device read(Username username, Device stored) {
        if (!isEnabled()) {
            return stored;
        }
        Key key = new Key(username, stored.getId());
        Known known = devices.getIfPresent(key);
        if (known != null && known.stored.equals(stored)) {
            return known.pending.orElse(stored);
        }
        devices.put(key, new Known(stored, Optional.empty()));
        return stored;
    }

    void readNothing(Username username, DeviceId deviceId) {
        devices.invalidate(new Key(username, deviceId));
    }

    /**
     * @return true when the save can be skipped (the device is then pending on this node)
     */
    boolean coalesce(Username username, Device device) {
        if (!isEnabled()) {
            return false;
        }
        Key key = new Key(username, device.getId());
        Known known = devices.getIfPresent(key);
        if (known == null || !onlyActivityChanged(known.stored, device)) {
            return false;
        }
        devices.put(key, new Known(known.stored, Optional.of(device)));
        return true;
    }

    void written(Username username, Device device) {
        if (isEnabled()) {
            devices.put(new Key(username, device.getId()), new Known(device, Optional.empty()));
        }
    }

    private boolean onlyActivityChanged(Device stored, Device device) {
        return stored.getType().equals(device.getType())
            && stored.getHint().equals(device.getHint())
            && stored.getLabel().equals(device.getLabel())
            && stored.getStatus() == device.getStatus()
            && stored.getFirstSeen().equals(device.getFirstSeen())
            && stored.getLastIp().equals(device.getLastIp())
            && stored.getFailures() == device.getFailures()
            && stored.getRevokedUntil().equals(device.getRevokedUntil())
            && device.getSuccesses() >= stored.getSuccesses()
            && !device.getLastSeen().isBefore(stored.getLastSeen())
            && Duration.between(stored.getLastSeen(), device.getLastSeen()).compareTo(interval) < 0;
    }

    /**
     * @return true when this node wrote a use of this pair less than the interval before {@code at}, or later
     */
    boolean coalesceUse(DeviceId deviceId, Username username, Instant at) {
        return recentUse(deviceId, username, at).isPresent();
    }

    /**
     * @return true when, besides {@link #coalesceUse}, this node counted the device's accounts after that write
     */
    boolean coalesceCountedUse(DeviceId deviceId, Username username, Instant at) {
        return recentUse(deviceId, username, at).map(use -> use.counted).orElse(false);
    }

    private Optional<UseWrite> recentUse(DeviceId deviceId, Username username, Instant at) {
        if (!isEnabled()) {
            return Optional.empty();
        }
        return Optional.ofNullable(uses.getIfPresent(new Key(username, deviceId)))
            .filter(written -> Duration.between(written.at, at).compareTo(interval) < 0);
    }

    void useWritten(DeviceId deviceId, Username username, Instant at) {
        if (isEnabled()) {
            uses.put(new Key(username, deviceId), new UseWrite(at, false));
        }
    }

    void useCounted(DeviceId deviceId, Username username) {
        if (isEnabled()) {
            uses.asMap().computeIfPresent(new Key(username, deviceId), (key, written) -> new UseWrite(written.at, true));
        }
    }

    void forget(Username username, DeviceId deviceId) {
        devices.invalidate(new Key(username, deviceId));
    }

    /**
     * After a rename or a deletion of the account: a scan of this node's entries, rare administrative operations only.
     */
    void forgetAccount(Username username) {
        devices.asMap().keySet().removeIf(key -> key.username.equals(username));
        uses.asMap().keySet().removeIf(key -> key.username.equals(username));
    }
}
