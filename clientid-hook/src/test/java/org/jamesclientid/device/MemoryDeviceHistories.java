package org.jamesclientid.device;

import java.time.Clock;
import java.time.Duration;

/**
 * A {@link DeviceHistory} on the memory repositories, for tests.
 */
public final class MemoryDeviceHistories {
    public static DeviceHistory create() {
        return create(Clock.systemUTC());
    }

    public static DeviceHistory create(Clock clock) {
        return new DeviceHistory(new MemoryDeviceRepository(clock, PendingDeviceLimits.DEFAULT), new MemoryDeviceActivityRepository(clock),
            new MemoryBlockRepository(clock), new MemoryAccountPolicyRepository(), new MemoryDeviceUseRepository(clock, Duration.ofDays(1)));
    }

    private MemoryDeviceHistories() {
    }
}
