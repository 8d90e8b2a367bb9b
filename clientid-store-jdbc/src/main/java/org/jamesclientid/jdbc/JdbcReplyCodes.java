package org.jamesclientid.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.james.core.Username;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.reply.ReplyAction;
import org.jamesclientid.reply.ReplyCodes;
import org.jamesclientid.reply.ReplyGrant;

import reactor.core.publisher.Mono;

/**
 * {@link ReplyCodes} in a relational database, so that an unused code outlives a restart of James and is honoured once
 * by whichever James on the database gets the reply. One row per code, keyed by the hash of the code (never the code).
 *
 * <p>As on Cassandra, a row expires when its code does, counted by this store's clock from the write (the
 * {@code expires_at} of every JDBC table: {@code valid_until} is the grant's own time, returned as it was given and
 * never compared with this clock; both to the millisecond, as Cassandra's timestamps). Reads and {@link #consume} leave expired rows out; {@link JdbcExpirySweep} deletes
 * them. Codes are issued only for notices that the notice limits let through, two at most per notice, so the rows are
 * bounded by the accounts' daily number of notices times the validity.</p>
 *
 * <p>{@link #consume} is one {@code DELETE ... WHERE code_hash = ? AND expires_at > ?} whose row count decides: of
 * concurrent replies with the same code, on one James or several, the database deletes the row for exactly one (the
 * others wait for its row lock, then find no row).</p>
 */
public class JdbcReplyCodes implements ReplyCodes {
    private static final String UPDATE = "UPDATE " + JdbcTables.REPLY_CODES
        + " SET username = ?, device_id = ?, action = ?, valid_until = ?, expires_at = ? WHERE code_hash = ?";
    private static final String INSERT = "INSERT INTO " + JdbcTables.REPLY_CODES
        + " (username, device_id, action, valid_until, expires_at, code_hash) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT username, device_id, action, valid_until FROM " + JdbcTables.REPLY_CODES
        + " WHERE code_hash = ? AND expires_at > ?";
    private static final String CONSUME = "DELETE FROM " + JdbcTables.REPLY_CODES + " WHERE code_hash = ? AND expires_at > ?";

    private final JdbcExecutor executor;
    private final Clock clock;

    public JdbcReplyCodes(JdbcExecutor executor, Clock clock) {
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Written as Cassandra's {@code INSERT} is: a row of the same hash (only ever an expired one not swept yet: codes are
     * 128 random bits) is replaced.
     */
    @Override
    public Mono<Void> save(String codeHash, ReplyGrant grant, Instant now) {
        JdbcExecutor.Binder binder = statement -> {
            Instant expiresAt = clock.instant().plus(Duration.between(now, grant.getExpiresAt()));
            statement.setString(1, grant.getUsername().asString());
            statement.setString(2, grant.getDeviceId().asString());
            statement.setString(3, grant.getAction().asString());
            statement.setLong(4, grant.getExpiresAt().toEpochMilli());
            statement.setLong(5, expiresAt.toEpochMilli());
            statement.setString(6, codeHash);
        };
        return executor.execute(connection -> {
            JdbcExecutor.upsert(connection, UPDATE, binder, INSERT, binder);
            return true;
        }).then();
    }

    @Override
    public Mono<ReplyGrant> find(String codeHash) {
        return executor.execute(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(FIND)) {
                statement.setString(1, codeHash);
                statement.setLong(2, clock.instant().toEpochMilli());
                try (ResultSet resultSet = statement.executeQuery()) {
                    if (!resultSet.next()) {
                        return null;
                    }
                    String action = resultSet.getString("action");
                    return ReplyGrant.of(Username.of(resultSet.getString("username")), DeviceId.of(resultSet.getString("device_id")),
                        ReplyAction.parse(action).orElseThrow(() -> new IllegalStateException("Unknown reply action in "
                            + JdbcTables.REPLY_CODES + ": " + action)),
                        Instant.ofEpochMilli(resultSet.getLong("valid_until")));
                }
            }
        });
    }

    @Override
    public Mono<Boolean> consume(String codeHash) {
        return executor.execute(connection -> JdbcExecutor.update(connection, CONSUME, statement -> {
            statement.setString(1, codeHash);
            statement.setLong(2, clock.instant().toEpochMilli());
        }) == 1);
    }
}
