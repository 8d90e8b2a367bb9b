package org.jamesclientid.jdbc;

import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;


/**
 * A real database for a test class, its CLIENTID tables created by {@link JdbcTables#createMissing} and emptied before
 * each test: embedded Derby in memory (in-process, as James' JPA server runs it), or the PostgreSQL of
 * {@link PostgresServer}, shared by the test classes of the JVM.
 */
public final class JdbcDatabaseExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    public static JdbcDatabaseExtension derby() {
        return new JdbcDatabaseExtension(SqlDialect.DERBY);
    }

    public static JdbcDatabaseExtension postgres() {
        return new JdbcDatabaseExtension(SqlDialect.POSTGRESQL);
    }

    private final SqlDialect dialect;
    private JdbcConnectionSettings settings;
    private JdbcConnections connections;

    private JdbcDatabaseExtension(SqlDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        settings = settings(context);
        connections = new JdbcConnections(settings, 8);
        JdbcTables.createMissing(connections);
    }

    private JdbcConnectionSettings settings(ExtensionContext context) {
        if (dialect == SqlDialect.DERBY) {
            return JdbcConnectionSettings.of("org.apache.derby.jdbc.EmbeddedDriver",
                "jdbc:derby:memory:clientid-" + UUID.randomUUID() + ";create=true", Optional.of("app"), Optional.of("app"));
        }
        PostgresServer server = PostgresServer.shared(context);
        return JdbcConnectionSettings.of("org.postgresql.Driver", server.url(), Optional.of(PostgresServer.USER), Optional.empty());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        connections.withConnection(connection -> {
            for (String table : JdbcTables.ALL) {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("DELETE FROM " + table);
                }
            }
            return null;
        });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        connections.close();
    }

    /**
     * Connections to another database of the same kind, without any table, closed by the caller.
     */
    public JdbcConnections emptyDatabase() throws Exception {
        String name = "clientid_" + UUID.randomUUID().toString().replace("-", "");
        if (dialect == SqlDialect.DERBY) {
            return new JdbcConnections(JdbcConnectionSettings.of(settings.getDriverClassName(), "jdbc:derby:memory:" + name + ";create=true",
                settings.getUsername(), settings.getPassword()), 1);
        }
        connections.withConnection(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("CREATE DATABASE " + name);
            }
        });
        String url = settings.getUrl().substring(0, settings.getUrl().lastIndexOf('/') + 1) + name;
        return new JdbcConnections(JdbcConnectionSettings.of(settings.getDriverClassName(), url, settings.getUsername(), settings.getPassword()), 1);
    }

    public JdbcConnections connections() {
        return connections;
    }

    public JdbcExecutor executor() {
        return new JdbcExecutor(connections);
    }

    public JdbcConnectionSettings settings() {
        return settings;
    }

    public SqlDialect dialect() {
        return dialect;
    }
}
