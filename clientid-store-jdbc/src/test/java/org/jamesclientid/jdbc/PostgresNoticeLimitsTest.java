package org.jamesclientid.jdbc;

import java.time.Clock;

import org.jamesclientid.alert.NoticeLimits;
import org.jamesclientid.alert.NoticeLimitsConfiguration;
import org.jamesclientid.alert.NoticeLimitsContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresNoticeLimitsTest implements NoticeLimitsContract, JdbcNoticeLimitsAcrossNodesContract {
    @RegisterExtension
    static JdbcDatabaseExtension database = JdbcDatabaseExtension.postgres();

    private JdbcNoticeLimits store;

    @BeforeEach
    void setUp() {
        store = new JdbcNoticeLimits(database.executor(), CONFIGURATION, Clock.systemUTC());
    }

    @Override
    public JdbcDatabaseExtension database() {
        return database;
    }

    @Override
    public NoticeLimits noticeLimits() {
        return store;
    }

    @Override
    public NoticeLimits noticeLimits(NoticeLimitsConfiguration configuration) {
        return new JdbcNoticeLimits(database.executor(), configuration, Clock.systemUTC());
    }
}
