package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.jamesclientid.limit.Throttle;
import org.jamesclientid.limit.Throttles;
import org.jamesclientid.limit.ThrottlesContract;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CassandraThrottlesTest implements ThrottlesContract {
    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    private CassandraThrottles throttles;

    @BeforeAll
    static void createTables() {
        CassandraDeviceHistoryTables.createMissing(cassandra.getSession());
    }

    @BeforeEach
    void setUp() {
        throttles = new CassandraThrottles(new CassandraThrottleDAO(cassandra.getSession()), CassandraDeviceHistoryConfiguration.DEFAULT_RETENTION);
    }

    @Override
    public Throttles throttles() {
        return throttles;
    }

    @Test
    void saveShouldKeepTheRowForTheThrottlesLengthPlusTheRetention() {
        throttles.save(Throttle.of(ALICE_ACCOUNT, T0, T1)).block();

        int ttl = cassandra.getSession().execute("SELECT TTL(until) FROM clientid_throttles").one().getInt(0);

        long expected = Duration.ofMinutes(15).plus(CassandraDeviceHistoryConfiguration.DEFAULT_RETENTION).getSeconds();
        assertThat(ttl).isBetween((int) expected - 60, (int) expected);
    }
}
