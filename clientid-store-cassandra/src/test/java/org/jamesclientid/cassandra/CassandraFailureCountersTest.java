package org.jamesclientid.cassandra;

import org.jamesclientid.limit.FailureCounters;
import org.jamesclientid.limit.FailureCountersContract;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class CassandraFailureCountersTest implements FailureCountersContract {
    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    private CassandraFailureCounters failureCounters;

    @BeforeAll
    static void createTables() {
        CassandraDeviceHistoryTables.createMissing(cassandra.getSession());
    }

    @BeforeEach
    void setUp() {
        failureCounters = new CassandraFailureCounters(new CassandraFailureDAO(cassandra.getSession()),
            CassandraDeviceHistoryConfiguration.DEFAULT_RETENTION);
    }

    @Override
    public FailureCounters failureCounters() {
        return failureCounters;
    }
}
