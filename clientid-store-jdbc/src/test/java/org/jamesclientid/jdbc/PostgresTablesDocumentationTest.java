package org.jamesclientid.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTablesDocumentationTest implements JdbcTablesDocumentationContract {
    @RegisterExtension
    static JdbcDatabaseExtension database = JdbcDatabaseExtension.postgres();

    @Override
    public JdbcDatabaseExtension database() {
        return database;
    }
}
