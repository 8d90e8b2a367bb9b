package org.jamesclientid.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class DerbyStoreWarmUpTest implements JdbcStoreWarmUpContract {
    @RegisterExtension
    static JdbcDatabaseExtension database = JdbcDatabaseExtension.derby();

    @Override
    public JdbcDatabaseExtension database() {
        return database;
    }
}
