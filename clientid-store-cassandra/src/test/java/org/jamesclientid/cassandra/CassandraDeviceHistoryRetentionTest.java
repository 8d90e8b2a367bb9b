package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.device.Block;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * Failures and uses expire with a TTL counted from the write, whatever their {@code at}.
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

    private CassandraDeviceHistory withRetention(Duration retention) {
        return CassandraDeviceHistoryFixture.create(cassandra.getSession(), CassandraDeviceHistoryConfiguration.of(retention, Duration.ZERO));
    }

    @Test
    void failuresSinceShouldCountOldFailuresWithinTheRetentionFromTheWrite() {
        CassandraDeviceHistory history = withRetention(Duration.ofDays(1));

        history.recordFailure(DEVICE, LONG_AGO).block();

        assertThat(history.failuresSince(DEVICE, LONG_AGO).block()).isEqualTo(1);
    }

    @Test
    void failuresSinceShouldForgetFailuresOnceTheRetentionHasPassed() {
        CassandraDeviceHistory history = withRetention(Duration.ofSeconds(2));
        history.recordFailure(DEVICE, LONG_AGO).block();
        assertThat(history.failuresSince(DEVICE, LONG_AGO).block()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertThat(history.failuresSince(DEVICE, LONG_AGO).block()).isZero());
    }

    @Test
    void accountsShouldForgetUsesOnceTheRetentionHasPassed() {
        CassandraDeviceHistory history = withRetention(Duration.ofSeconds(2));
        history.recordUse(DEVICE, ALICE, LONG_AGO).block();
        assertThat(history.accounts(DEVICE).collectList().block()).hasSize(1);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertThat(history.accounts(DEVICE).collectList().block()).isEmpty());
    }

    @Test
    void recordUseShouldWriteBothUseTablesWithTheRetentionAsTtl() {
        CassandraDeviceHistory history = withRetention(Duration.ofHours(25));

        history.recordUse(DEVICE, ALICE, LONG_AGO).block();

        int ttl = cassandra.getSession().execute(SimpleStatement.newInstance(
                "SELECT TTL(last_seen) FROM clientid_device_uses WHERE device_id = ?", DEVICE.asString()))
            .one().getInt(0);
        assertThat(ttl).isBetween(25 * 3600 - 60, 25 * 3600);
        assertThat(cassandra.getSession().execute(SimpleStatement.newInstance(
                "SELECT device_id FROM clientid_account_device_uses WHERE username = ?", ALICE.asString())).all())
            .hasSize(1);
    }

    @Test
    void saveBlockShouldWriteWithoutTtlWhateverTheRetention() {
        CassandraDeviceHistory history = withRetention(Duration.ofSeconds(2));
        history.saveBlock(Block.of(DEVICE, LONG_AGO, Optional.empty(), Optional.empty())).block();

        assertThat(cassandra.getSession().execute(SimpleStatement.newInstance(
                "SELECT TTL(created_at) FROM clientid_device_blocks WHERE device_id = ?", DEVICE.asString()))
            .one().isNull(0)).isTrue();
    }
}
