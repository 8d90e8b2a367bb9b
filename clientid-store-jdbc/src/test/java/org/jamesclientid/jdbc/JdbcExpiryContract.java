package org.jamesclientid.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.activity.PasswordOnlySignIns;
import org.jamesclientid.alert.NoticeLimits;
import org.jamesclientid.alert.NoticeLimitsConfiguration;
import org.jamesclientid.core.Protocol;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.SettableClock;
import org.jamesclientid.limit.LimitKey;
import org.jamesclientid.limit.Throttle;
import org.jamesclientid.policy.Alert;
import org.junit.jupiter.api.Test;

/**
 * The bounded-state rules of the JDBC stores: a row expires by the store's clock (from its write, as a Cassandra TTL),
 * the queries ignore it from then on, and {@link JdbcExpirySweep} deletes it.
 */
interface JdbcExpiryContract {
    Username ALICE = Username.of("alice@example.com");
    Instant WRITTEN = Instant.parse("2026-11-30T10:00:00Z");
    Duration RETENTION = Duration.ofDays(1);
    LimitKey KEY = LimitKey.account(ALICE);

    JdbcDatabaseExtension database();

    default long rows(String table) throws Exception {
        return database().connections().withConnection(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet resultSet = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                resultSet.next();
                return resultSet.getLong(1);
            }
        });
    }

    @Test
    default void countShouldLeaveOutAFailureOnceItsRetentionHasPassedWhenNotSweptYet() {
        SettableClock clock = new SettableClock(WRITTEN);
        JdbcFailureCounters failures = new JdbcFailureCounters(database().executor(), clock, RETENTION);
        failures.recordAndCountSince(KEY, WRITTEN, WRITTEN).block();

        clock.advance(RETENTION.minusSeconds(1));
        assertThat(failures.countSince(KEY, WRITTEN).block()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(failures.countSince(KEY, WRITTEN).block()).isZero();
    }

    @Test
    default void throttleShouldBeKeptForItsLengthPlusTheRetention() {
        SettableClock clock = new SettableClock(WRITTEN);
        JdbcThrottles throttles = new JdbcThrottles(database().executor(), clock, RETENTION);
        throttles.save(Throttle.of(KEY, WRITTEN, WRITTEN.plus(Duration.ofMinutes(15)))).block();

        clock.advance(RETENTION.plusMinutes(15).minusSeconds(1));
        assertThat(throttles.find(KEY).blockOptional()).as("ended, still shown to administrators").isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttles.find(KEY).blockOptional()).isEmpty();
        assertThat(throttles.list().collectList().block()).isEmpty();
        assertThat(throttles.ofAccount(ALICE).collectList().block()).isEmpty();
    }

    @Test
    default void passwordOnlySignInsShouldBeKeptThirtyOneDaysFromTheLastWrite() {
        SettableClock clock = new SettableClock(WRITTEN);
        JdbcPasswordOnlySignIns signIns = new JdbcPasswordOnlySignIns(database().executor(), clock);
        signIns.record(ALICE, Protocol.SMTP, "PLAIN", WRITTEN, Optional.empty()).block();

        clock.advance(Duration.ofDays(PasswordOnlySignIns.RETENTION_DAYS));
        assertThat(signIns.since(ALICE, WRITTEN).collectList().block()).hasSize(1);
        clock.advance(Duration.ofDays(1));
        assertThat(signIns.since(ALICE, WRITTEN).collectList().block()).isEmpty();
    }

    @Test
    default void sweepShouldDeleteTheExpiredRowsOfEveryTableAndKeepTheOthers() throws Exception {
        SettableClock clock = new SettableClock(WRITTEN);
        JdbcExecutor executor = database().executor();
        NoticeLimitsConfiguration noticeLimits = NoticeLimitsConfiguration.of(Duration.ofHours(1), 20);
        new JdbcFailureCounters(executor, clock, RETENTION).recordAndCountSince(KEY, WRITTEN, WRITTEN).block();
        new JdbcThrottles(executor, clock, RETENTION).save(Throttle.of(KEY, WRITTEN, WRITTEN.plusSeconds(60))).block();
        new JdbcPasswordOnlySignIns(executor, clock).record(ALICE, Protocol.SMTP, "PLAIN", WRITTEN, Optional.empty()).block();
        new JdbcNoticeLimits(executor, noticeLimits, clock)
            .admit(ALICE, Optional.of(DeviceId.of("a".repeat(DeviceId.LENGTH))), Alert.Kind.DEVICE_BLOCKED, WRITTEN).block();
        JdbcExpirySweep sweep = new JdbcExpirySweep(database().connections(), clock);

        clock.advance(Duration.ofDays(3));
        int deleted = sweep.sweep();

        assertThat(deleted).isEqualTo(4);
        assertThat(rows(JdbcTables.FAILURES)).isZero();
        assertThat(rows(JdbcTables.THROTTLES)).isZero();
        assertThat(rows(JdbcTables.NOTICES_SENT)).isZero();
        assertThat(rows(JdbcTables.NOTICES_PER_DAY)).isZero();
        assertThat(rows(JdbcTables.PASSWORD_ONLY_SIGNINS)).as("31 days").isEqualTo(1);

        clock.advance(Duration.ofDays(28));
        assertThat(sweep.sweep()).isEqualTo(1);
        assertThat(rows(JdbcTables.PASSWORD_ONLY_SIGNINS)).isZero();
    }

    @Test
    default void noticeShouldBeSentAgainWhenItsIntervalRowExpiredByTheStoresClock() {
        SettableClock clock = new SettableClock(WRITTEN);
        JdbcNoticeLimits limits = new JdbcNoticeLimits(database().executor(), NoticeLimitsConfiguration.of(Duration.ofHours(1), 20), clock);
        Optional<DeviceId> laptop = Optional.of(DeviceId.of("a".repeat(DeviceId.LENGTH)));
        limits.admit(ALICE, laptop, Alert.Kind.DEVICE_BLOCKED, WRITTEN).block();

        clock.advance(Duration.ofHours(1));

        // The notice's own time says "within the interval"; the row has expired from the store all the same.
        assertThat(limits.admit(ALICE, laptop, Alert.Kind.DEVICE_BLOCKED, WRITTEN.plusSeconds(60)).block()).isEqualTo(NoticeLimits.Verdict.SEND);
    }
}
