package org.jamesclientid.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresStoreWarmUpTest implements JdbcStoreWarmUpContract {
    @RegisterExtension
    static JdbcDatabaseExtension database = JdbcDatabaseExtension.postgres();

    @Override
    public JdbcDatabaseExtension database() {
        return database;
    }
}
