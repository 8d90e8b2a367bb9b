package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.device.Actor;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceHistory;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.PendingDeviceLimits;
import org.jamesclientid.device.StatusChange;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * Uses, automatic blocks and pending devices expire with a TTL counted from the write, whatever their times.
 */
class CassandraDeviceHistoryRetentionTest {
    private static final Username ALICE = Username.of("alice@example.com");
    private static final DeviceId DEVICE = DeviceId.of("0123456789abcdef01234567");
    // Long ago: a store comparing it with the wall clock would have forgotten it already.
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    @BeforeAll
    static void createTables() {
        CassandraDeviceHistoryTables.createMissing(cassandra.getSession());
    }

    private DeviceHistory withRetention(Duration retention) {
        return CassandraDeviceHistoryFixture.create(cassandra.getSession(), CassandraDeviceHistoryConfiguration.of(retention));
    }

    @Test
    void accountsShouldForgetUsesOnceTheRetentionHasPassed() {
        DeviceHistory history = withRetention(Duration.ofSeconds(2));
        history.uses().recordUse(DEVICE, ALICE, LONG_AGO).block();
        assertThat(history.uses().accounts(DEVICE).collectList().block()).hasSize(1);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertThat(history.uses().accounts(DEVICE).collectList().block()).isEmpty());
    }

    @Test
    void recordUseShouldWriteBothUseTablesWithTheRetentionAsTtl() {
        DeviceHistory history = withRetention(Duration.ofHours(25));

        history.uses().recordUse(DEVICE, ALICE, LONG_AGO).block();

        int ttl = cassandra.getSession().execute(SimpleStatement.newInstance(
                "SELECT TTL(last_seen) FROM clientid_device_uses WHERE device_id = ?", DEVICE.asString()))
            .one().getInt(0);
        assertThat(ttl).isBetween(25 * 3600 - 60, 25 * 3600);
        assertThat(cassandra.getSession().execute(SimpleStatement.newInstance(
                "SELECT device_id FROM clientid_account_device_uses WHERE username = ?", ALICE.asString())).all())
            .hasSize(1);
    }

    @Test
    void administratorsBlockShouldBeWrittenWithoutTtl() {
        DeviceHistory history = withRetention(Duration.ofSeconds(2));
        history.blocks().block(Block.of(DEVICE, Actor.ADMINISTRATOR, LONG_AGO, Optional.empty(), Optional.empty())).block();

        assertThat(cassandra.getSession().execute(SimpleStatement.newInstance(
                "SELECT TTL(created_at) FROM clientid_blocks WHERE device_id = ?", DEVICE.asString()))
            .one().isNull(0)).isTrue();
    }

    @Test
    void automaticBlockShouldBeWrittenWithItsDurationAsTtlWhateverItsTimes() {
        DeviceHistory history = withRetention(Duration.ofDays(1));
        history.blocks().blockAutomatically(Block.of(DEVICE, Actor.AUTOMATIC, LONG_AGO, Optional.of(LONG_AGO.plus(Duration.ofMinutes(15))),
            Optional.of("too many failures"))).block();

        int ttl = cassandra.getSession().execute(SimpleStatement.newInstance(
                "SELECT TTL(created_at) FROM clientid_blocks WHERE device_id = ?", DEVICE.asString()))
            .one().getInt(0);
        assertThat(ttl).isBetween(15 * 60 - 60, 15 * 60);
    }

    @Test
    void pendingDeviceShouldBeWrittenWithItsLifetimeAsTtlAndApprovalShouldRemoveIt() {
        DeviceHistory history = CassandraDeviceHistoryFixture.create(cassandra.getSession(), CassandraDeviceHistoryConfiguration.DEFAULT,
            PendingDeviceLimits.of(Duration.ofDays(30), 20));
        Device pending = Device.builder().id(DEVICE).type("UUID").hint("23bf...d1a3")
            .status(StatusChange.pending(Actor.SIGN_IN, LONG_AGO)).firstSeen(LONG_AGO).build();
        history.devices().add(ALICE, pending).block();

        assertThat(statusTtl()).isBetween(30 * 86400 - 60, 30 * 86400);

        history.devices().changeStatus(ALICE, DEVICE, StatusChange.trusted(Actor.ADMINISTRATOR, LONG_AGO)).block();

        assertThat(statusTtl()).isZero();
    }

    private int statusTtl() {
        Row row = cassandra.getSession().execute(SimpleStatement.newInstance(
            "SELECT TTL(status), TTL(type), TTL(first_seen) FROM clientid_devices WHERE username = ? AND device_id = ?",
            ALICE.asString(), DEVICE.asString())).one();
        // Every cell expires together, or none.
        assertThat(row.isNull(0)).isEqualTo(row.isNull(1)).isEqualTo(row.isNull(2));
        return row.isNull(0) ? 0 : row.getInt(0);
    }
}
