package org.jamesclientid.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jamesclientid.alert.NoticeLimits;
import org.jamesclientid.alert.NoticeLimitsConfiguration;
import org.jamesclientid.alert.NoticeLimitsContract;
import org.jamesclientid.device.DeviceId;
import org.jamesclientid.policy.Alert;
import org.jamesclientid.testing.cassandra.CassandraExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

class CassandraNoticeLimitsTest implements NoticeLimitsContract {
    @RegisterExtension
    static CassandraExtension cassandra = new CassandraExtension();

    private CassandraNoticeLimits limits;

    @BeforeAll
    static void createTables() {
        CassandraDeviceHistoryTables.createMissing(cassandra.getSession());
    }

    @BeforeEach
    void setUp() {
        limits = noticeLimits(CONFIGURATION);
    }

    @Override
    public NoticeLimits noticeLimits() {
        return limits;
    }

    /**
     * Another node's limits on the same tables: nothing counted yet only because the extension truncates every table
     * after each test, and a contract test uses either these or {@link #noticeLimits()}. The tests below use both, as
     * two nodes.
     */
    @Override
    public CassandraNoticeLimits noticeLimits(NoticeLimitsConfiguration configuration) {
        return new CassandraNoticeLimits(new CassandraRecentNoticeDAO(cassandra.getSession()),
            new CassandraDailyNoticeDAO(cassandra.getSession()), configuration);
    }

    @Test
    void admitShouldSuppressOnOneNodeTheNoticeAnotherNodeSentWithinTheInterval() {
        NoticeLimits otherNode = noticeLimits(CONFIGURATION);

        assertThat(limits.admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW).block()).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(otherNode.admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW.plusSeconds(60)).block()).isEqualTo(NoticeLimits.Verdict.SUPPRESS);
        assertThat(otherNode.admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW.plusSeconds(3600)).block()).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(limits.admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW.plusSeconds(3660)).block()).isEqualTo(NoticeLimits.Verdict.SUPPRESS);
    }

    @Test
    void admitShouldCountTheNoticesOfEveryNodeTowardTheDailyLimit() {
        NoticeLimits otherNode = noticeLimits(CONFIGURATION);

        assertThat(limits.admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW).block()).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(otherNode.admit(ALICE, PHONE, Alert.Kind.DEVICE_BLOCKED, NOW).block()).isEqualTo(NoticeLimits.Verdict.SEND);
        assertThat(limits.admit(ALICE, TABLET, Alert.Kind.DEVICE_BLOCKED, NOW).block()).isEqualTo(NoticeLimits.Verdict.DIGEST);
        assertThat(otherNode.admit(ALICE, TABLET, Alert.Kind.DEVICE_DENIED, NOW).block()).isEqualTo(NoticeLimits.Verdict.SUPPRESS);
    }

    @Test
    void admitShouldSendAtMostPerDayAndOneDigestWhenTwoNodesAdmitAtOnce() {
        int perDay = 5;
        int notices = 40;
        NoticeLimitsConfiguration configuration = NoticeLimitsConfiguration.of(Duration.ofHours(1), perDay);
        List<NoticeLimits> nodes = List.of(noticeLimits(configuration), noticeLimits(configuration));

        List<NoticeLimits.Verdict> verdicts = Flux.range(0, notices)
            .flatMap(i -> nodes.get(i % 2).admit(ALICE, Optional.of(DeviceId.of(String.format("%024x", i))), Alert.Kind.DEVICE_BLOCKED, NOW)
                .subscribeOn(Schedulers.boundedElastic()), notices)
            .collectList()
            .block();

        assertThat(verdicts).hasSize(notices);
        assertThat(verdicts).filteredOn(verdict -> verdict == NoticeLimits.Verdict.SEND).hasSize(perDay);
        assertThat(verdicts).filteredOn(verdict -> verdict == NoticeLimits.Verdict.DIGEST).hasSize(1);
    }

    @Test
    void admitShouldKeepTheClaimForTheIntervalAndTheDayForTwoDays() {
        limits.admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW).block();

        int claimTtl = cassandra.getSession().execute("SELECT TTL(sent_at) FROM clientid_recent_notices").one().getInt(0);
        int dayTtl = cassandra.getSession().execute("SELECT TTL(sent) FROM clientid_daily_notices").one().getInt(0);

        assertThat(claimTtl).isBetween((int) Duration.ofHours(1).minusMinutes(1).getSeconds(), (int) Duration.ofHours(1).getSeconds());
        assertThat(dayTtl).isBetween((int) Duration.ofDays(2).minusMinutes(1).getSeconds(), (int) Duration.ofDays(2).getSeconds());
    }

    @Test
    void admitShouldLeaveNoClaimWhenTheDailyLimitRefusedTheNotice() {
        limits.admit(ALICE, LAPTOP, Alert.Kind.DEVICE_BLOCKED, NOW).block();
        limits.admit(ALICE, PHONE, Alert.Kind.DEVICE_BLOCKED, NOW).block();
        limits.admit(ALICE, TABLET, Alert.Kind.DEVICE_BLOCKED, NOW).block();
        limits.admit(ALICE, TABLET, Alert.Kind.DEVICE_DENIED, NOW).block();

        assertThat(cassandra.getSession().execute("SELECT device_id, kind FROM clientid_recent_notices").all()).hasSize(2);
    }
}
