package org.jamesclientid.it;

import java.time.Instant;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.utils.GuiceProbe;
import org.jamesclientid.core.ClientId;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceIdFactory;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.limit.MemoryLimits;

/**
 * What the memory stores of the James under test hold, entry by entry, as the API reads it: for the bounds of
 * docs/cassandra.md ("Bounded storage") on the memory server. Bound with {@code ClientIdJamesServers.builder().probe(...)}.
 */
public class ClientIdMemoryStoreProbe implements GuiceProbe {
    private final DeviceHistory history;
    private final MemoryLimits limits;
    private final DeviceIdFactory deviceIdFactory;

    @Inject
    public ClientIdMemoryStoreProbe(DeviceHistory history, MemoryLimits limits, DeviceIdFactory deviceIdFactory) {
        this.history = history;
        this.limits = limits;
        this.deviceIdFactory = deviceIdFactory;
    }

    public DeviceId deviceId(String type, String token) {
        return deviceIdFactory.deviceId(ClientId.of(type, token));
    }

    public long devices(String username) {
        return history.devices().devices(Username.of(username)).count().block();
    }

    public long activities(String username) {
        return history.activity().activities(Username.of(username)).count().block();
    }

    /**
     * Accounts the device was used with, within the uses' retention.
     */
    public long uses(DeviceId deviceId) {
        return history.uses().accounts(deviceId).count().block();
    }

    public long blocks() {
        return history.blocks().list().count().block();
    }

    /**
     * Failures held for a limit key of the device on every account, of the device on an account, of an account or of
     * an address.
     */
    public long failures(LimitKey key) {
        return limits.countSince(key, Instant.EPOCH).block();
    }

    public long failureKeys() {
        return limits.failureKeys();
    }

    public long throttles() {
        return limits.throttleCount();
    }
}
