package org.jamesclientid.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Savepoint;
import java.util.List;

import org.jamesclientid.jdbc.JdbcConnections.SqlFunction;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs blocking JDBC work for the reactive store interfaces, on Reactor's scheduler for blocking calls (SMTP sessions
 * block on the result at the edge, as they do on James' own stores).
 */
public class JdbcExecutor {
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static final int MAX_ATTEMPTS = 5;

    private final JdbcConnections connections;

    public JdbcExecutor(JdbcConnections connections) {
        this.connections = connections;
    }

    /**
     * Empty when {@code function} returns null.
     */
    public <T> Mono<T> execute(SqlFunction<T> function) {
        return Mono.fromCallable(() -> retryingRollbacks(() -> connections.withConnection(function)))
            .subscribeOn(Schedulers.boundedElastic());
    }

    public <T> Mono<T> executeInTransaction(SqlFunction<T> function) {
        return Mono.fromCallable(() -> retryingRollbacks(() -> connections.inTransaction(function)))
            .subscribeOn(Schedulers.boundedElastic());
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    /**
     * A statement the database rolled back to break a deadlock (Derby's row locks, when concurrent sign-ins write the
     * same tables) is run again: the database asks for exactly that, and every write here is whole in its statement or
     * transaction.
     */
    private static <T> T retryingRollbacks(SqlCall<T> call) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (SQLTransactionRollbackException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    public <T> Flux<T> executeList(SqlFunction<List<T>> function) {
        return execute(function).flatMapIterable(list -> list);
    }

    public Mono<Void> update(String sql, Binder binder) {
        return execute(connection -> update(connection, sql, binder)).then();
    }

    /**
     * @return the rows changed
     */
    public static int update(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        }
    }

    /**
     * An {@code INSERT} that does nothing when the key is taken, on both databases: a unique violation is caught (in a
     * transaction, after a savepoint, since PostgreSQL aborts a transaction at its first error).
     *
     * @return whether the row was inserted
     */
    public static boolean insertIfAbsent(Connection connection, String sql, Binder binder) throws SQLException {
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try {
            update(connection, sql, binder);
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
            return true;
        } catch (SQLException e) {
            if (!SqlDialect.isUniqueViolation(e)) {
                throw e;
            }
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
            return false;
        }
    }

    /**
     * Updates the row, or inserts it when there is none; a concurrent insert of the same key makes it update again.
     */
    public static void upsert(Connection connection, String updateSql, Binder updateBinder, String insertSql, Binder insertBinder) throws SQLException {
        while (update(connection, updateSql, updateBinder) == 0) {
            if (insertIfAbsent(connection, insertSql, insertBinder)) {
                return;
            }
        }
    }
}
