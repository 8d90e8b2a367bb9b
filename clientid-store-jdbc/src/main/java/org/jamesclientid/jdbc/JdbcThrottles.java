package org.jamesclientid.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.james.core.Username;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.limit.Throttle;
import org.jamesclientid.limit.Throttles;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link Throttles} in a relational database: one row per key. As on Cassandra, a row is kept for the throttle's length
 * plus the retention from the time of the write (it outlives its end by the retention, visible to administrators as
 * ended), by this store's clock: no clock gives meaning to the throttle's own times. Reads leave out expired rows;
 * {@link JdbcExpirySweep} deletes them.
 */
public class JdbcThrottles implements Throttles {
    private static final String COLUMNS = "owner, limit_key, since, until";
    private static final String UPDATE = "UPDATE " + JdbcTables.THROTTLES
        + " SET since = ?, until = ?, expires_at = ? WHERE owner = ? AND limit_key = ?";
    private static final String INSERT = "INSERT INTO " + JdbcTables.THROTTLES
        + " (since, until, expires_at, owner, limit_key) VALUES (?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM " + JdbcTables.THROTTLES
        + " WHERE owner = ? AND limit_key = ? AND expires_at > ?";
    private static final String OF_OWNER = "SELECT " + COLUMNS + " FROM " + JdbcTables.THROTTLES
        + " WHERE owner = ? AND expires_at > ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM " + JdbcTables.THROTTLES + " WHERE expires_at > ?";
    private static final String DELETE = "DELETE FROM " + JdbcTables.THROTTLES + " WHERE owner = ? AND limit_key = ?";

    private final JdbcExecutor executor;
    private final Clock clock;
    private final Duration retention;

    public JdbcThrottles(JdbcExecutor executor, Clock clock, Duration retention) {
        Preconditions.checkArgument(!retention.isNegative(), "'retention' must not be negative");
        this.executor = executor;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public Mono<Void> save(Throttle throttle) {
        JdbcExecutor.Binder binder = statement -> {
            Instant expiresAt = clock.instant().plus(Duration.between(throttle.getSince(), throttle.getUntil())).plus(retention);
            statement.setLong(1, throttle.getSince().toEpochMilli());
            statement.setLong(2, throttle.getUntil().toEpochMilli());
            statement.setLong(3, expiresAt.toEpochMilli());
            statement.setString(4, throttle.getKey().owner());
            statement.setString(5, throttle.getKey().asString());
        };
        return executor.execute(connection -> {
            JdbcExecutor.upsert(connection, UPDATE, binder, INSERT, binder);
            return true;
        }).then();
    }

    @Override
    public Mono<Throttle> find(LimitKey key) {
        return executor.executeList(connection -> select(connection.prepareStatement(FIND), statement -> {
            statement.setString(1, key.owner());
            statement.setString(2, key.asString());
            statement.setLong(3, clock.instant().toEpochMilli());
        })).next();
    }

    @Override
    public Flux<Throttle> ofAccount(Username username) {
        return executor.executeList(connection -> select(connection.prepareStatement(OF_OWNER), statement -> {
            statement.setString(1, LimitKey.accountOwner(username));
            statement.setLong(2, clock.instant().toEpochMilli());
        }));
    }

    /**
     * Read whole: the rows are bounded by the failure rate times the throttles' length plus the retention.
     */
    @Override
    public Flux<Throttle> list() {
        return executor.executeList(connection -> select(connection.prepareStatement(LIST),
            statement -> statement.setLong(1, clock.instant().toEpochMilli())));
    }

    private static ImmutableList<Throttle> select(PreparedStatement prepared, JdbcExecutor.Binder binder) throws SQLException {
        try (PreparedStatement statement = prepared) {
            binder.bind(statement);
            try (ResultSet resultSet = statement.executeQuery()) {
                ImmutableList.Builder<Throttle> throttles = ImmutableList.builder();
                while (resultSet.next()) {
                    throttles.add(Throttle.of(LimitKey.parse(resultSet.getString("owner"), resultSet.getString("limit_key")),
                        Instant.ofEpochMilli(resultSet.getLong("since")), Instant.ofEpochMilli(resultSet.getLong("until"))));
                }
                return throttles.build();
            }
        }
    }

    @Override
    public Mono<Void> lift(LimitKey key) {
        return executor.update(DELETE, statement -> {
            statement.setString(1, key.owner());
            statement.setString(2, key.asString());
        });
    }
}
