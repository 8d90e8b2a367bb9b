package org.jamesclientid.jdbc;

import static org.jamesclientid.jdbc.JdbcDeviceRepository.setInstant;
import static org.jamesclientid.jdbc.JdbcDeviceRepository.setString;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.BlockRepository;
import org.jamesclientid.device.DeviceBlocks;
import org.jamesclientid.device.DeviceId;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link BlockRepository} in a relational database: at most two rows per device, keyed by the device and the kind
 * of block ({@code administrator} or {@code automatic}), so that an automatic block, written on its own row, never
 * shortens, replaces or lifts an administrator's. An administrator's block deletes the automatic row in the same
 * transaction. An automatic block expires at its end ({@code expires_at}: left out by reads, deleted by
 * {@link JdbcExpirySweep}); an administrator's is kept until lifted.
 */
public class JdbcBlockRepository implements BlockRepository {
    private static final String TABLE = JdbcTables.DEVICE_BLOCKS;
    private static final String ADMINISTRATOR = "administrator";
    private static final String AUTOMATIC = "automatic";
    private static final String LIVE = " AND (expires_at IS NULL OR expires_at > ?)";
    private static final String COLUMNS = "device_id, kind, set_by, created_at, until, reason";
    private static final String OF_DEVICE = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE device_id = ?" + LIVE;
    private static final String LIST = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE (expires_at IS NULL OR expires_at > ?) ORDER BY kind";
    private static final String UPDATE = "UPDATE " + TABLE + " SET set_by = ?, created_at = ?, until = ?, reason = ?, expires_at = ?"
        + " WHERE device_id = ? AND kind = ?";
    private static final String INSERT = "INSERT INTO " + TABLE + " (set_by, created_at, until, reason, expires_at, device_id, kind)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String DELETE_KIND = "DELETE FROM " + TABLE + " WHERE device_id = ? AND kind = ?";
    private static final String DELETE_EXPIRED = DELETE_KIND + " AND expires_at <= ?";
    private static final String DELETE_DEVICE = "DELETE FROM " + TABLE + " WHERE device_id = ?";

    private final JdbcExecutor executor;
    private final Clock clock;

    public JdbcBlockRepository(JdbcExecutor executor, Clock clock) {
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public Mono<DeviceBlocks> blocks(DeviceId deviceId) {
        return executor.execute(connection -> {
            List<Block> blocks = select(connection, OF_DEVICE, statement -> {
                statement.setString(1, deviceId.asString());
                statement.setLong(2, now());
            });
            return DeviceBlocks.of(blocks.stream().filter(block -> !block.isAutomatic()).findFirst(),
                blocks.stream().filter(Block::isAutomatic).findFirst());
        });
    }

    @Override
    public Mono<Void> blockAutomatically(Block block) {
        Preconditions.checkArgument(block.isAutomatic() && block.getUntil().isPresent(), "an automatic block has an end");
        return executor.execute(connection -> {
            upsert(connection, block, AUTOMATIC, block.getUntil());
            return true;
        }).then();
    }

    @Override
    public Mono<Void> block(Block block) {
        Preconditions.checkArgument(!block.isAutomatic(), "not an administrator's block");
        return executor.executeInTransaction(connection -> {
            upsert(connection, block, ADMINISTRATOR, Optional.empty());
            return JdbcExecutor.update(connection, DELETE_KIND, statement -> {
                statement.setString(1, block.getDeviceId().asString());
                statement.setString(2, AUTOMATIC);
            });
        }).then();
    }

    @Override
    public Mono<Void> unblock(DeviceId deviceId) {
        return executor.update(DELETE_DEVICE, statement -> statement.setString(1, deviceId.asString()));
    }

    /**
     * Read whole: administrators' blocks plus the automatic ones of their duration (callers page it).
     */
    @Override
    public Flux<Block> list() {
        return executor.executeList(connection -> select(connection, LIST, statement -> statement.setLong(1, now())));
    }

    @Override
    public Mono<Void> rekey(DeviceId from, DeviceId to) {
        if (from.equals(to)) {
            return Mono.empty();
        }
        return executor.executeInTransaction(connection -> {
            List<Block> moved = select(connection, OF_DEVICE, statement -> {
                statement.setString(1, from.asString());
                statement.setLong(2, now());
            });
            for (Block block : moved) {
                String kind = kind(block);
                JdbcExecutor.update(connection, DELETE_EXPIRED, statement -> {
                    statement.setString(1, to.asString());
                    statement.setString(2, kind);
                    statement.setLong(3, now());
                });
                JdbcExecutor.insertIfAbsent(connection, INSERT, bind(block.withDeviceId(to), kind, expiresAt(block)));
            }
            return JdbcExecutor.update(connection, DELETE_DEVICE, statement -> statement.setString(1, from.asString()));
        }).then();
    }

    private static String kind(Block block) {
        return block.isAutomatic() ? AUTOMATIC : ADMINISTRATOR;
    }

    private static Optional<Instant> expiresAt(Block block) {
        return block.isAutomatic() ? block.getUntil() : Optional.empty();
    }

    private static void upsert(Connection connection, Block block, String kind, Optional<Instant> expiresAt) throws SQLException {
        JdbcExecutor.Binder binder = bind(block, kind, expiresAt);
        JdbcExecutor.upsert(connection, UPDATE, binder, INSERT, binder);
    }

    private static JdbcExecutor.Binder bind(Block block, String kind, Optional<Instant> expiresAt) {
        return statement -> {
            statement.setString(1, block.getSetBy().asString());
            statement.setLong(2, block.getCreatedAt().toEpochMilli());
            setInstant(statement, 3, block.getUntil());
            setString(statement, 4, block.getReason());
            setInstant(statement, 5, expiresAt);
            statement.setString(6, block.getDeviceId().asString());
            statement.setString(7, kind);
        };
    }

    private long now() {
        return clock.instant().toEpochMilli();
    }

    private static List<Block> select(Connection connection, String sql, JdbcExecutor.Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet resultSet = statement.executeQuery()) {
                ImmutableList.Builder<Block> blocks = ImmutableList.builder();
                while (resultSet.next()) {
                    blocks.add(Block.of(DeviceId.of(resultSet.getString("device_id")), Actor.parse(resultSet.getString("set_by")),
                        Instant.ofEpochMilli(resultSet.getLong("created_at")), JdbcDeviceRepository.instant(resultSet, "until"),
                        Optional.ofNullable(resultSet.getString("reason"))));
                }
                return blocks.build();
            }
        }
    }
}
