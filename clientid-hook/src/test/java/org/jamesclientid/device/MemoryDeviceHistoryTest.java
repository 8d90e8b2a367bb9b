package org.jamesclientid.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryDeviceHistoryTest implements DeviceHistoryContract {
    private MemoryDeviceHistory deviceHistory;

    @BeforeEach
    void setUp() {
        deviceHistory = new MemoryDeviceHistory();
    }

    @Override
    public DeviceHistory deviceHistory() {
        return deviceHistory;
    }

    @Test
    void recordFailureShouldDropFailuresOlderThanTheRetention() {
        MemoryDeviceHistory shortMemory = new MemoryDeviceHistory(Duration.ofMinutes(10));
        shortMemory.recordFailure(DEVICE_1, T0).block();
        shortMemory.recordFailure(DEVICE_1, T1).block();

        shortMemory.recordFailure(DEVICE_1, T3).block();

        assertThat(shortMemory.failuresSince(DEVICE_1, T0).block()).isEqualTo(1);
    }
}
