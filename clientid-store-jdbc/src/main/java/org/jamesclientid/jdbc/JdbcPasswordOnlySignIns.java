package org.jamesclientid.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.activity.PasswordOnlySignIn;
import org.jamesclientid.activity.PasswordOnlySignIns;
import org.jamesclientid.core.Protocol;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link PasswordOnlySignIns} in a relational database: one row per account, UTC day, protocol and mechanism, counted
 * by an {@code UPDATE} that adds to the row (never a read then a write), the last time and address kept by the same
 * statement. A row is kept {@link #RETENTION} from its last write (one day more than the interface keeps, so the
 * oldest day read is whole), as on Cassandra; reads leave out expired rows, {@link JdbcExpirySweep} deletes them.
 */
public class JdbcPasswordOnlySignIns implements PasswordOnlySignIns {
    static final Duration RETENTION = Duration.ofDays(RETENTION_DAYS + 1);

    private static final String TABLE = JdbcTables.PASSWORD_ONLY_SIGNINS;
    // SET expressions read the row as it was before the statement: last_ip is chosen with the old last_at.
    private static final String ADD = "UPDATE " + TABLE + " SET sign_ins = sign_ins + ?, "
        + "last_ip = CASE WHEN last_at > ? THEN last_ip ELSE CAST(? AS VARCHAR(64)) END, "
        + "last_at = CASE WHEN last_at > ? THEN last_at ELSE CAST(? AS BIGINT) END, "
        + "expires_at = ? "
        + "WHERE username = ? AND utc_day = ? AND protocol = ? AND mechanism = ?";
    private static final String INSERT = "INSERT INTO " + TABLE
        + " (sign_ins, last_ip, last_at, expires_at, username, utc_day, protocol, mechanism) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SINCE = "SELECT utc_day, protocol, mechanism, sign_ins, last_at, last_ip FROM " + TABLE
        + " WHERE username = ? AND utc_day >= ? AND expires_at > ?";
    private static final String DELETE = "DELETE FROM " + TABLE + " WHERE username = ?";

    private static final class Row {
        private final long day;
        private final PasswordOnlySignIn signIns;

        private Row(long day, PasswordOnlySignIn signIns) {
            this.day = day;
            this.signIns = signIns;
        }
    }

    private final JdbcExecutor executor;
    private final Clock clock;

    public JdbcPasswordOnlySignIns(JdbcExecutor executor, Clock clock) {
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public Mono<Void> record(Username username, Protocol protocol, String mechanism, Instant at, Optional<String> ip) {
        long day = LocalDate.ofInstant(at, ZoneOffset.UTC).toEpochDay();
        return executor.execute(connection -> {
            add(connection, username, day, PasswordOnlySignIn.of(protocol, mechanism, 1, at, ip));
            return true;
        }).then();
    }

    private void add(Connection connection, Username username, long day, PasswordOnlySignIn signIns) throws SQLException {
        long expiresAt = clock.instant().plus(RETENTION).toEpochMilli();
        long lastAt = signIns.getLastAt().toEpochMilli();
        JdbcExecutor.upsert(connection, ADD, statement -> {
            statement.setLong(1, signIns.getCount());
            statement.setLong(2, lastAt);
            setIp(statement, 3, signIns.getLastIp());
            statement.setLong(4, lastAt);
            statement.setLong(5, lastAt);
            statement.setLong(6, expiresAt);
            bindKey(statement, 7, username, day, signIns);
        }, INSERT, statement -> {
            statement.setLong(1, signIns.getCount());
            setIp(statement, 2, signIns.getLastIp());
            statement.setLong(3, lastAt);
            statement.setLong(4, expiresAt);
            bindKey(statement, 5, username, day, signIns);
        });
    }

    private static void setIp(PreparedStatement statement, int index, Optional<String> ip) throws SQLException {
        if (ip.isPresent()) {
            statement.setString(index, ip.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    private static void bindKey(PreparedStatement statement, int first, Username username, long day, PasswordOnlySignIn signIns) throws SQLException {
        statement.setString(first, username.asString());
        statement.setInt(first + 1, Math.toIntExact(day));
        statement.setString(first + 2, signIns.getProtocol().name());
        statement.setString(first + 3, signIns.getMechanism());
    }

    @Override
    public Flux<PasswordOnlySignIn> since(Username username, Instant since) {
        long firstDay = LocalDate.ofInstant(since, ZoneOffset.UTC).toEpochDay();
        return executor.executeList(connection -> rows(connection, username, firstDay))
            .map(row -> row.signIns)
            .groupBy(signIns -> signIns.getProtocol().name() + " " + signIns.getMechanism())
            .flatMap(group -> group.reduce(JdbcPasswordOnlySignIns::merge));
    }

    private List<Row> rows(Connection connection, Username username, long firstDay) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SINCE)) {
            statement.setString(1, username.asString());
            statement.setInt(2, Math.toIntExact(firstDay));
            statement.setLong(3, clock.instant().toEpochMilli());
            try (ResultSet resultSet = statement.executeQuery()) {
                ImmutableList.Builder<Row> rows = ImmutableList.builder();
                while (resultSet.next()) {
                    rows.add(new Row(resultSet.getInt("utc_day"), PasswordOnlySignIn.of(Protocol.valueOf(resultSet.getString("protocol")),
                        resultSet.getString("mechanism"), resultSet.getLong("sign_ins"), Instant.ofEpochMilli(resultSet.getLong("last_at")),
                        Optional.ofNullable(resultSet.getString("last_ip")))));
                }
                return rows.build();
            }
        }
    }

    private static PasswordOnlySignIn merge(PasswordOnlySignIn a, PasswordOnlySignIn b) {
        PasswordOnlySignIn latest = a.getLastAt().isAfter(b.getLastAt()) ? a : b;
        return PasswordOnlySignIn.of(a.getProtocol(), a.getMechanism(), a.getCount() + b.getCount(), latest.getLastAt(), latest.getLastIp());
    }

    @Override
    public Mono<Void> deleteAll(Username username) {
        return executor.update(DELETE, statement -> statement.setString(1, username.asString()));
    }

    /**
     * One transaction: the new name has every sign-in of the old one, or nothing moved.
     */
    @Override
    public Mono<Void> rename(Username oldUsername, Username newUsername) {
        if (oldUsername.equals(newUsername)) {
            return Mono.empty();
        }
        return executor.executeInTransaction(connection -> {
            List<Row> moved = rows(connection, oldUsername, Integer.MIN_VALUE);
            for (Row row : moved) {
                add(connection, newUsername, row.day, row.signIns);
            }
            JdbcExecutor.update(connection, DELETE, statement -> statement.setString(1, oldUsername.asString()));
            return moved.size();
        }).then();
    }
}
