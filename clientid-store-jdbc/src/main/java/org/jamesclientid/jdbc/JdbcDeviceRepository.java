package org.jamesclientid.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceRepository;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.device.PendingDeviceLimits;
import org.jamesclientid.device.StatusChange;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link DeviceRepository} in a relational database: one row per account and device, holding only what administrators
 * own. Every write changes the columns it is about and nothing else, in one statement or one transaction:
 * <ul>
 *     <li>a status change is an {@code UPDATE} of the status columns alone, conditional on the status read for a
 *     sign-in's transition ({@code changeStatusIf}): a revocation an administrator made since the read is never
 *     undone;</li>
 *     <li>trust-first's first device takes the account's row of {@code clientid_first_devices} by its primary key:
 *     when several first sign-ins race, one {@code INSERT} wins, the others fail on the key and record nothing;</li>
 *     <li>a pending device expires {@link PendingDeviceLimits#getLifetime()} after it was written ({@code expires_at},
 *     left out by reads, deleted by {@link JdbcExpirySweep}); an account keeps at most
 *     {@link PendingDeviceLimits#getPerAccount()} pending devices, the oldest deleted first.</li>
 * </ul>
 */
public class JdbcDeviceRepository implements DeviceRepository {
    private static final String TABLE = JdbcTables.DEVICES;
    private static final String LIVE = " AND (expires_at IS NULL OR expires_at > ?)";
    private static final String COLUMNS = "username, device_id, type, hint, label, status, revoked_until, status_by, status_at, first_seen, expires_at";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM " + TABLE;
    private static final String FIND = SELECT + " WHERE username = ? AND device_id = ?" + LIVE;
    private static final String LIST = SELECT + " WHERE username = ?" + LIVE;
    private static final String COUNT = "SELECT COUNT(*) FROM " + TABLE + " WHERE username = ?" + LIVE;
    private static final String INSERT = "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String DELETE_EXPIRED = "DELETE FROM " + TABLE + " WHERE username = ? AND device_id = ? AND expires_at <= ?";
    private static final String CHANGE_STATUS = "UPDATE " + TABLE
        + " SET status = ?, revoked_until = ?, status_by = ?, status_at = ?, expires_at = ? WHERE username = ? AND device_id = ?" + LIVE;
    private static final String SET_LABEL = "UPDATE " + TABLE + " SET label = ? WHERE username = ? AND device_id = ?" + LIVE;
    private static final String DELETE = "DELETE FROM " + TABLE + " WHERE username = ? AND device_id = ?";
    private static final String DELETE_ALL = "DELETE FROM " + TABLE + " WHERE username = ?";
    private static final String PENDING_NEWEST_FIRST = "SELECT device_id FROM " + TABLE + " WHERE username = ? AND status = ?" + LIVE
        + " ORDER BY first_seen DESC";
    private static final String INSERT_FIRST = "INSERT INTO " + JdbcTables.FIRST_DEVICES + " (username, device_id) VALUES (?, ?)";
    // The marker of a first device whose devices are all gone no longer holds: trust-first starts over, as for an
    // account that never had one. Decided in the statement, so that a first device committed meanwhile keeps it.
    private static final String DELETE_STALE_FIRST = "DELETE FROM " + JdbcTables.FIRST_DEVICES + " WHERE username = ? AND NOT EXISTS ("
        + "SELECT 1 FROM " + TABLE + " WHERE username = ? AND (expires_at IS NULL OR expires_at > ?))";
    private static final String DELETE_FIRST = "DELETE FROM " + JdbcTables.FIRST_DEVICES + " WHERE username = ?";

    private final JdbcExecutor executor;
    private final Clock clock;
    private final PendingDeviceLimits limits;

    public JdbcDeviceRepository(JdbcExecutor executor, Clock clock, PendingDeviceLimits limits) {
        this.executor = executor;
        this.clock = clock;
        this.limits = limits;
    }

    @Override
    public Mono<Device> device(Username username, DeviceId deviceId) {
        return executor.executeList(connection -> select(connection, FIND, statement -> {
            statement.setString(1, username.asString());
            statement.setString(2, deviceId.asString());
            statement.setLong(3, now());
        })).next();
    }

    @Override
    public Flux<Device> devices(Username username) {
        return executor.executeList(connection -> select(connection, LIST, statement -> {
            statement.setString(1, username.asString());
            statement.setLong(2, now());
        }));
    }

    @Override
    public Mono<Boolean> hasAnyDevice(Username username) {
        return executor.execute(connection -> count(connection, username) > 0);
    }

    @Override
    public Mono<Boolean> add(Username username, Device device) {
        return executor.executeInTransaction(connection -> insert(connection, username, device));
    }

    @Override
    public Mono<Boolean> addFirst(Username username, Device device) {
        return executor.executeInTransaction(connection -> {
            if (count(connection, username) > 0) {
                return false;
            }
            JdbcExecutor.update(connection, DELETE_STALE_FIRST, statement -> {
                statement.setString(1, username.asString());
                statement.setString(2, username.asString());
                statement.setLong(3, now());
            });
            boolean first = JdbcExecutor.insertIfAbsent(connection, INSERT_FIRST, statement -> {
                statement.setString(1, username.asString());
                statement.setString(2, device.getId().asString());
            });
            return first && insert(connection, username, device);
        });
    }

    @Override
    public Mono<Boolean> changeStatus(Username username, DeviceId deviceId, StatusChange change) {
        return executor.executeInTransaction(connection -> changeStatus(connection, CHANGE_STATUS, username, deviceId, change,
            statement -> { }));
    }

    @Override
    public Mono<Boolean> changeStatusIf(Username username, Device read, StatusChange change) {
        StatusChange expected = read.getStatusChange();
        String sql = CHANGE_STATUS + " AND status = ?"
            + " AND revoked_until " + (expected.getRevokedUntil().isPresent() ? "= ?" : "IS NULL")
            + " AND label " + (read.getLabel().isPresent() ? "= ?" : "IS NULL");
        return executor.executeInTransaction(connection -> changeStatus(connection, sql, username, read.getId(), change, statement -> {
            int index = 9;
            statement.setString(index++, expected.getStatus().asString());
            if (expected.getRevokedUntil().isPresent()) {
                statement.setLong(index++, expected.getRevokedUntil().get().toEpochMilli());
            }
            if (read.getLabel().isPresent()) {
                statement.setString(index, read.getLabel().get());
            }
        }));
    }

    private boolean changeStatus(Connection connection, String sql, Username username, DeviceId deviceId, StatusChange change,
                                 JdbcExecutor.Binder condition) throws SQLException {
        long now = now();
        int changed = JdbcExecutor.update(connection, sql, statement -> {
            statement.setString(1, change.getStatus().asString());
            setInstant(statement, 2, change.getRevokedUntil());
            statement.setString(3, change.getBy().asString());
            statement.setLong(4, change.getAt().toEpochMilli());
            setInstant(statement, 5, expiresAt(change.getStatus()));
            statement.setString(6, username.asString());
            statement.setString(7, deviceId.asString());
            statement.setLong(8, now);
            condition.bind(statement);
        });
        if (changed == 1 && change.getStatus() == DeviceStatus.PENDING) {
            dropPendingBeyondCap(connection, username);
        }
        return changed == 1;
    }

    @Override
    public Mono<Boolean> setLabel(Username username, DeviceId deviceId, Optional<String> label) {
        return executor.execute(connection -> JdbcExecutor.update(connection, SET_LABEL, statement -> {
            setString(statement, 1, label);
            statement.setString(2, username.asString());
            statement.setString(3, deviceId.asString());
            statement.setLong(4, now());
        }) == 1);
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
        return executor.executeInTransaction(connection -> {
            JdbcExecutor.update(connection, DELETE_ALL, statement -> statement.setString(1, username.asString()));
            return JdbcExecutor.update(connection, DELETE_FIRST, statement -> statement.setString(1, username.asString()));
        }).then();
    }

    @Override
    public Mono<Void> rename(Username from, Username to) {
        if (from.equals(to)) {
            return Mono.empty();
        }
        return executor.executeInTransaction(connection -> {
            List<Stored> moved = selectStored(connection, LIST, statement -> {
                statement.setString(1, from.asString());
                statement.setLong(2, now());
            });
            for (Stored stored : moved) {
                JdbcExecutor.update(connection, DELETE, statement -> {
                    statement.setString(1, to.asString());
                    statement.setString(2, stored.device.getId().asString());
                });
                insertRow(connection, to, stored.device, stored.expiresAt);
            }
            JdbcExecutor.update(connection, DELETE_ALL, statement -> statement.setString(1, from.asString()));
            return JdbcExecutor.update(connection, DELETE_FIRST, statement -> statement.setString(1, from.asString()));
        }).then();
    }

    @Override
    public Mono<Void> rekey(Username username, DeviceId from, DeviceId to) {
        return executor.executeInTransaction(connection -> {
            List<Stored> moved = selectStored(connection, FIND, statement -> {
                statement.setString(1, username.asString());
                statement.setString(2, from.asString());
                statement.setLong(3, now());
            });
            for (Stored stored : moved) {
                deleteExpired(connection, username, to);
                JdbcExecutor.insertIfAbsent(connection, INSERT, bindRow(username, stored.device.withId(to), stored.expiresAt));
                JdbcExecutor.update(connection, DELETE, statement -> {
                    statement.setString(1, username.asString());
                    statement.setString(2, from.asString());
                });
            }
            return moved.size();
        }).then();
    }

    private boolean insert(Connection connection, Username username, Device device) throws SQLException {
        deleteExpired(connection, username, device.getId());
        boolean inserted = JdbcExecutor.insertIfAbsent(connection, INSERT, bindRow(username, device, expiresAt(device.getStatus())));
        if (inserted && device.getStatus() == DeviceStatus.PENDING) {
            dropPendingBeyondCap(connection, username);
        }
        return inserted;
    }

    private void insertRow(Connection connection, Username username, Device device, Optional<Instant> expiresAt) throws SQLException {
        JdbcExecutor.update(connection, INSERT, bindRow(username, device, expiresAt));
    }

    private static JdbcExecutor.Binder bindRow(Username username, Device device, Optional<Instant> expiresAt) {
        return statement -> {
            statement.setString(1, username.asString());
            statement.setString(2, device.getId().asString());
            statement.setString(3, device.getType());
            statement.setString(4, device.getHint());
            setString(statement, 5, device.getLabel());
            statement.setString(6, device.getStatus().asString());
            setInstant(statement, 7, device.getRevokedUntil());
            statement.setString(8, device.getStatusChange().getBy().asString());
            statement.setLong(9, device.getStatusChange().getAt().toEpochMilli());
            statement.setLong(10, device.getFirstSeen().toEpochMilli());
            setInstant(statement, 11, expiresAt);
        };
    }

    private void deleteExpired(Connection connection, Username username, DeviceId deviceId) throws SQLException {
        JdbcExecutor.update(connection, DELETE_EXPIRED, statement -> {
            statement.setString(1, username.asString());
            statement.setString(2, deviceId.asString());
            statement.setLong(3, now());
        });
    }

    private void dropPendingBeyondCap(Connection connection, Username username) throws SQLException {
        List<String> beyondCap;
        try (PreparedStatement statement = connection.prepareStatement(PENDING_NEWEST_FIRST)) {
            statement.setString(1, username.asString());
            statement.setString(2, DeviceStatus.PENDING.asString());
            statement.setLong(3, now());
            try (ResultSet resultSet = statement.executeQuery()) {
                ImmutableList.Builder<String> ids = ImmutableList.builder();
                int kept = 0;
                while (resultSet.next()) {
                    if (kept++ >= limits.getPerAccount()) {
                        ids.add(resultSet.getString(1));
                    }
                }
                beyondCap = ids.build();
            }
        }
        for (String deviceId : beyondCap) {
            JdbcExecutor.update(connection, DELETE, statement -> {
                statement.setString(1, username.asString());
                statement.setString(2, deviceId);
            });
        }
    }

    private Optional<Instant> expiresAt(DeviceStatus status) {
        return status == DeviceStatus.PENDING ? Optional.of(clock.instant().plus(limits.getLifetime())) : Optional.empty();
    }

    private long count(Connection connection, Username username) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(COUNT)) {
            statement.setString(1, username.asString());
            statement.setLong(2, now());
            try (ResultSet resultSet = statement.executeQuery()) {
                resultSet.next();
                return resultSet.getLong(1);
            }
        }
    }

    private long now() {
        return clock.instant().toEpochMilli();
    }

    private static final class Stored {
        private final Device device;
        private final Optional<Instant> expiresAt;

        private Stored(Device device, Optional<Instant> expiresAt) {
            this.device = device;
            this.expiresAt = expiresAt;
        }
    }

    private static List<Device> select(Connection connection, String sql, JdbcExecutor.Binder binder) throws SQLException {
        return selectStored(connection, sql, binder).stream()
            .map(stored -> stored.device)
            .collect(ImmutableList.toImmutableList());
    }

    private static List<Stored> selectStored(Connection connection, String sql, JdbcExecutor.Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet resultSet = statement.executeQuery()) {
                ImmutableList.Builder<Stored> devices = ImmutableList.builder();
                while (resultSet.next()) {
                    devices.add(new Stored(Device.builder()
                        .id(DeviceId.of(resultSet.getString("device_id")))
                        .type(resultSet.getString("type"))
                        .hint(resultSet.getString("hint"))
                        .label(Optional.ofNullable(resultSet.getString("label")))
                        .status(StatusChange.of(DeviceStatus.parse(resultSet.getString("status")), instant(resultSet, "revoked_until"),
                            Actor.parse(resultSet.getString("status_by")), Instant.ofEpochMilli(resultSet.getLong("status_at"))))
                        .firstSeen(Instant.ofEpochMilli(resultSet.getLong("first_seen")))
                        .build(), instant(resultSet, "expires_at")));
                }
                return devices.build();
            }
        }
    }

    static Optional<Instant> instant(ResultSet resultSet, String column) throws SQLException {
        long value = resultSet.getLong(column);
        return resultSet.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
    }

    static void setInstant(PreparedStatement statement, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            statement.setLong(index, instant.get().toEpochMilli());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    static void setString(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }
}
