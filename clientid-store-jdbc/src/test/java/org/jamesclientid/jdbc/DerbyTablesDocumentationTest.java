package org.jamesclientid.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class DerbyTablesDocumentationTest implements JdbcTablesDocumentationContract {
    @RegisterExtension
    static JdbcDatabaseExtension database = JdbcDatabaseExtension.derby();

    @Override
    public JdbcDatabaseExtension database() {
        return database;
    }
}
