package org.jamesclientid.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jamesclientid.limit.FailureCounters;
import org.jamesclientid.limit.LimitKey;

import com.google.common.base.Preconditions;

import reactor.core.publisher.Mono;

/**
 * {@link FailureCounters} in a relational database: one row per failure, kept for the retention from the time of the
 * write (by this store's clock, as a Cassandra TTL): counts leave out expired rows, {@link JdbcExpirySweep} deletes
 * them. Each failure is its own committed {@code INSERT} before the count, so concurrent failures see each other.
 */
public class JdbcFailureCounters implements FailureCounters {
    private static final String INSERT = "INSERT INTO " + JdbcTables.FAILURES
        + " (owner, limit_key, failed_at, expires_at) VALUES (?, ?, ?, ?)";
    private static final String COUNT = "SELECT COUNT(*) FROM " + JdbcTables.FAILURES
        + " WHERE owner = ? AND limit_key = ? AND failed_at >= ? AND expires_at > ?";
    private static final String DELETE = "DELETE FROM " + JdbcTables.FAILURES + " WHERE owner = ? AND limit_key = ?";

    private final JdbcExecutor executor;
    private final Clock clock;
    private final Duration retention;

    public JdbcFailureCounters(JdbcExecutor executor, Clock clock, Duration retention) {
        Preconditions.checkArgument(!retention.isNegative() && !retention.isZero(), "'retention' must be positive");
        this.executor = executor;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public Mono<Long> recordAndCountSince(LimitKey key, Instant at, Instant since) {
        return executor.execute(connection -> {
            Instant now = clock.instant();
            JdbcExecutor.update(connection, INSERT, statement -> {
                statement.setString(1, key.owner());
                statement.setString(2, key.asString());
                statement.setLong(3, at.toEpochMilli());
                statement.setLong(4, now.plus(retention).toEpochMilli());
            });
            return count(connection, key, since, now);
        });
    }

    @Override
    public Mono<Long> countSince(LimitKey key, Instant since) {
        return executor.execute(connection -> count(connection, key, since, clock.instant()));
    }

    private static long count(Connection connection, LimitKey key, Instant since, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(COUNT)) {
            statement.setString(1, key.owner());
            statement.setString(2, key.asString());
            statement.setLong(3, since.toEpochMilli());
            statement.setLong(4, now.toEpochMilli());
            try (ResultSet resultSet = statement.executeQuery()) {
                resultSet.next();
                return resultSet.getLong(1);
            }
        }
    }

    @Override
    public Mono<Void> reset(LimitKey key) {
        return executor.update(DELETE, statement -> {
            statement.setString(1, key.owner());
            statement.setString(2, key.asString());
        });
    }
}
