package org.jamesclientid.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;

public final class CassandraDeviceHistoryFixture {
    public static CassandraDeviceHistory create(CqlSession session, CassandraDeviceHistoryConfiguration configuration) {
        return new CassandraDeviceHistory(new CassandraDeviceDAO(session), new CassandraDeviceUseDAO(session),
            new CassandraDeviceFailureDAO(session), new CassandraDeviceBlockDAO(session), new CassandraAccountPolicyDAO(session),
            configuration);
    }

    private CassandraDeviceHistoryFixture() {
    }
}
