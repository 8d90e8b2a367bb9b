package org.jamesclientid.jdbc;

import java.time.Duration;
import java.time.Instant;

import org.jamesclientid.device.AccountPolicyRepository;
import org.jamesclientid.device.AccountPolicyRepositoryContract;
import org.jamesclientid.device.BlockRepository;
import org.jamesclientid.device.BlockRepositoryContract;
import org.jamesclientid.device.DeviceActivityRepository;
import org.jamesclientid.device.DeviceActivityRepositoryContract;
import org.jamesclientid.device.DeviceRepository;
import org.jamesclientid.device.DeviceRepositoryContract;
import org.jamesclientid.device.DeviceUseRepository;
import org.jamesclientid.device.DeviceUseRepositoryContract;
import org.jamesclientid.device.PendingDeviceLimits;
import org.jamesclientid.device.SettableClock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The device repositories on Derby, against the contracts the memory and Cassandra ones pass; time passes by a clock
 * the test moves (the stores' expiry is by their clock).
 */
class DerbyRepositoriesTest {
    private static final Instant START = Instant.parse("2024-03-01T10:00:00Z");
    private static final Duration USE_RETENTION = Duration.ofHours(1);

    @RegisterExtension
    static JdbcDatabaseExtension database = JdbcDatabaseExtension.derby();

    @Nested
    class Devices implements DeviceRepositoryContract {
        private final SettableClock clock = new SettableClock(START);

        @Override
        public DeviceRepository testee() {
            return testee(PendingDeviceLimits.DEFAULT);
        }

        @Override
        public DeviceRepository testee(PendingDeviceLimits limits) {
            return new JdbcDeviceRepository(database.executor(), clock, limits);
        }

        @Override
        public void letTimePass(Duration duration) {
            clock.advance(duration);
        }
    }

    @Nested
    class Activity implements DeviceActivityRepositoryContract {
        private final SettableClock clock = new SettableClock(START);

        @Override
        public DeviceActivityRepository testee() {
            return new JdbcDeviceActivityRepository(database.executor(), clock);
        }

        @Override
        public void letTimePass(Duration duration) {
            clock.advance(duration);
        }
    }

    @Nested
    class Blocks implements BlockRepositoryContract {
        private final SettableClock clock = new SettableClock(START);

        @Override
        public BlockRepository testee() {
            return new JdbcBlockRepository(database.executor(), clock);
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
        @Override
        public AccountPolicyRepository testee() {
            return new JdbcAccountPolicyRepository(database.executor());
        }
    }

    @Nested
    class Uses implements DeviceUseRepositoryContract {
        private final SettableClock clock = new SettableClock(START);

        @Override
        public DeviceUseRepository testee() {
            return testee(USE_RETENTION);
        }

        @Override
        public DeviceUseRepository testee(Duration retention) {
            return new JdbcDeviceUseRepository(database.executor(), clock, retention);
        }

        @Override
        public void letTimePass(Duration duration) {
            clock.advance(duration);
        }
    }
}
