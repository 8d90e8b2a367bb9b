package org.jamesclientid.cassandra;

import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.PendingDeviceLimits;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * The device history on Cassandra, as {@link ClientIdCassandraModule} builds it.
 */
public final class CassandraDeviceHistoryFixture {
    public static DeviceHistory create(CqlSession session, CassandraDeviceHistoryConfiguration configuration) {
        return create(session, configuration, PendingDeviceLimits.DEFAULT);
    }

    public static DeviceHistory create(CqlSession session, CassandraDeviceHistoryConfiguration configuration, PendingDeviceLimits limits) {
        return new DeviceHistory(new CassandraDeviceRepository(session, limits), new CassandraDeviceActivityRepository(session),
            new CassandraBlockRepository(session), new CassandraAccountPolicyRepository(session),
            new CassandraDeviceUseRepository(new CassandraDeviceUseDAO(session), configuration));
    }

    private CassandraDeviceHistoryFixture() {
    }
}
