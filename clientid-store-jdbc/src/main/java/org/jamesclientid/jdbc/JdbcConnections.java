package org.jamesclientid.jdbc;

import java.io.Closeable;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.google.common.base.Preconditions;

/**
 * A small pool of connections to the database of {@link JdbcConnectionSettings}. James' JPA server ships no pool the
 * extension could use on its own (OpenJPA's is inside its persistence unit), and a connection per call is cheap on
 * embedded Derby but costs a PostgreSQL backend process each: so at most {@code size} connections, opened when needed
 * and kept while they work. A connection whose statement failed is checked before it goes back, and closed if it is
 * broken.
 */
public class JdbcConnections implements Closeable {
    @FunctionalInterface
    public interface SqlFunction<T> {
        T apply(Connection connection) throws SQLException;
    }

    private static final int VALIDATION_TIMEOUT_SECONDS = 2;
    private static final long BORROW_TIMEOUT_SECONDS = 10;

    private final JdbcConnectionSettings settings;
    private final Driver driver;
    private final Semaphore permits;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    public JdbcConnections(JdbcConnectionSettings settings, int size) {
        Preconditions.checkArgument(size > 0, "'size' must be positive");
        this.settings = settings;
        this.driver = loadDriver(settings.getDriverClassName());
        this.permits = new Semaphore(size, true);
    }

    private static Driver loadDriver(String className) {
        try {
            // Our own class loader sees James' lib/ (where the JPA server has Derby); no DriverManager lookup by caller.
            return (Driver) Class.forName(className, true, JdbcConnections.class.getClassLoader()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("CLIENTID: cannot load the JDBC driver " + className
                + ": add its jar to James' lib/ folder (docs/jdbc.md)", e);
        }
    }

    public SqlDialect dialect() {
        return settings.getDialect();
    }

    /**
     * Runs {@code function} with a connection in auto-commit mode; gives the connection back in that mode.
     */
    public <T> T withConnection(SqlFunction<T> function) throws SQLException {
        Connection connection = borrow();
        boolean healthy = true;
        try {
            return function.apply(connection);
        } catch (SQLException | RuntimeException e) {
            healthy = isValid(connection);
            throw e;
        } finally {
            giveBack(connection, healthy);
        }
    }

    /**
     * Runs {@code function} in one transaction, committed when it returns, rolled back when it throws.
     */
    public <T> T inTransaction(SqlFunction<T> function) throws SQLException {
        return withConnection(connection -> {
            connection.setAutoCommit(false);
            try {
                T result = function.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    private Connection borrow() throws SQLException {
        Preconditions.checkState(!closed, "CLIENTID: the JDBC store is closed");
        try {
            if (!permits.tryAcquire(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new SQLTransientConnectionException("CLIENTID: no database connection free within " + BORROW_TIMEOUT_SECONDS + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("CLIENTID: interrupted while waiting for a database connection", e);
        }
        try {
            Connection connection = idle.pollFirst();
            return connection != null ? connection : open();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        settings.getUsername().ifPresent(username -> properties.setProperty("user", username));
        settings.getPassword().ifPresent(password -> properties.setProperty("password", password));
        Connection connection = driver.connect(settings.getUrl(), properties);
        if (connection == null) {
            throw new SQLException("CLIENTID: the driver " + settings.getDriverClassName() + " does not accept the URL " + settings.getUrl());
        }
        connection.setAutoCommit(true);
        return connection;
    }

    private void giveBack(Connection connection, boolean healthy) {
        try {
            if (healthy && !closed) {
                idle.addFirst(connection);
            } else {
                closeQuietly(connection);
            }
        } finally {
            permits.release();
        }
        if (closed) {
            drain();
        }
    }

    private static boolean isValid(Connection connection) {
        try {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Already broken: nothing to give back.
        }
    }

    private void drain() {
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            closeQuietly(connection);
        }
    }

    /**
     * Closes the idle connections, and the others as they come back.
     */
    @Override
    public void close() {
        closed = true;
        drain();
    }
}
