package org.jamesclientid.jdbc;

import java.time.Clock;
import java.time.Duration;

import org.jamesclientid.limit.FailureCounters;
import org.jamesclientid.limit.FailureCountersContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class DerbyFailureCountersTest implements FailureCountersContract {
    @RegisterExtension
    static JdbcDatabaseExtension database = JdbcDatabaseExtension.derby();

    private JdbcFailureCounters store;

    @BeforeEach
    void setUp() {
        store = new JdbcFailureCounters(database.executor(), Clock.systemUTC(), Duration.ofDays(1));
    }

    @Override
    public FailureCounters failureCounters() {
        return store;
    }
}
