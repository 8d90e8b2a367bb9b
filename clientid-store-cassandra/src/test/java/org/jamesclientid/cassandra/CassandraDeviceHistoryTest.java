package org.jamesclientid.cassandra;

import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceHistoryContract;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class CassandraDeviceHistoryTest implements DeviceHistoryContract {
    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    private CassandraDeviceHistory deviceHistory;

    @BeforeAll
    static void createTables() {
        CassandraDeviceHistoryTables.createMissing(cassandra.getSession());
    }

    @BeforeEach
    void setUp() {
        // A new store per test, with the production defaults: tables are truncated between tests, and a node's
        // coalescing memory must not outlive the data it describes.
        deviceHistory = CassandraDeviceHistoryFixture.create(cassandra.getSession(), CassandraDeviceHistoryConfiguration.DEFAULT);
    }

    @Override
    public DeviceHistory deviceHistory() {
        return deviceHistory;
    }
}
