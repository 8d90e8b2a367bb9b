package org.jamesclientid.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.james.core.Username;
import org.jamesclientid.device.AccountUse;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceUseRepository;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link DeviceUseRepository} in a relational database: one row per device and account, its last time kept by an
 * {@code UPDATE} that keeps the later of the stored and the new time. A use expires the retention after its last write
 * ({@code expires_at}): reads leave it out, {@link JdbcExpirySweep} deletes it.
 */
public class JdbcDeviceUseRepository implements DeviceUseRepository {
    private static final String TABLE = JdbcTables.DEVICE_USES;
    // An expired use not swept yet counts as absent: its time is replaced, not compared.
    private static final String MERGE = "UPDATE " + TABLE
        + " SET last_seen = CASE WHEN expires_at > ? AND last_seen > ? THEN last_seen ELSE CAST(? AS BIGINT) END, expires_at = ?"
        + " WHERE device_id = ? AND username = ?";
    private static final String INSERT = "INSERT INTO " + TABLE + " (device_id, username, last_seen, expires_at) VALUES (?, ?, ?, ?)";
    private static final String OF_DEVICE = "SELECT device_id, username, last_seen FROM " + TABLE + " WHERE device_id = ? AND expires_at > ?";
    private static final String OF_ACCOUNT = "SELECT device_id, username, last_seen FROM " + TABLE + " WHERE username = ? AND expires_at > ?";
    private static final String DELETE_ACCOUNT = "DELETE FROM " + TABLE + " WHERE username = ?";
    private static final String DELETE_DEVICE = "DELETE FROM " + TABLE + " WHERE device_id = ?";

    private final JdbcExecutor executor;
    private final Clock clock;
    private final Duration retention;

    public JdbcDeviceUseRepository(JdbcExecutor executor, Clock clock, Duration retention) {
        Preconditions.checkArgument(!retention.isNegative() && !retention.isZero(), "retention must be positive");
        this.executor = executor;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public Mono<Void> recordUse(DeviceId deviceId, Username username, Instant at) {
        return executor.execute(connection -> {
            merge(connection, AccountUse.of(username, deviceId, at));
            return true;
        }).then();
    }

    private void merge(Connection connection, AccountUse use) throws SQLException {
        Instant now = clock.instant();
        long expiresAt = now.plus(retention).toEpochMilli();
        long lastSeen = use.getLastSeen().toEpochMilli();
        JdbcExecutor.upsert(connection, MERGE, statement -> {
            statement.setLong(1, now.toEpochMilli());
            statement.setLong(2, lastSeen);
            statement.setLong(3, lastSeen);
            statement.setLong(4, expiresAt);
            statement.setString(5, use.getDeviceId().asString());
            statement.setString(6, use.getUsername().asString());
        }, INSERT, statement -> {
            statement.setString(1, use.getDeviceId().asString());
            statement.setString(2, use.getUsername().asString());
            statement.setLong(3, lastSeen);
            statement.setLong(4, expiresAt);
        });
    }

    @Override
    public Flux<AccountUse> accounts(DeviceId deviceId) {
        return executor.executeList(connection -> select(connection, OF_DEVICE, deviceId.asString()));
    }

    @Override
    public Mono<Void> deleteAll(Username username) {
        return executor.update(DELETE_ACCOUNT, statement -> statement.setString(1, username.asString()));
    }

    @Override
    public Mono<Void> rename(Username from, Username to) {
        if (from.equals(to)) {
            return Mono.empty();
        }
        return executor.executeInTransaction(connection -> {
            List<AccountUse> moved = select(connection, OF_ACCOUNT, from.asString());
            for (AccountUse use : moved) {
                merge(connection, AccountUse.of(to, use.getDeviceId(), use.getLastSeen()));
            }
            return JdbcExecutor.update(connection, DELETE_ACCOUNT, statement -> statement.setString(1, from.asString()));
        }).then();
    }

    @Override
    public Mono<Void> rekey(DeviceId from, DeviceId to) {
        if (from.equals(to)) {
            return Mono.empty();
        }
        return executor.executeInTransaction(connection -> {
            List<AccountUse> moved = select(connection, OF_DEVICE, from.asString());
            for (AccountUse use : moved) {
                merge(connection, AccountUse.of(use.getUsername(), to, use.getLastSeen()));
            }
            return JdbcExecutor.update(connection, DELETE_DEVICE, statement -> statement.setString(1, from.asString()));
        }).then();
    }

    private List<AccountUse> select(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            statement.setLong(2, clock.instant().toEpochMilli());
            try (ResultSet resultSet = statement.executeQuery()) {
                ImmutableList.Builder<AccountUse> uses = ImmutableList.builder();
                while (resultSet.next()) {
                    uses.add(AccountUse.of(Username.of(resultSet.getString("username")), DeviceId.of(resultSet.getString("device_id")),
                        Instant.ofEpochMilli(resultSet.getLong("last_seen"))));
                }
                return uses.build();
            }
        }
    }
}
