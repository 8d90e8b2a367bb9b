package org.jamesclientid.jdbc;

import java.time.Clock;

import org.jamesclientid.reply.ReplyCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresReplyCodesTest implements JdbcReplyCodesContract {
    @RegisterExtension
    static JdbcDatabaseExtension database = JdbcDatabaseExtension.postgres();

    private JdbcReplyCodes store;

    @BeforeEach
    void setUp() {
        store = new JdbcReplyCodes(database.executor(), Clock.systemUTC());
    }

    @Override
    public JdbcDatabaseExtension database() {
        return database;
    }

    @Override
    public ReplyCodes replyCodes() {
        return store;
    }
}
