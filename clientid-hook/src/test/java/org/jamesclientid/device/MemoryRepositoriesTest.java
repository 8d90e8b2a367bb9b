package org.jamesclientid.device;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Nested;

/**
 * The memory repositories against their contracts; time passes by a clock the test moves.
 */
class MemoryRepositoriesTest {
    private static final Instant START = Instant.parse("2024-03-01T10:00:00Z");
    private static final Duration USE_RETENTION = Duration.ofHours(1);

    @Nested
    class Devices implements DeviceRepositoryContract {
        private final SettableClock clock = new SettableClock(START);
        private final DeviceRepository testee = new MemoryDeviceRepository(clock, PendingDeviceLimits.DEFAULT);

        @Override
        public DeviceRepository testee() {
            return testee;
        }

        @Override
        public DeviceRepository testee(PendingDeviceLimits limits) {
            return new MemoryDeviceRepository(clock, limits);
        }

        @Override
        public void letTimePass(Duration duration) {
            clock.advance(duration);
        }
    }

    @Nested
    class Activity implements DeviceActivityRepositoryContract {
        private final SettableClock clock = new SettableClock(START);
        private final DeviceActivityRepository testee = new MemoryDeviceActivityRepository(clock);

        @Override
        public DeviceActivityRepository testee() {
            return testee;
        }

        @Override
        public void letTimePass(Duration duration) {
            clock.advance(duration);
        }
    }

    @Nested
    class Blocks implements BlockRepositoryContract {
        private final SettableClock clock = new SettableClock(START);
        private final BlockRepository testee = new MemoryBlockRepository(clock);

        @Override
        public BlockRepository testee() {
            return testee;
        }

        @Override
        public Instant now() {
            return clock.instant();
        }

        @Override
        public void letTimePass(Duration duration) {
            clock.advance(duration);
        }
    }

    @Nested
    class Policies implements AccountPolicyRepositoryContract {
        private final AccountPolicyRepository testee = new MemoryAccountPolicyRepository();

        @Override
        public AccountPolicyRepository testee() {
            return testee;
        }
    }

    @Nested
    class Uses implements DeviceUseRepositoryContract {
        private final SettableClock clock = new SettableClock(START);
        private final DeviceUseRepository testee = new MemoryDeviceUseRepository(clock, USE_RETENTION);

        @Override
        public DeviceUseRepository testee() {
            return testee;
        }

        @Override
        public DeviceUseRepository testee(Duration retention) {
            return new MemoryDeviceUseRepository(clock, retention);
        }

        @Override
        public void letTimePass(Duration duration) {
            clock.advance(duration);
        }
    }
}
