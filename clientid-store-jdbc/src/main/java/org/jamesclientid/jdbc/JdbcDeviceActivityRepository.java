package org.jamesclientid.jdbc;

import static org.jamesclientid.jdbc.JdbcDeviceRepository.setInstant;
import static org.jamesclientid.jdbc.JdbcDeviceRepository.setString;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceActivity;
import org.jamesclientid.device.DeviceActivityRepository;
import org.jamesclientid.device.DeviceId;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link DeviceActivityRepository} in a relational database: a table of its own, apart from the devices' (what
 * administrators own), written only by sign-ins, by a blind upsert of the values they computed. An activity written
 * with a retention expires that long after the write ({@code expires_at}), otherwise it is kept until deleted.
 */
public class JdbcDeviceActivityRepository implements DeviceActivityRepository {
    private static final String TABLE = JdbcTables.DEVICE_ACTIVITY;
    private static final String LIVE = " AND (expires_at IS NULL OR expires_at > ?)";
    private static final String COLUMNS = "device_id, last_seen, last_ip, successes, failures, expires_at";
    private static final String FIND = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE username = ? AND device_id = ?" + LIVE;
    private static final String LIST = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE username = ?" + LIVE;
    private static final String UPDATE = "UPDATE " + TABLE + " SET last_seen = ?, last_ip = ?, successes = ?, failures = ?, expires_at = ?"
        + " WHERE username = ? AND device_id = ?";
    private static final String INSERT = "INSERT INTO " + TABLE
        + " (last_seen, last_ip, successes, failures, expires_at, username, device_id) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM " + TABLE + " WHERE username = ? AND device_id = ?";
    private static final String DELETE_EXPIRED = DELETE + " AND expires_at <= ?";
    private static final String DELETE_ALL = "DELETE FROM " + TABLE + " WHERE username = ?";

    private static final class Stored {
        private final DeviceActivity activity;
        private final Optional<Instant> expiresAt;

        private Stored(DeviceActivity activity, Optional<Instant> expiresAt) {
            this.activity = activity;
            this.expiresAt = expiresAt;
        }
    }

    private final JdbcExecutor executor;
    private final Clock clock;

    public JdbcDeviceActivityRepository(JdbcExecutor executor, Clock clock) {
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public Mono<DeviceActivity> activity(Username username, DeviceId deviceId) {
        return executor.executeList(connection -> select(connection, FIND, statement -> {
            statement.setString(1, username.asString());
            statement.setString(2, deviceId.asString());
            statement.setLong(3, now());
        })).next().map(stored -> stored.activity);
    }

    @Override
    public Flux<DeviceActivity> activities(Username username) {
        return executor.executeList(connection -> select(connection, LIST, statement -> {
            statement.setString(1, username.asString());
            statement.setLong(2, now());
        })).map(stored -> stored.activity);
    }

    @Override
    public Mono<Void> record(Username username, DeviceActivity activity, Optional<Duration> retention) {
        return executor.execute(connection -> {
            upsert(connection, username, activity, retention.map(clock.instant()::plus));
            return true;
        }).then();
    }

    private static void upsert(Connection connection, Username username, DeviceActivity activity, Optional<Instant> expiresAt) throws SQLException {
        JdbcExecutor.Binder binder = statement -> {
            statement.setLong(1, activity.getLastSeen().toEpochMilli());
            setString(statement, 2, activity.getLastIp());
            statement.setLong(3, activity.getSuccesses());
            statement.setLong(4, activity.getFailures());
            setInstant(statement, 5, expiresAt);
            statement.setString(6, username.asString());
            statement.setString(7, activity.getDeviceId().asString());
        };
        JdbcExecutor.upsert(connection, UPDATE, binder, INSERT, binder);
    }

    @Override
    public Mono<Void> delete(Username username, DeviceId deviceId) {
        return executor.update(DELETE, statement -> {
            statement.setString(1, username.asString());
            statement.setString(2, deviceId.asString());
        });
    }

    @Override
    public Mono<Void> deleteAll(Username username) {
        return executor.update(DELETE_ALL, statement -> statement.setString(1, username.asString()));
    }

    @Override
    public Mono<Void> rename(Username from, Username to) {
        if (from.equals(to)) {
            return Mono.empty();
        }
        return executor.executeInTransaction(connection -> {
            List<Stored> moved = select(connection, LIST, statement -> {
                statement.setString(1, from.asString());
                statement.setLong(2, now());
            });
            for (Stored stored : moved) {
                upsert(connection, to, stored.activity, stored.expiresAt);
            }
            return JdbcExecutor.update(connection, DELETE_ALL, statement -> statement.setString(1, from.asString()));
        }).then();
    }

    @Override
    public Mono<Void> rekey(Username username, DeviceId from, DeviceId to) {
        return executor.executeInTransaction(connection -> {
            List<Stored> moved = select(connection, FIND, statement -> {
                statement.setString(1, username.asString());
                statement.setString(2, from.asString());
                statement.setLong(3, now());
            });
            for (Stored stored : moved) {
                JdbcExecutor.update(connection, DELETE_EXPIRED, statement -> {
                    statement.setString(1, username.asString());
                    statement.setString(2, to.asString());
                    statement.setLong(3, now());
                });
                DeviceActivity rekeyed = stored.activity.withDeviceId(to);
                JdbcExecutor.insertIfAbsent(connection, INSERT, statement -> {
                    statement.setLong(1, rekeyed.getLastSeen().toEpochMilli());
                    setString(statement, 2, rekeyed.getLastIp());
                    statement.setLong(3, rekeyed.getSuccesses());
                    statement.setLong(4, rekeyed.getFailures());
                    setInstant(statement, 5, stored.expiresAt);
                    statement.setString(6, username.asString());
                    statement.setString(7, to.asString());
                });
                JdbcExecutor.update(connection, DELETE, statement -> {
                    statement.setString(1, username.asString());
                    statement.setString(2, from.asString());
                });
            }
            return moved.size();
        }).then();
    }

    private long now() {
        return clock.instant().toEpochMilli();
    }

    private static List<Stored> select(Connection connection, String sql, JdbcExecutor.Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet resultSet = statement.executeQuery()) {
                ImmutableList.Builder<Stored> activities = ImmutableList.builder();
                while (resultSet.next()) {
                    activities.add(new Stored(DeviceActivity.of(DeviceId.of(resultSet.getString("device_id")),
                        Instant.ofEpochMilli(resultSet.getLong("last_seen")), Optional.ofNullable(resultSet.getString("last_ip")),
                        resultSet.getLong("successes"), resultSet.getLong("failures")),
                        JdbcDeviceRepository.instant(resultSet, "expires_at")));
                }
                return activities.build();
            }
        }
    }
}
