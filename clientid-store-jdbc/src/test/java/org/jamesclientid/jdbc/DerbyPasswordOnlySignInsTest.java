package org.jamesclientid.jdbc;

import java.time.Clock;
import java.time.ZoneOffset;

import org.jamesclientid.activity.PasswordOnlySignIns;
import org.jamesclientid.activity.PasswordOnlySignInsContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class DerbyPasswordOnlySignInsTest implements PasswordOnlySignInsContract {
    @RegisterExtension
    static JdbcDatabaseExtension database = JdbcDatabaseExtension.derby();

    private JdbcPasswordOnlySignIns store;

    @BeforeEach
    void setUp() {
        // Days are kept from the wall clock of the write: the contract's days are recent for this clock.
        store = new JdbcPasswordOnlySignIns(database.executor(), Clock.fixed(DAY_3_NOON, ZoneOffset.UTC));
    }

    @Override
    public PasswordOnlySignIns passwordOnlySignIns() {
        return store;
    }
}
