package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.jamesclientid.device.AccountUse;
import org.jamesclientid.device.Device;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.device.DeviceStatus;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-node coalescing of device activity, seen from Cassandra itself (the DAO reads the stored row).
 */
class CassandraDeviceHistoryCoalescingTest {
    private static final Username ALICE = Username.of("alice@example.com");
    private static final Username BOB = Username.of("bob@example.com");
    private static final DeviceId DEVICE = DeviceId.of("0123456789abcdef01234567");
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Optional<String> IP = Optional.of("192.0.2.1");
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    private CassandraDeviceHistory nodeA;
    private CassandraDeviceHistory nodeB;
    private CassandraDeviceDAO stored;
    private Device known;

    @BeforeAll
    static void createTables() {
        CassandraDeviceHistoryTables.createMissing(cassandra.getSession());
    }

    @BeforeEach
    void setUp() {
        CassandraDeviceHistoryConfiguration configuration = CassandraDeviceHistoryConfiguration.of(Duration.ofDays(1), INTERVAL);
        nodeA = CassandraDeviceHistoryFixture.create(cassandra.getSession(), configuration);
        nodeB = CassandraDeviceHistoryFixture.create(cassandra.getSession(), configuration);
        stored = new CassandraDeviceDAO(cassandra.getSession());
        known = Device.builder().id(DEVICE).type("UUID").hint("23bf...d1a3").status(DeviceStatus.TRUSTED).firstSeen(T0)
            .lastIp(IP).build();
        nodeA.save(ALICE, known).block();
    }

    /**
     * What AUTH does: read the device, save it with one more success.
     */
    private Device signIn(CassandraDeviceHistory node, Instant at) {
        Device updated = node.device(ALICE, DEVICE).block().succeeded(at, IP);
        node.save(ALICE, updated).block();
        return updated;
    }

    @Test
    void saveShouldNotRewriteTheRowWhenOnlyActivityChangesWithinTheInterval() {
        signIn(nodeA, T0.plus(Duration.ofMinutes(1)));
        signIn(nodeA, T0.plus(Duration.ofMinutes(2)));

        assertThat(stored.read(ALICE, DEVICE).block()).isEqualTo(known);
    }

    @Test
    void deviceShouldShowThePendingActivityOfThisNode() {
        signIn(nodeA, T0.plus(Duration.ofMinutes(1)));
        Device second = signIn(nodeA, T0.plus(Duration.ofMinutes(2)));

        assertThat(nodeA.device(ALICE, DEVICE).block()).isEqualTo(second);
        assertThat(second.getSuccesses()).isEqualTo(2);
        assertThat(nodeA.devices(ALICE).collectList().block()).containsExactly(second);
    }

    @Test
    void saveShouldWriteTheActivityOnceTheIntervalHasPassed() {
        signIn(nodeA, T0.plus(Duration.ofMinutes(1)));
        signIn(nodeA, T0.plus(Duration.ofMinutes(3)));
        Device late = signIn(nodeA, T0.plus(INTERVAL));

        assertThat(stored.read(ALICE, DEVICE).block()).isEqualTo(late);
        assertThat(late.getSuccesses()).isEqualTo(3);
    }

    @Test
    void saveShouldWriteAtOnceWhenMoreThanActivityChanges() {
        signIn(nodeA, T0.plus(Duration.ofMinutes(1)));
        Device revoked = nodeA.device(ALICE, DEVICE).block().revoked(Optional.empty());

        nodeA.save(ALICE, revoked).block();

        assertThat(stored.read(ALICE, DEVICE).block()).isEqualTo(revoked);
    }

    @Test
    void saveShouldWriteAtOnceWhenTheAddressChanges() {
        Device roaming = nodeA.device(ALICE, DEVICE).block().succeeded(T0.plus(Duration.ofMinutes(1)), Optional.of("198.51.100.7"));

        nodeA.save(ALICE, roaming).block();

        assertThat(stored.read(ALICE, DEVICE).block()).isEqualTo(roaming);
    }

    @Test
    void saveShouldWriteAtOnceWhenAFailureIsCounted() {
        Device failed = nodeA.device(ALICE, DEVICE).block().failed(T0.plus(Duration.ofMinutes(1)), IP);

        nodeA.save(ALICE, failed).block();

        assertThat(stored.read(ALICE, DEVICE).block()).isEqualTo(failed);
    }

    @Test
    void deviceShouldReturnAnotherNodesWriteRatherThanThisNodesPendingActivity() {
        signIn(nodeA, T0.plus(Duration.ofMinutes(1)));
        Device revokedOnB = nodeB.device(ALICE, DEVICE).block().revoked(Optional.empty());
        nodeB.save(ALICE, revokedOnB).block();

        assertThat(nodeA.device(ALICE, DEVICE).block()).isEqualTo(revokedOnB);
    }

    @Test
    void saveShouldWriteWhenTheDeviceWasDeletedByAnotherNode() {
        signIn(nodeA, T0.plus(Duration.ofMinutes(1)));
        nodeB.delete(ALICE, DEVICE).block();
        assertThat(nodeA.device(ALICE, DEVICE).blockOptional()).isEmpty();

        nodeA.save(ALICE, known).block();

        assertThat(stored.read(ALICE, DEVICE).block()).isEqualTo(known);
    }

    @Test
    void saveShouldWriteAgainAfterALocalDelete() {
        nodeA.delete(ALICE, DEVICE).block();

        nodeA.save(ALICE, known).block();

        assertThat(stored.read(ALICE, DEVICE).block()).isEqualTo(known);
    }

    @Test
    void recordUseShouldNotRewriteWithinTheInterval() {
        nodeA.recordUse(DEVICE, ALICE, T0).block();

        nodeA.recordUse(DEVICE, ALICE, T0.plus(Duration.ofMinutes(1))).block();

        assertThat(nodeA.accounts(DEVICE).collectList().block()).containsExactly(AccountUse.of(ALICE, DEVICE, T0));
    }

    @Test
    void recordUseShouldWriteOnceTheIntervalHasPassed() {
        nodeA.recordUse(DEVICE, ALICE, T0).block();
        Instant later = T0.plus(INTERVAL);

        nodeA.recordUse(DEVICE, ALICE, later).block();

        assertThat(nodeA.accounts(DEVICE).collectList().block()).containsExactly(AccountUse.of(ALICE, DEVICE, later));
    }

    @Test
    void recordUseShouldWriteAgainAfterTheAccountIsDeleted() {
        nodeA.recordUse(DEVICE, ALICE, T0).block();
        nodeA.deleteAll(ALICE).block();

        nodeA.recordUse(DEVICE, ALICE, T0.plus(Duration.ofMinutes(1))).block();

        assertThat(nodeA.accounts(DEVICE).collectList().block())
            .containsExactly(AccountUse.of(ALICE, DEVICE, T0.plus(Duration.ofMinutes(1))));
    }

    @Test
    void recordUseAndCountAccountsSinceShouldNotCountAgainWithinTheInterval() {
        assertThat(nodeA.recordUseAndCountAccountsSince(DEVICE, ALICE, T0, T0.minus(Duration.ofHours(1))).block()).isEqualTo(1L);
        nodeB.recordUse(DEVICE, BOB, T0).block();

        assertThat(nodeA.recordUseAndCountAccountsSince(DEVICE, ALICE, T0.plus(Duration.ofMinutes(1)), T0.minus(Duration.ofHours(1)))
            .blockOptional()).isEmpty();
    }

    @Test
    void recordUseAndCountAccountsSinceShouldCountWhenAnotherAccountUsesTheDevice() {
        nodeA.recordUseAndCountAccountsSince(DEVICE, ALICE, T0, T0.minus(Duration.ofHours(1))).block();

        assertThat(nodeA.recordUseAndCountAccountsSince(DEVICE, BOB, T0.plus(Duration.ofMinutes(1)), T0.minus(Duration.ofHours(1))).block())
            .isEqualTo(2L);
    }

    @Test
    void recordUseAndCountAccountsSinceShouldCountAgainOnceTheIntervalHasPassed() {
        nodeA.recordUseAndCountAccountsSince(DEVICE, ALICE, T0, T0.minus(Duration.ofHours(1))).block();
        nodeB.recordUse(DEVICE, BOB, T0).block();

        assertThat(nodeA.recordUseAndCountAccountsSince(DEVICE, ALICE, T0.plus(INTERVAL), T0.minus(Duration.ofHours(1))).block())
            .isEqualTo(2L);
    }

    @Test
    void recordUseAndCountAccountsSinceShouldCountAfterAUseRecordedWithoutCounting() {
        nodeA.recordUse(DEVICE, ALICE, T0).block();
        nodeB.recordUse(DEVICE, BOB, T0).block();

        assertThat(nodeA.recordUseAndCountAccountsSince(DEVICE, ALICE, T0.plus(Duration.ofMinutes(1)), T0.minus(Duration.ofHours(1))).block())
            .isEqualTo(2L);
        assertThat(nodeA.accounts(DEVICE).collectList().block()).contains(AccountUse.of(ALICE, DEVICE, T0));
    }

    @Test
    void recordUseAndCountAccountsSinceShouldCountEveryTimeWhenCoalescingIsDisabled() {
        CassandraDeviceHistory everyWrite = CassandraDeviceHistoryFixture.create(cassandra.getSession(),
            CassandraDeviceHistoryConfiguration.of(Duration.ofDays(1), Duration.ZERO));
        everyWrite.recordUseAndCountAccountsSince(DEVICE, ALICE, T0, T0.minus(Duration.ofHours(1))).block();

        assertThat(everyWrite.recordUseAndCountAccountsSince(DEVICE, ALICE, T0.plus(Duration.ofSeconds(1)), T0.minus(Duration.ofHours(1))).block())
            .isEqualTo(1L);
    }

    @Test
    void saveShouldWriteEveryTimeWhenCoalescingIsDisabled() {
        CassandraDeviceHistory everyWrite = CassandraDeviceHistoryFixture.create(cassandra.getSession(),
            CassandraDeviceHistoryConfiguration.of(Duration.ofDays(1), Duration.ZERO));

        Device updated = signIn(everyWrite, T0.plus(Duration.ofMinutes(1)));

        assertThat(stored.read(ALICE, DEVICE).block()).isEqualTo(updated);
    }
}
