package org.jamesclientid.jdbc;

import java.time.Clock;
import java.time.Duration;

import org.jamesclientid.limit.Throttles;
import org.jamesclientid.limit.ThrottlesContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class DerbyThrottlesTest implements ThrottlesContract {
    @RegisterExtension
    static JdbcDatabaseExtension database = JdbcDatabaseExtension.derby();

    private JdbcThrottles store;

    @BeforeEach
    void setUp() {
        store = new JdbcThrottles(database.executor(), Clock.systemUTC(), Duration.ofDays(1));
    }

    @Override
    public Throttles throttles() {
        return store;
    }
}
