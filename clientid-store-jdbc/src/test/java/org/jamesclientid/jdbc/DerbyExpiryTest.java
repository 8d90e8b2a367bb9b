package org.jamesclientid.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class DerbyExpiryTest implements JdbcExpiryContract {
    @RegisterExtension
    static JdbcDatabaseExtension database = JdbcDatabaseExtension.derby();

    @Override
    public JdbcDatabaseExtension database() {
        return database;
    }
}
