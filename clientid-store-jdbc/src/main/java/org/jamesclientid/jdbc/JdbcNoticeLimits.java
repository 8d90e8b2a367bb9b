package org.jamesclientid.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.alert.NoticeLimits;
import org.jamesclientid.alert.NoticeLimitsConfiguration;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.policy.Alert;

import reactor.core.publisher.Mono;

/**
 * {@link NoticeLimits} in a relational database, holding across every James on that database: each limit is a
 * conditional statement on one row, so that two nodes admitting at once cannot both take the last place.
 * <ol>
 *     <li>The interval: the notice claims its (account, device, kind) row with an {@code INSERT}, or with an
 *     {@code UPDATE ... WHERE sent_at <= at - interval} when the row exists. No row changed: suppressed.</li>
 *     <li>The day: the account's row of the UTC day is inserted with a count of one, or counted by
 *     {@code UPDATE ... SET sent = sent + 1 WHERE sent < perDay}. No row changed: the claim of step 1 is rolled back
 *     (an unsent notice must not hold its interval) and {@code UPDATE ... SET digest_sent = 1 WHERE digest_sent = 0}
 *     decides which single call sends the digest.</li>
 * </ol>
 * All in one transaction. Rows expire from their last write: an interval row after the interval, a day row after two
 * days; the claim treats an expired interval row as absent, {@link JdbcExpirySweep} deletes them.
 */
public class JdbcNoticeLimits implements NoticeLimits {
    static final Duration DAY_RETENTION = Duration.ofDays(2);
    private static final String NO_DEVICE = "-";

    private static final String INSERT_SENT = "INSERT INTO " + JdbcTables.NOTICES_SENT
        + " (owner, device_id, kind, sent_at, expires_at) VALUES (?, ?, ?, ?, ?)";
    private static final String CLAIM_SENT = "UPDATE " + JdbcTables.NOTICES_SENT + " SET sent_at = ?, expires_at = ?"
        + " WHERE owner = ? AND device_id = ? AND kind = ? AND (sent_at <= ? OR expires_at <= ?)";
    private static final String INSERT_DAY = "INSERT INTO " + JdbcTables.NOTICES_PER_DAY
        + " (owner, utc_day, sent, digest_sent, expires_at) VALUES (?, ?, 1, 0, ?)";
    private static final String COUNT_DAY = "UPDATE " + JdbcTables.NOTICES_PER_DAY + " SET sent = sent + 1, expires_at = ?"
        + " WHERE owner = ? AND utc_day = ? AND sent < ?";
    private static final String CLAIM_DIGEST = "UPDATE " + JdbcTables.NOTICES_PER_DAY + " SET digest_sent = 1"
        + " WHERE owner = ? AND utc_day = ? AND digest_sent = 0";

    private final JdbcExecutor executor;
    private final NoticeLimitsConfiguration configuration;
    private final Clock clock;

    public JdbcNoticeLimits(JdbcExecutor executor, NoticeLimitsConfiguration configuration, Clock clock) {
        this.executor = executor;
        this.configuration = configuration;
        this.clock = clock;
    }

    @Override
    public Mono<Verdict> admit(Username owner, Optional<DeviceId> device, Alert.Kind kind, Instant at) {
        return executor.executeInTransaction(connection -> {
            Instant now = clock.instant();
            Savepoint beforeClaim = connection.setSavepoint();
            if (!claimInterval(connection, owner, device.map(DeviceId::asString).orElse(NO_DEVICE), kind, at, now)) {
                return Verdict.SUPPRESS;
            }
            int day = Math.toIntExact(LocalDate.ofInstant(at, ZoneOffset.UTC).toEpochDay());
            if (countInDay(connection, owner, day, now)) {
                return Verdict.SEND;
            }
            connection.rollback(beforeClaim);
            int digests = JdbcExecutor.update(connection, CLAIM_DIGEST, statement -> {
                statement.setString(1, owner.asString());
                statement.setInt(2, day);
            });
            return digests == 1 ? Verdict.DIGEST : Verdict.SUPPRESS;
        });
    }

    private boolean claimInterval(Connection connection, Username owner, String device, Alert.Kind kind, Instant at, Instant now) throws SQLException {
        long expiresAt = now.plus(configuration.getInterval()).toEpochMilli();
        boolean inserted = JdbcExecutor.insertIfAbsent(connection, INSERT_SENT, statement -> {
            statement.setString(1, owner.asString());
            statement.setString(2, device);
            statement.setString(3, kind.name());
            statement.setLong(4, at.toEpochMilli());
            statement.setLong(5, expiresAt);
        });
        return inserted || JdbcExecutor.update(connection, CLAIM_SENT, statement -> {
            statement.setLong(1, at.toEpochMilli());
            statement.setLong(2, expiresAt);
            statement.setString(3, owner.asString());
            statement.setString(4, device);
            statement.setString(5, kind.name());
            statement.setLong(6, at.minus(configuration.getInterval()).toEpochMilli());
            statement.setLong(7, now.toEpochMilli());
        }) == 1;
    }

    private boolean countInDay(Connection connection, Username owner, int day, Instant now) throws SQLException {
        long expiresAt = now.plus(DAY_RETENTION).toEpochMilli();
        boolean inserted = JdbcExecutor.insertIfAbsent(connection, INSERT_DAY, statement -> {
            statement.setString(1, owner.asString());
            statement.setInt(2, day);
            statement.setLong(3, expiresAt);
        });
        return inserted || JdbcExecutor.update(connection, COUNT_DAY, statement -> {
            statement.setLong(1, expiresAt);
            statement.setString(2, owner.asString());
            statement.setInt(3, day);
            statement.setInt(4, configuration.getPerDay());
        }) == 1;
    }
}
