package org.jamesclientid.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.james.core.Username;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.PendingDeviceLimits;
import org.jamesclientid.device.SettableClock;
import org.jamesclientid.device.StatusChange;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableMap;

/**
 * {@link JdbcStoreWarmUp} runs a first sign-in's statements and leaves the database as it found it.
 */
interface JdbcStoreWarmUpContract {
    Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    Duration RETENTION = Duration.ofDays(1);
    Username ALICE = Username.of("alice@example.com");

    JdbcDatabaseExtension database();

    private Map<String, Long> rowsPerTable() throws Exception {
        ImmutableMap.Builder<String, Long> rows = ImmutableMap.builder();
        for (String table : JdbcTables.ALL) {
            rows.put(table, database().connections().withConnection(connection -> {
                try (Statement statement = connection.createStatement();
                     ResultSet resultSet = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    resultSet.next();
                    return resultSet.getLong(1);
                }
            }));
        }
        return rows.build();
    }

    private JdbcStoreWarmUp warmUp(SettableClock clock) {
        return warmUp(database().executor(), clock);
    }

    private static JdbcStoreWarmUp warmUp(JdbcExecutor executor, SettableClock clock) {
        return new JdbcStoreWarmUp(new JdbcDeviceRepository(executor, clock, PendingDeviceLimits.DEFAULT),
            new JdbcDeviceActivityRepository(executor, clock), new JdbcDeviceUseRepository(executor, clock, RETENTION),
            new JdbcBlockRepository(executor, clock), new JdbcAccountPolicyRepository(executor),
            new JdbcFailureCounters(executor, clock, RETENTION), new JdbcThrottles(executor, clock, RETENTION), clock);
    }

    @Test
    default void warmUpShouldLeaveNoRowWhenTheDatabaseIsEmpty() throws Exception {
        warmUp(new SettableClock(NOW)).run().block();

        assertThat(rowsPerTable()).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
    }

    @Test
    default void warmUpShouldLeaveOtherAccountsRowsAsTheyWereWhenRunAgain() throws Exception {
        SettableClock clock = new SettableClock(NOW);
        JdbcDeviceRepository devices = new JdbcDeviceRepository(database().executor(), clock, PendingDeviceLimits.DEFAULT);
        devices.addFirst(ALICE, Device.builder()
            .id(DeviceId.of("0123456789abcdef01234567"))
            .type("UUID")
            .hint("a1b2")
            .status(StatusChange.trusted(Actor.SIGN_IN, NOW))
            .firstSeen(NOW)
            .build()).block();
        Map<String, Long> before = rowsPerTable();

        warmUp(clock).run().block();
        warmUp(clock).run().block();

        assertThat(rowsPerTable()).isEqualTo(before);
        assertThat(devices.device(ALICE, DeviceId.of("0123456789abcdef01234567")).block()).isNotNull();
    }

    @Test
    default void warmUpShouldLogAndReturnWhenItsStatementsFail() throws Exception {
        try (JdbcConnections withoutTables = database().emptyDatabase()) {
            JdbcStoreWarmUp warmUp = warmUp(new JdbcExecutor(withoutTables), new SettableClock(NOW));

            assertThatCode(() -> warmUp.warmUp(Duration.ofSeconds(30))).doesNotThrowAnyException();
        }
    }
}
