package org.jamesclientid.cassandra;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Cassandra repositories against their contracts, on the build's own Cassandra; time passes for real (TTLs).
 */
class CassandraRepositoriesTest {
    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    @BeforeAll
    static void createTables() {
        CassandraDeviceHistoryTables.createMissing(cassandra.getSession());
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class Devices implements DeviceRepositoryContract {
        @Override
        public DeviceRepository testee() {
            return testee(PendingDeviceLimits.DEFAULT);
        }

        @Override
        public DeviceRepository testee(PendingDeviceLimits limits) {
            return new CassandraDeviceRepository(cassandra.getSession(), limits);
        }

        @Override
        public void letTimePass(Duration duration) {
            sleep(duration);
        }
    }

    @Nested
    class Activity implements DeviceActivityRepositoryContract {
        @Override
        public DeviceActivityRepository testee() {
            return new CassandraDeviceActivityRepository(cassandra.getSession());
        }

        @Override
        public void letTimePass(Duration duration) {
            sleep(duration);
        }
    }

    @Nested
    class Blocks implements BlockRepositoryContract {
        @Override
        public BlockRepository testee() {
            return new CassandraBlockRepository(cassandra.getSession());
        }

        @Override
        public Instant now() {
            // Cassandra keeps milliseconds.
            return Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }

        @Override
        public void letTimePass(Duration duration) {
            sleep(duration);
        }
    }

    @Nested
    class Policies implements AccountPolicyRepositoryContract {
        @Override
        public AccountPolicyRepository testee() {
            return new CassandraAccountPolicyRepository(cassandra.getSession());
        }
    }

    @Nested
    class Uses implements DeviceUseRepositoryContract {
        @Override
        public DeviceUseRepository testee() {
            return testee(Duration.ofHours(1));
        }

        @Override
        public DeviceUseRepository testee(Duration retention) {
            return new CassandraDeviceUseRepository(new CassandraDeviceUseDAO(cassandra.getSession()),
                CassandraDeviceHistoryConfiguration.of(retention));
        }

        @Override
        public void letTimePass(Duration duration) {
            sleep(duration);
        }
    }
}
